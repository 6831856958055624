// SPDX-License-Identifier: GPL-3.0-or-later
// The account and cluster item models: QAbstractItemModelTester through load, sort and filter.
#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include "items/accounttablemodel.h"
#include "items/casequeries.h"
#include "items/clustertablemodel.h"
#include "guitestutil.h"
#include "store/casefile.h"

using namespace quarry::gui;

class TestGuiModels final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void accountModel();
    void accountModelAtScale();
    void accountTableShowsHiddenCharacters();
    void clusterModel();

private:
    QTemporaryDir dir_;
    QString case_;
};

void TestGuiModels::initTestCase() {
    QVERIFY(dir_.isValid());
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
}

void TestGuiModels::accountModel() {
    auto file = openReadOnly(case_);
    QVERIFY(file);
    std::vector<AccountRecord> accounts = loadAccounts(file->db());
    QCOMPARE(static_cast<int64_t>(accounts.size()),
             static_cast<int64_t>(460));  // 400 benign and hard negatives + 60 campaign accounts
    AccountTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccounts(accounts, loadTopics(file->db()));
    QCOMPARE(model.rowCount(), 460);
    // Default order: score, highest first.
    QVERIFY(model.recordAt(0)->score >= model.recordAt(model.rowCount() - 1)->score);
    for (int col = 0; col < AccountTableModel::ColumnCount; ++col) {
        model.sort(col, Qt::AscendingOrder);
        model.sort(col, Qt::DescendingOrder);
    }
    model.sort(AccountTableModel::Requests, Qt::AscendingOrder);
    for (int r = 1; r < model.rowCount(); ++r) QVERIFY(model.recordAt(r - 1)->requests <= model.recordAt(r)->requests);

    const QString needle = accounts.front().name.mid(1, 4);
    model.setTextFilter(needle);
    QVERIFY(model.rowCount() >= 1);
    for (int r = 0; r < model.rowCount(); ++r) QVERIFY(model.recordAt(r)->name.contains(needle, Qt::CaseInsensitive));
    model.setTextFilter(QString());
    model.setFlaggedOnly(true);
    QVERIFY(model.rowCount() > 0 && model.rowCount() < 460);
    for (int r = 0; r < model.rowCount(); ++r) QVERIFY(model.recordAt(r)->flagged);
    model.setFlaggedOnly(false);
    model.setIdFilter({accounts[3].id, accounts[5].id});
    QCOMPARE(model.rowCount(), 2);
    model.clearIdFilter();
    QCOMPARE(model.rowCount(), 460);
    QVERIFY(model.rowOfAccount(accounts[7].id) >= 0);
}

void TestGuiModels::accountTableShowsHiddenCharacters() {
    // "acct\u202egpj.exe" would read "acctexe.jpg"; the table shows the override instead.
    std::vector<AccountRecord> accounts(2);
    accounts[0].id = 1;
    accounts[0].name = QStringLiteral("acct\u202egpj.exe");
    accounts[1].id = 2;
    accounts[1].name = QStringLiteral("acct\u200b7");
    AccountTableModel model;
    model.setAccounts(accounts, {});
    QStringList shown;
    for (int r = 0; r < model.rowCount(); ++r) shown << model.index(r, AccountTableModel::Account).data().toString();
    shown.sort();
    QCOMPARE(shown, (QStringList{QStringLiteral("acct<U+200B>7"), QStringLiteral("acct<U+202E>gpj.exe")}));
}

void TestGuiModels::accountModelAtScale() {
    // 100,000 synthetic accounts: sort and filter stay interactive.
    std::vector<AccountRecord> many(100000);
    for (size_t i = 0; i < many.size(); ++i) {
        many[i].id = static_cast<int64_t>(i);
        many[i].name = QStringLiteral("acct_%1").arg((i * 7919) % 100003, 6, 10, QLatin1Char('0'));
        many[i].score = double((i * 31) % 1000) / 1000.0;
        many[i].requests = static_cast<int64_t>((i * 13) % 5000);
        many[i].cluster = static_cast<int64_t>(i % 97);
    }
    AccountTableModel model;
    model.setAccounts(std::move(many), {});
    QElapsedTimer t;
    t.start();
    model.sort(AccountTableModel::Account, Qt::AscendingOrder);
    const qint64 sortName = t.restart();
    model.sort(AccountTableModel::Requests, Qt::DescendingOrder);
    const qint64 sortRequests = t.restart();
    model.setTextFilter(QStringLiteral("0042"));
    const qint64 filter = t.restart();
    qInfo("100k accounts: sort by name %lld ms, by requests %lld ms, filter %lld ms", sortName, sortRequests, filter);
    QVERIFY(model.rowCount() > 0);
    QVERIFY2(sortName < 1000 && sortRequests < 1000 && filter < 1000, "too slow for interactive use");
    QCOMPARE(static_cast<int>(model.rowsOfCluster(5).size()) > 0, true);
}

void TestGuiModels::clusterModel() {
    auto file = openReadOnly(case_);
    QVERIFY(file);
    ClusterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<ClusterRecord> clusters = loadClusters(file->db());
    QVERIFY(!clusters.empty());
    model.setClusters(clusters);
    QCOMPARE(model.rowCount(), static_cast<int>(clusters.size()));
    // The order the CLI's `clusters` lists them in: flagged first, then highest score.
    for (int r = 1; r < model.rowCount(); ++r) {
        const ClusterRecord* prev = model.clusterAt(r - 1);
        const ClusterRecord* cur = model.clusterAt(r);
        QVERIFY(prev->flagged > cur->flagged || (prev->flagged == cur->flagged && prev->score >= cur->score));
    }
    QVERIFY(model.clusterAt(0)->flagged);
    QVERIFY(!model.data(model.index(0, ClusterTableModel::TopReason)).toString().isEmpty());
    QCOMPARE(model.rowOfCluster(clusters[1].id), 1);
}

QTEST_MAIN(TestGuiModels)
#include "tst_gui_models.moc"
