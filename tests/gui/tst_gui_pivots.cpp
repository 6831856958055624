// SPDX-License-Identifier: GPL-3.0-or-later
// Pivots and search by field on a hand-made case whose sharing is known by construction: five
// accounts with shared and private IPs, subnets, payment fingerprints, API keys, organisations,
// user agents and models, one account named like a spreadsheet formula with a tab, and a prompt
// with a line break, a tab and HTML. Each pivot and each field:value search must return exactly
// the accounts that share the value, on the analysed case (per-account tables) and on an
// unanalysed copy (request scan); the filter chip clears; Copy puts safe TSV on the clipboard.
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <sqlite3.h>

#include <set>

#include "casesession.h"
#include "guitestutil.h"
#include "items/pivotqueries.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/filterchip.h"
#include "panels/promptwindow.h"
#include "panels/requestpanel.h"
#include "pivotcontroller.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "viewscontroller.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

namespace {

const QString kEve = QStringLiteral("=cmd|' /C calc'!A0\tx");  // a formula with a tab in it
const QString kHostilePrompt = QStringLiteral("line one\n=2+3\tcell <b>html</b>");

struct Req {
    QString account, ip, ua, payment, key, org, model, prompt;
};

QString csvField(const QString& v) {
    return QLatin1Char('"') + QString(v).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

// The rows of the case: who shares what is read off this table.
std::vector<Req> requests() {
    std::vector<Req> out;
    const QStringList algos = {QStringLiteral("quicksort"), QStringLiteral("heapsort")};
    const QStringList nets = {QStringLiteral("TCP"), QStringLiteral("UDP")};
    for (int i = 0; i < 4; ++i) {
        out.push_back(
            {QStringLiteral("alice"), QStringLiteral("203.0.113.7"), QStringLiteral("curl/8.0"),
             QStringLiteral("fp_shared"), QStringLiteral("key_A"), QStringLiteral("org_1"),
             QStringLiteral("m-large"),
             QStringLiteral("Explain step by step how %1 works and list every intermediate state "
                            "you go through before you give the final answer")
                 .arg(algos[i % 2])});
        out.push_back(
            {QStringLiteral("bob"), QStringLiteral("203.0.113.8"), QStringLiteral("curl/8.0"),
             QStringLiteral("fp_bob"), QStringLiteral("key_X"), QStringLiteral("org_1"),
             QStringLiteral("m-large"),
             QStringLiteral("Explain step by step how %1 works and list every intermediate state "
                            "you go through before you give the final answer")
                 .arg(nets[i % 2])});
        out.push_back({QStringLiteral("carol"), QStringLiteral("203.0.113.9"),
                       QStringLiteral("python-requests/2.31"), QString(), QStringLiteral("key_X"),
                       QStringLiteral("org_1"), QStringLiteral("m-large"),
                       QStringLiteral("What is the weather like in Paris on day %1").arg(i)});
        out.push_back({QStringLiteral("dave"),
                       i == 0 ? QStringLiteral("203.0.113.7") : QStringLiteral("198.51.100.5"),
                       QStringLiteral("Go-http-client/1.1"), QStringLiteral("fp_shared"),
                       QStringLiteral("key_D"), QStringLiteral("org_2"),
                       i == 0 ? QStringLiteral("m-small") : QStringLiteral("m-large"),
                       QStringLiteral("Write a short poem about the sea number %1").arg(i)});
        out.push_back({kEve, QStringLiteral("192.0.2.1"), QStringLiteral("eve-client"), QString(),
                       QString(), QString(), QStringLiteral("m-large"), kHostilePrompt});
    }
    return out;
}

// Fetches the request table's pages until it holds n rows.
bool loadRows(RequestTableModel* model, int n) {
    return QTest::qWaitFor(
        [&] {
            if (model->canFetchMore()) model->fetchMore();
            return model->rowCount() == n && !model->loading();
        },
        20000);
}

bool writeCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    QString text = QStringLiteral(
        "request_id,timestamp,account_id,ip,user_agent,payment_fingerprint,"
        "api_key_id,organization_id,model,prompt\n");
    int n = 0;
    for (const Req& r : requests()) {
        QStringList cells = {QStringLiteral("r%1").arg(n),
                             QString::number(1767225600 + n * 60),
                             r.account,
                             r.ip,
                             r.ua,
                             r.payment,
                             r.key,
                             r.org,
                             r.model,
                             r.prompt};
        for (QString& c : cells) c = csvField(c);
        text += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
        ++n;
    }
    return f.write(text.toUtf8()) > 0;
}

}  // namespace

