// SPDX-License-Identifier: GPL-3.0-or-later
// The Requests dock on a generated, analysed case: counts and rows match independent SQL, paging
// walks every row once in (account, time, id) order, the side pane shows the full prompt as
// plain text, and a new selection never shows rows of the previous one.
#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "panels/accountpanel.h"
#include "items/casequeries.h"
#include "guitestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "panels/requestpanel.h"
#include "store/casefile.h"
#include "store/sqlite.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

class TestGuiRequests final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void modelPassesTester();
    void accountCountMatchesSql();
    void clusterCountMatchesSql();
    void timeRangeAndTopicMatchSql();
    void scrollingToTheEndFetchesEveryRowInOrder();
    void wholeCaseCountAndPaging();
    void sidePaneShowsFullPrompt();
    void hostilePromptShowsLiterally();
    void newSelectionWhileLoadingDoesNotMix();
    void dockFollowsAccountSelection();

private:
    // Fetches every page and waits for the count.
    static bool loadAll(RequestTableModel* model);
    std::vector<int64_t> ids(const QString& sqlText) const;
    int64_t scalar(const QString& sqlText) const;
    QVector<qint64> busiestAccounts(int n) const;

    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
};

void TestGuiRequests::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

// The loaded row showing this request; -1 when it is not there.
static int rowOfRequest(const RequestTableModel* model, int64_t id) {
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->rowAt(r)->id == id) return r;
    return -1;
}

bool TestGuiRequests::loadAll(RequestTableModel* model) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 120000) {
        if (model->canFetchMore()) model->fetchMore();
        if (!model->canFetchMore() && !model->loading()) return true;
        QTest::qWait(5);
    }
    return false;
}