class TestGuiPivots final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pivotsReturnExactlyTheSharers_data();
    void pivotsReturnExactlyTheSharers();
    void searchFieldValue_data();
    void searchFieldValue();
    void templateSearchMatchesTheAnalysis();
    void searchesUseIndexesNotTheRequests();
    void accountMenuCountsAndFilterChip();
    void ipInTheAccountFieldFindsItsAccounts();
    void copyRowsIsSafeTsv();
    void requestMenuPivotsOnTheRequestsValues();
    void promptWindowShowsHtmlLiterally();
    void graphKeyMenuPivots();
    void plotPointAndCellMenus();

private:
    std::set<QString> names(sqlite3* db, const std::vector<int64_t>& ids) const;
    static std::set<QString> set(const QStringList& l) { return {l.begin(), l.end()}; }
    static std::set<QString> set(std::initializer_list<const char*> l) { return set(strs(l)); }
    static QStringList strs(std::initializer_list<const char*> l) {
        QStringList out;
        for (const char* s : l) out << QString::fromUtf8(s);
        return out;
    }
    bool openWindow(MainWindow& w, const QString& path);

    QTemporaryDir dir_;
    QString analysed_, raw_;
    std::unique_ptr<quarry::CaseFile> file_, rawFile_;
};

void TestGuiPivots::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    const QString csv = dir_.filePath(QStringLiteral("requests.csv"));
    QVERIFY(writeCsv(csv));
    analysed_ = dir_.filePath(QStringLiteral("a.quarry"));
    raw_ = dir_.filePath(QStringLiteral("raw.quarry"));
    QString log;
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("import"), analysed_, csv}, &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("analyze"), analysed_}, &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("import"), raw_, csv}, &log),
             qPrintable(log));
    file_ = openReadOnly(analysed_, &log);
    QVERIFY2(file_, qPrintable(log));
    rawFile_ = openReadOnly(raw_, &log);
    QVERIFY2(rawFile_, qPrintable(log));
    QCOMPARE(sql::queryInt(file_->db(), "SELECT count(*) FROM accounts"), 5);
}

std::set<QString> TestGuiPivots::names(sqlite3* db, const std::vector<int64_t>& ids) const {
    std::set<QString> out;
    for (int64_t id : ids) out.insert(quarry::reads::accountName(db, id));
    return out;
}

bool TestGuiPivots::openWindow(MainWindow& w, const QString& path) {
    QString error;
    if (!w.openCase(path, &error)) return false;
    if (!QTest::qWaitFor([&] { return !w.busy(); }, 30000)) return false;
    return w.selection()->accountPanel()->model()->totalCount() == 5;
}

void TestGuiPivots::pivotsReturnExactlyTheSharers_data() {
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char* name, SearchField f, const char* v,
                        std::initializer_list<const char*> e) {
        QTest::newRow(name) << static_cast<int>(f) << QString::fromUtf8(v) << strs(e);
    };
    row("ip", SearchField::Ip, "203.0.113.7", {"alice", "dave"});
    row("subnet", SearchField::Subnet, "203.0.113.0/24", {"alice", "bob", "carol", "dave"});
    row("subnet of another", SearchField::Subnet, "198.51.100.0/24", {"dave"});
    row("payment", SearchField::Payment, "fp_shared", {"alice", "dave"});
    row("payment alone", SearchField::Payment, "fp_bob", {"bob"});
    row("key", SearchField::ApiKey, "key_X", {"bob", "carol"});
    row("organisation", SearchField::Organization, "org_1", {"alice", "bob", "carol"});
    row("user agent", SearchField::UserAgent, "curl/8.0", {"alice", "bob"});
    row("model", SearchField::Model, "m-small", {"dave"});
    row("no such value", SearchField::Payment, "fp_", {});
    row("account", SearchField::Account, "alice", {"alice"});
}

void TestGuiPivots::pivotsReturnExactlyTheSharers() {
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QStringList, expected);
    const auto f = static_cast<SearchField>(field);
    // The analysed case reads the per-account tables, the raw one scans its requests: both agree.
    QCOMPARE(names(file_->db(), accountsSharing(file_->db(), f, value)), set(expected));
    QCOMPARE(names(rawFile_->db(), accountsSharing(rawFile_->db(), f, value)), set(expected));
}

void TestGuiPivots::searchFieldValue_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("ip") << QStringLiteral("ip:203.0.113.7") << strs({"alice", "dave"});
    QTest::newRow("ip part") << QStringLiteral("ip:203.0.113")
                             << strs({"alice", "bob", "carol", "dave"});
    QTest::newRow("subnet") << QStringLiteral("subnet:203.0.113.0/24")
                            << strs({"alice", "bob", "carol", "dave"});
    QTest::newRow("subnet of an address")
        << QStringLiteral("subnet:198.51.100.77") << strs({"dave"});
    QTest::newRow("user agent") << QStringLiteral("ua:CURL") << strs({"alice", "bob"});
    QTest::newRow("user agent alias") << QStringLiteral("user-agent:python") << strs({"carol"});
    QTest::newRow("payment") << QStringLiteral("payment:fp_shared") << strs({"alice", "dave"});
    QTest::newRow("payment part") << QStringLiteral("payment:fp") << strs({"alice", "bob", "dave"});
    QTest::newRow("organisation") << QStringLiteral("org:org_2") << strs({"dave"});
    QTest::newRow("organization alias")
        << QStringLiteral("organization:org_") << strs({"alice", "bob", "carol", "dave"});
    QTest::newRow("key") << QStringLiteral("key:key_x") << strs({"bob", "carol"});
    QTest::newRow("model") << QStringLiteral("model:small") << strs({"dave"});
    QTest::newRow("account") << QStringLiteral("account:=cmd") << QStringList{kEve};
    // LIKE wildcards the analyst types match themselves, not everything.
    QTest::newRow("percent") << QStringLiteral("payment:%") << QStringList{};
    QTest::newRow("underscore") << QStringLiteral("key:key__") << QStringList{};
}

void TestGuiPivots::searchFieldValue() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const SearchQuery q = parseSearch(text, SearchField::Account);
    QVERIFY(q.fieldGiven);
    QCOMPARE(names(file_->db(), searchAccounts(file_->db(), q.field, q.text)), set(expected));
    QCOMPARE(names(rawFile_->db(), searchAccounts(rawFile_->db(), q.field, q.text)), set(expected));

    // The same through the account panel's search box, as the analyst types it.
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    AccountPanel* panel = w.selection()->accountPanel();
    panel->search(text);
    QTRY_VERIFY(!panel->searching());
    std::set<QString> shown;
    for (int r = 0; r < panel->model()->rowCount(); ++r)
        shown.insert(panel->model()->recordAt(r)->name);
    QCOMPARE(shown, set(expected));
}

void TestGuiPivots::templateSearchMatchesTheAnalysis() {
    // alice and bob send one template with a different word in it; their prompts' template keys
    // are shared, and a template pivot returns whoever the analysis saw sending it.
    sql::Statement s(file_->db(),
                     "SELECT template_key FROM account_templates GROUP BY template_key "
                     "ORDER BY count(*) DESC, template_key LIMIT 1");
    QVERIFY(s.step());
    const int64_t key = s.int64(0);
    std::vector<int64_t> expected;
    sql::Statement holders(file_->db(),
                           "SELECT account_id FROM account_templates WHERE template_key = ?");
    holders.bind(1, key);
    while (holders.step()) expected.push_back(holders.int64(0));
    QVERIFY(names(file_->db(), expected).count(QStringLiteral("alice")));
    QVERIFY(names(file_->db(), expected).count(QStringLiteral("bob")));
    const SearchQuery q =
        parseSearch(QStringLiteral("template:") + templateName(key), SearchField::Account);
    QCOMPARE(q.field, SearchField::Template);
    QCOMPARE(names(file_->db(), searchAccounts(file_->db(), q.field, q.text)),
             names(file_->db(), expected));
    QCOMPARE(templateKeyFromName(templateName(key)), key);
}