std::vector<int64_t> TestGuiRequests::ids(const QString& sqlText) const {
    std::vector<int64_t> out;
    sql::Statement s(file_->db(), sqlText.toStdString());
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

int64_t TestGuiRequests::scalar(const QString& sqlText) const {
    return sql::queryInt(file_->db(), sqlText.toStdString(), -1);
}

QVector<qint64> TestGuiRequests::busiestAccounts(int n) const {
    QVector<qint64> out;
    for (int64_t id : ids(QStringLiteral("SELECT account_id FROM requests GROUP BY account_id "
                                         "ORDER BY count(*) DESC, account_id LIMIT %1")
                              .arg(n)))
        out.push_back(id);
    return out;
}

void TestGuiRequests::modelPassesTester() {
    RequestPanel panel;
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection(busiestAccounts(3), -1, -1, -1);
    QVERIFY(loadAll(panel.model()));
    QVERIFY(panel.model()->rowCount() > 0);
    panel.setSelection({}, -1, -1, -1);
    panel.model()->fetchMore();
    QTRY_VERIFY(panel.model()->rowCount() > 0);
}

void TestGuiRequests::accountCountMatchesSql() {
    const qint64 account = busiestAccounts(1).front();
    const int64_t expected =
        scalar(QStringLiteral("SELECT count(*) FROM requests WHERE account_id = %1").arg(account));
    QVERIFY(expected > RequestTableModel::kPageSize);  // so that paging is exercised
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection({account}, -1, -1, -1);
    QTRY_COMPARE(panel.model()->totalCount(), expected);
    QVERIFY(panel.status()->text().contains(QLocale().toString(expected)));
    QVERIFY(loadAll(panel.model()));
    QCOMPARE(panel.model()->rowCount(), static_cast<int>(expected));
    for (int r = 0; r < panel.model()->rowCount(); ++r)
        QCOMPARE(panel.model()->rowAt(r)->account, account);
}

void TestGuiRequests::clusterCountMatchesSql() {
    // A whole cluster, as a pick in the cluster table asks for it: its count comes from the
    // analysis (one statement over the member ids), with and without a topic, and must be the
    // count of its requests all the same.
    const int64_t cluster = scalar(QStringLiteral(
        "SELECT cluster_id FROM account_features WHERE cluster_id IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC LIMIT 1"));
    const std::vector<int64_t> members =
        ids(QStringLiteral("SELECT account_id FROM account_features WHERE cluster_id = %1")
                .arg(cluster));
    QVERIFY(members.size() > 2);
    const int64_t topic = scalar(
        QStringLiteral(
            "SELECT rt.topic_id FROM requests r JOIN request_topics rt ON rt.id = r.id JOIN "
            "account_features f ON f.account_id = r.account_id WHERE f.cluster_id = %1 GROUP BY 1 "
            "ORDER BY count(*) DESC LIMIT 1")
            .arg(cluster));
    const int64_t all = scalar(QStringLiteral("SELECT count(*) FROM requests r JOIN "
                                              "account_features f ON f.account_id = r.account_id "
                                              "WHERE f.cluster_id = %1")
                                   .arg(cluster));
    const int64_t onTopic =
        scalar(QStringLiteral(
                   "SELECT count(*) FROM requests r JOIN request_topics rt ON rt.id = r.id JOIN "
                   "account_features f ON f.account_id = r.account_id WHERE f.cluster_id = %1 AND "
                   "rt.topic_id = %2")
                   .arg(cluster)
                   .arg(topic));
    QVERIFY(onTopic > 0 && onTopic < all);
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    const QVector<qint64> picked(members.begin(), members.end());
    panel.setSelection(picked, -1, -1, -1);
    QTRY_COMPARE(panel.model()->totalCount(), all);
    panel.setSelection(picked, -1, -1, topic);
    QTRY_COMPARE(panel.model()->totalCount(), onTopic);
}

void TestGuiRequests::timeRangeAndTopicMatchSql() {
    const qint64 account = busiestAccounts(1).front();
    const int64_t topic = scalar(
        QStringLiteral("SELECT rt.topic_id FROM requests r JOIN request_topics rt ON rt.id = r.id "
                       "WHERE r.account_id = %1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
            .arg(account));
    QVERIFY(topic >= 0);
    const int64_t lo =
        scalar(QStringLiteral("SELECT min(ts) FROM requests WHERE account_id = %1").arg(account));
    const int64_t hi =
        scalar(QStringLiteral("SELECT max(ts) FROM requests WHERE account_id = %1").arg(account));
    const int64_t from = lo + (hi - lo) / 4, to = hi - (hi - lo) / 4;
    const std::vector<int64_t> expected =
        ids(QStringLiteral("SELECT r.id FROM requests r JOIN request_topics rt ON rt.id = r.id "
                           "WHERE r.account_id = %1 "
                           "AND r.ts >= %2 AND r.ts <= %3 AND rt.topic_id = %4 ORDER BY r.ts, r.id")
                .arg(account)
                .arg(from)
                .arg(to)
                .arg(topic));
    QVERIFY(!expected.empty());
    const int64_t all =
        scalar(QStringLiteral("SELECT count(*) FROM requests WHERE account_id = %1").arg(account));
    QVERIFY(static_cast<int64_t>(expected.size()) < all);  // the filters really filter
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection({account}, from, to, topic);
    QVERIFY(loadAll(panel.model()));
    QCOMPARE(panel.model()->totalCount(), static_cast<int64_t>(expected.size()));
    std::vector<int64_t> got;
    for (int r = 0; r < panel.model()->rowCount(); ++r) got.push_back(panel.model()->rowAt(r)->id);
    QCOMPARE(got, expected);
}

void TestGuiRequests::scrollingToTheEndFetchesEveryRowInOrder() {
    const QVector<qint64> accounts = busiestAccounts(6);
    QStringList list;
    for (qint64 a : accounts) list << QString::number(a);
    const std::vector<int64_t> expected =
        ids(QStringLiteral("SELECT id FROM requests WHERE account_id IN (%1) "
                           "ORDER BY account_id, ts, id")
                .arg(list.join(QLatin1Char(','))));
    QVERIFY(expected.size() > 3 * RequestTableModel::kPageSize);
    RequestPanel panel;
    panel.resize(1000, 500);
    panel.show();
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection(accounts, -1, -1, -1);
    // Scroll the view itself: it asks for more rows whenever its end comes into view.
    QElapsedTimer t;
    t.start();
    while (panel.model()->canFetchMore() && t.elapsed() < 120000) {
        panel.view()->scrollToBottom();
        QTest::qWait(10);
    }
    QTRY_VERIFY(!panel.model()->loading());
    QCOMPARE(panel.model()->rowCount(), static_cast<int>(expected.size()));
    std::vector<int64_t> got;
    for (int r = 0; r < panel.model()->rowCount(); ++r) got.push_back(panel.model()->rowAt(r)->id);
    QCOMPARE(got, expected);  // same rows, same order, so no duplicates either
}

void TestGuiRequests::wholeCaseCountAndPaging() {
    const int64_t total = scalar(QStringLiteral("SELECT count(*) FROM requests"));
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection({}, -1, -1, -1);
    QTRY_COMPARE(panel.model()->totalCount(), total);
    QVERIFY(loadAll(panel.model()));
    QCOMPARE(panel.model()->rowCount(), static_cast<int>(total));
    for (int r = 1; r < panel.model()->rowCount(); ++r) {
        const RequestRow* a = panel.model()->rowAt(r - 1);
        const RequestRow* b = panel.model()->rowAt(r);
        QVERIFY(std::tie(a->account, a->ts, a->id) < std::tie(b->account, b->ts, b->id));
    }
}

void TestGuiRequests::sidePaneShowsFullPrompt() {
    // The longest prompt: longer than the table's preview.
    const int64_t id = scalar(
        QStringLiteral("SELECT id FROM request_text ORDER BY length(prompt) DESC, id LIMIT 1"));
    QVERIFY(id >= 0);
    const qint64 account =
        scalar(QStringLiteral("SELECT account_id FROM requests WHERE id = %1").arg(id));
    sql::Statement s(file_->db(), "SELECT prompt FROM request_text WHERE id = ?");
    s.bind(1, id);
    QVERIFY(s.step());
    const QString prompt = s.text(0);
    QVERIFY(prompt.size() > 160);
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    panel.setSelection({account}, -1, -1, -1);
    QVERIFY(loadAll(panel.model()));
    const int row = rowOfRequest(panel.model(), id);
    QVERIFY(row >= 0);
    QVERIFY(
        !panel.model()->index(row, RequestTableModel::Preview).data().toString().contains(prompt));
    panel.view()->setCurrentIndex(panel.model()->index(row, 0));
    QTRY_VERIFY(panel.details()->toPlainText().contains(prompt));
    QVERIFY(panel.details()->toPlainText().contains(formatUtc(panel.model()->rowAt(row)->ts)));
    QVERIFY(panel.details()->toPlainText().contains(panel.model()->rowAt(row)->accountName));
}

void TestGuiRequests::hostilePromptShowsLiterally() {
    // A copy of the case with one prompt rewritten to markup.
    const QString copy = dir_.filePath(QStringLiteral("hostile.quarry"));
    QVERIFY(QFile::copy(case_, copy));
    const int64_t id = scalar(QStringLiteral("SELECT id FROM requests ORDER BY id LIMIT 1"));
    const qint64 account =
        scalar(QStringLiteral("SELECT account_id FROM requests WHERE id = %1").arg(id));
    const QString hostile = QStringLiteral("<b>x</b> <img src=y> &amp;");
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(copy.toUtf8().constData(), &db), SQLITE_OK);
        sql::Statement s(db, "UPDATE request_text SET prompt = ? WHERE id = ?");
        const QByteArray utf8 = hostile.toUtf8();
        s.bindText(1, std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
        s.bind(2, id);
        QVERIFY(s.run());
        s = {};
        sqlite3_close(db);
    }
    RequestPanel panel;
    panel.setCase(copy, loadTopics(file_->db()));
    panel.setSelection({account}, -1, -1, -1);
    QVERIFY(loadAll(panel.model()));
    const int row = rowOfRequest(panel.model(), id);
    QVERIFY(row >= 0);
    QCOMPARE(panel.model()->index(row, RequestTableModel::Preview).data().toString(), hostile);
    panel.view()->setCurrentIndex(panel.model()->index(row, 0));
    QTRY_VERIFY(panel.details()->toPlainText().endsWith(hostile));
}

void TestGuiRequests::newSelectionWhileLoadingDoesNotMix() {
    const QVector<qint64> busy = busiestAccounts(40);
    const qint64 other = busiestAccounts(41).back();
    const int64_t expected =
        scalar(QStringLiteral("SELECT count(*) FROM requests WHERE account_id = %1").arg(other));
    RequestPanel panel;
    panel.setCase(case_, loadTopics(file_->db()));
    for (int round = 0; round < 5; ++round) {
        panel.setSelection({}, -1, -1, -1);  // the whole case: a long count
        panel.model()->fetchMore();
        panel.setSelection(busy, -1, -1, -1);
        panel.model()->fetchMore();
        QTest::qWait(round);  // let some of it run on the worker
        panel.setSelection({other}, -1, -1, -1);
        QVERIFY(loadAll(panel.model()));
        QCOMPARE(panel.model()->totalCount(), expected);
        QCOMPARE(panel.model()->rowCount(), static_cast<int>(expected));
        for (int r = 0; r < panel.model()->rowCount(); ++r)
            QCOMPARE(panel.model()->rowAt(r)->account, other);
    }
}

void TestGuiRequests::dockFollowsAccountSelection() {
    MainWindow w(false);
    QVERIFY(w.openCase(case_));
    QTRY_VERIFY(!w.busy());
    const QVector<qint64> two = busiestAccounts(2);
    QVERIFY(w.selection()->selectAccount(two[0]));
    const int64_t one =
        scalar(QStringLiteral("SELECT count(*) FROM requests WHERE account_id = %1").arg(two[0]));
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts, std::vector<int64_t>{two[0]});
    QTRY_COMPARE(w.requests()->requestPanel()->model()->totalCount(), one);
    // A multi-selection in the account table: the requests of both.
    QVERIFY(w.selection()->accountPanel()->selectAccounts({two[0], two[1]}) == 2);
    const int64_t both =
        scalar(QStringLiteral("SELECT count(*) FROM requests WHERE account_id IN (%1, %2)")
                   .arg(two[0])
                   .arg(two[1]));
    QTRY_COMPARE(w.requests()->requestPanel()->model()->totalCount(), both);
    // The filter signal other panels use.
    w.session()->requestRequests({two[1]}, -1, -1, -1);
    QTRY_COMPARE(w.requests()->requestPanel()->model()->query().accounts, std::vector<int64_t>{two[1]});
}

QTEST_MAIN(TestGuiRequests)
#include "tst_gui_requests.moc"