// Every statement the searches and pivots run on an analysed case is planned without scanning
// the request table (it has 16 million rows in a large case).
void TestGuiPivots::searchesUseIndexesNotTheRequests() {
    sqlite3* db = file_->db();
    QStringList statements;
    sqlite3_trace_v2(
        db, SQLITE_TRACE_STMT,
        [](unsigned, void* ctx, void* stmt, void*) -> int {
            static_cast<QStringList*>(ctx)->append(
                QString::fromUtf8(sqlite3_sql(static_cast<sqlite3_stmt*>(stmt))));
            return 0;
        },
        &statements);
    for (int f = 0; f < kSearchFieldCount; ++f) {
        searchAccounts(db, static_cast<SearchField>(f), QStringLiteral("a"));
        accountsSharing(db, static_cast<SearchField>(f), QStringLiteral("203.0.113.7"));
    }
    accountsSharing(db, SearchField::Subnet, QStringLiteral("203.0.113.0/24"));
    for (int64_t account = 0; account < 6; ++account) accountPivots(db, account);
    sqlite3_trace_v2(db, 0, nullptr, nullptr);
    QVERIFY(statements.size() > 20);
    for (const QString& statement : std::set<QString>(statements.begin(), statements.end())) {
        if (statement.startsWith(QLatin1String("PRAGMA"))) continue;
        sql::Statement plan(db, "EXPLAIN QUERY PLAN " + statement.toStdString());
        QVERIFY2(plan.valid(), qPrintable(statement));
        while (plan.step()) {
            const QString detail = plan.text(3);
            QVERIFY2(!detail.contains(QRegularExpression(QStringLiteral("^SCAN (requests|r)\\b"))),
                     qPrintable(statement + QStringLiteral(" -> ") + detail));
        }
    }
}

void TestGuiPivots::accountMenuCountsAndFilterChip() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    AccountPanel* panel = w.selection()->accountPanel();
    const int alice = panel->model()->rowOfAccount(
        *quarry::reads::accountId(file_->db(), QStringLiteral("alice")));
    QVERIFY(alice >= 0);
    QMenu* menu = w.pivots()->menuFor(panel->view(),
                                      panel->model()->index(alice, AccountTableModel::Account));
    QStringList texts;
    QAction* subnet = nullptr;
    for (QAction* a : menu->actions()) {
        texts << a->text();
        if (a->text() == QLatin1String("Accounts sharing subnet 203.0.113.0/24 (4)")) subnet = a;
    }
    for (const char* expected :
         {"Copy Value", "Copy Rows", "Filter to This", "Tag…",
          "Accounts sharing IP 203.0.113.7 (2)",
          "Accounts sharing payment fingerprint fp_shared (2)",
          "Accounts sharing organisation org_1 (3)", "Accounts sharing user agent curl/8.0 (2)",
          "Accounts sharing API key key_A (1)"})
        QVERIFY2(texts.contains(QString::fromUtf8(expected)),
                 qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY2(subnet, qPrintable(texts.join(QLatin1Char('|'))));
    subnet->trigger();
    delete menu;
    std::set<QString> shown;
    for (int r = 0; r < panel->model()->rowCount(); ++r)
        shown.insert(panel->model()->recordAt(r)->name);
    QCOMPARE(shown, set({"alice", "bob", "carol", "dave"}));
    QVERIFY(!panel->pivotChip()->isHidden());
    QCOMPARE(panel->pivotChip()->text(),
             QStringLiteral("Accounts sharing subnet 203.0.113.0/24: 4"));
    QVERIFY(panel->status()->text().startsWith(QLatin1String("4 of 5")));

    // The chip's [x] brings every account back.
    QTest::mouseClick(panel->pivotChip()->clearButton(), Qt::LeftButton);
    QVERIFY(panel->pivotChip()->isHidden());
    QCOMPARE(panel->model()->rowCount(), 5);

    // A pivot and a search combine; closing the case clears the pivot.
    QCOMPARE(w.pivots()->pivot(SearchField::Payment, QStringLiteral("fp_shared")), 2);
    panel->search(QStringLiteral("dav"));
    QCOMPARE(panel->model()->rowCount(), 1);
    w.closeCase();
    QVERIFY(panel->pivotChip()->isHidden());
    QVERIFY(!panel->model()->hasPivotFilter());
}

void TestGuiPivots::ipInTheAccountFieldFindsItsAccounts() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    AccountPanel* panel = w.selection()->accountPanel();
    QCOMPARE(panel->searchField()->currentIndex(), static_cast<int>(SearchField::Account));
    panel->search(QStringLiteral("203.0.113.7"));
    QTRY_VERIFY(!panel->searching());
    QTRY_COMPARE(panel->model()->rowCount(), 2);
    std::set<QString> shown;
    for (int r = 0; r < panel->model()->rowCount(); ++r)
        shown.insert(panel->model()->recordAt(r)->name);
    QCOMPARE(shown, set({"alice", "dave"}));
    QVERIFY2(panel->status()->text().contains(QLatin1String("ip:")),
             qPrintable(panel->status()->text()));
}

void TestGuiPivots::copyRowsIsSafeTsv() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    AccountPanel* panel = w.selection()->accountPanel();
    const int64_t eve = *quarry::reads::accountId(file_->db(), kEve);
    QVERIFY(panel->selectAccounts(
                {eve, *quarry::reads::accountId(file_->db(), QStringLiteral("bob"))}) == 2);
    const int row = panel->model()->rowOfAccount(eve);
    QMenu* menu =
        w.pivots()->menuFor(panel->view(), panel->model()->index(row, AccountTableModel::Account));
    for (QAction* a : menu->actions())
        if (a->text() == QLatin1String("Copy Rows")) a->trigger();
    const QStringList lines =
        QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);  // the header and two rows: the tab and newline split nothing
    QVERIFY(lines[0].startsWith(QLatin1String("Account\tScore\t")));
    for (const QString& line : lines) {
        QCOMPARE(line.count(QLatin1Char('\t')), AccountTableModel::ColumnCount - 1);
        for (const QString& cell : line.split(QLatin1Char('\t')))
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@").contains(cell.at(0)),
                     qPrintable(cell));
    }
    // The account table shows the name's tab escaped; the copy is what the table shows.
    QVERIFY(QApplication::clipboard()->text().contains(
        QStringLiteral("'=cmd|' /C calc'!A0<U+0009>x\t")));
    for (QAction* a : menu->actions())
        if (a->text() == QLatin1String("Copy Value")) a->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("'=cmd|' /C calc'!A0<U+0009>x"));
    delete menu;

    // Request rows whose prompt holds a line break, a tab and a formula: one line per row. The
    // request table follows the two selected accounts.
    RequestPanel* requests = w.requests()->requestPanel();
    QVERIFY(loadRows(requests->model(), 8));
    requests->view()->selectAll();
    menu = w.pivots()->menuFor(requests->view(),
                               requests->model()->index(0, RequestTableModel::Preview));
    for (QAction* a : menu->actions())
        if (a->text() == QLatin1String("Copy Rows")) a->trigger();
    delete menu;
    const QStringList requestLines =
        QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(requestLines.size(), 9);
    for (const QString& line : requestLines) {
        QCOMPARE(line.count(QLatin1Char('\t')), RequestTableModel::ColumnCount - 1);
        QVERIFY(!line.contains(QLatin1String("\t=")));
    }
}

void TestGuiPivots::requestMenuPivotsOnTheRequestsValues() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    RequestPanel* requests = w.requests()->requestPanel();
    const qint64 dave = *quarry::reads::accountId(file_->db(), QStringLiteral("dave"));
    requests->setSelection({dave}, -1, -1, -1);
    QVERIFY(loadRows(requests->model(), 4));
    // Dave's first request came from alice's address with the small model.
    int first = -1;
    for (int r = 0; r < 4; ++r)
        if (requests->model()->rowAt(r)->ip == QLatin1String("203.0.113.7")) first = r;
    QVERIFY(first >= 0);
    QMenu* menu = w.pivots()->menuFor(requests->view(),
                                      requests->model()->index(first, RequestTableModel::Ip));
    QStringList texts;
    for (QAction* a : menu->actions()) texts << a->text();
    for (const char* expected :
         {"Accounts sharing IP 203.0.113.7 (2)", "Accounts sharing subnet 203.0.113.0/24 (4)",
          "Accounts sharing model m-small (1)",
          "Accounts sharing payment fingerprint fp_shared (2)", "Filter to This", "Tag…"})
        QVERIFY2(texts.contains(QString::fromUtf8(expected)),
                 qPrintable(texts.join(QLatin1Char('|'))));
    for (QAction* a : menu->actions())
        if (a->text() == QLatin1String("Filter to This")) a->trigger();  // on the IP cell
    delete menu;
    AccountPanel* panel = w.selection()->accountPanel();
    QCOMPARE(panel->model()->rowCount(), 2);
    QCOMPARE(panel->pivotChip()->text(), QStringLiteral("Accounts sharing IP 203.0.113.7: 2"));
}

void TestGuiPivots::promptWindowShowsHtmlLiterally() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    RequestPanel* requests = w.requests()->requestPanel();
    // The prompt view takes a real share of the panel by default, not a sliver.
    const QList<int> sizes = requests->splitter()->sizes();
    QVERIFY(sizes.size() == 2 && sizes[1] * 3 >= sizes[0]);
    requests->setSelection({*quarry::reads::accountId(file_->db(), kEve)}, -1, -1, -1);
    QVERIFY(loadRows(requests->model(), 4));
    QVERIFY(requests->openInWindow() == nullptr);  // no current request yet
    requests->view()->setCurrentIndex(requests->model()->index(0, 0));
    PromptWindow* window = requests->openInWindow();
    QVERIFY(window);
    QTRY_VERIFY(window->text()->toPlainText().contains(kHostilePrompt));
    QVERIFY(window->text()->toPlainText().contains(QLatin1String("<b>html</b>")));
    QVERIFY(window->text()->isReadOnly());
    QVERIFY(window->text()->textInteractionFlags() & Qt::TextSelectableByMouse);
    window->close();
}

void TestGuiPivots::graphKeyMenuPivots() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    // A payment link key as the analysis stores it (a dictionary id) and as text.
    const int64_t id =
        sql::queryInt(file_->db(), "SELECT id FROM payments WHERE value = 'fp_shared'", -1);
    QVERIFY(id >= 0);
    for (const QString& key : {QString::number(id), QStringLiteral("fp_shared")}) {
        QMenu* menu = w.pivots()->keyMenu(QStringLiteral("payment"), key);
        QAction* pivot = nullptr;
        for (QAction* a : menu->actions())
            if (a->text() == QLatin1String("Accounts sharing payment fingerprint fp_shared (2)"))
                pivot = a;
        QVERIFY(pivot);
        pivot->trigger();
        delete menu;
        QCOMPARE(w.selection()->accountPanel()->model()->rowCount(), 2);
    }
    // A key the case cannot name (the graph's template group numbers) offers no pivot.
    QMenu* unnamed = w.pivots()->keyMenu(QStringLiteral("template"), QStringLiteral("prompt template group 3"));
    for (QAction* a : unnamed->actions()) QVERIFY(!a->text().startsWith(QLatin1String("Accounts sharing")));
    delete unnamed;
    QMenu* menu =
        w.pivots()->accountMenu(*quarry::reads::accountId(file_->db(), QStringLiteral("carol")));
    QStringList texts;
    for (QAction* a : menu->actions()) texts << a->text();
    QVERIFY2(texts.contains(QStringLiteral("Accounts sharing API key key_X (2)")),
             qPrintable(texts.join(QLatin1Char('|'))));
    delete menu;
}

void TestGuiPivots::plotPointAndCellMenus() {
    MainWindow w(false);
    QVERIFY(openWindow(w, analysed_));
    const int64_t dave = *quarry::reads::accountId(file_->db(), QStringLiteral("dave"));
    // Dave's request from alice's address: a timeline point's menu pivots on its own values.
    const int64_t request = sql::queryInt(
        file_->db(),
        ("SELECT r.id FROM requests r JOIN ips i ON i.id = r.ip_id WHERE r.account_id = " +
         std::to_string(dave) + " AND i.value = '203.0.113.7'"),
        -1);
    QVERIFY(request >= 0);
    QMenu* menu = w.pivots()->requestMenu(dave, request);
    QStringList texts;
    QAction* show = nullptr;
    for (QAction* a : menu->actions()) {
        texts << a->text();
        if (a->text() == QLatin1String("Show in Requests")) show = a;
    }
    QVERIFY2(texts.contains(QStringLiteral("Accounts sharing IP 203.0.113.7 (2)")),
             qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.contains(QStringLiteral("Accounts sharing model m-small (1)")));
    QVERIFY(show);
    show->trigger();
    delete menu;
    RequestPanel* requests = w.requests()->requestPanel();
    QVERIFY(loadRows(requests->model(), 1));
    QCOMPARE(requests->model()->rowAt(0)->id, request);

    // A heatmap cell's menu shows that cell's requests (the heatmap's account: alice, who sent
    // the case's first request).
    QVERIFY(w.selection()->selectAccount(
        *quarry::reads::accountId(file_->db(), QStringLiteral("alice"))));
    QVERIFY(QTest::qWaitFor([&] { return !w.busy(); }, 20000));
    const int64_t first = sql::queryInt(file_->db(), "SELECT min(ts) FROM requests", -1);
    menu = w.pivots()->heatmapCellMenu(first, first + 60000, -1);
    QAction* showCell = nullptr;
    for (QAction* a : menu->actions())
        if (a->text() == QLatin1String("Show These Requests")) showCell = a;
    QVERIFY(showCell);
    showCell->trigger();
    delete menu;
    QVERIFY(loadRows(requests->model(), 1));
    QCOMPARE(requests->model()->query().fromMs, first);
    QCOMPARE(requests->model()->rowAt(0)->accountName, QStringLiteral("alice"));
}

QTEST_MAIN(TestGuiPivots)
#include "tst_gui_pivots.moc"
