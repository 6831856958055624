// SPDX-License-Identifier: GPL-3.0-or-later
// The Templates dock: the shared templates of a cluster with each member's slot values. Known
// slots from hand-written prompts; on a generated case with campaign templates, every row is a
// member of the cluster whose own prompts hold the template's words and its slot value; on a
// metadata-only case the dock says there are no prompts.
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "casesession.h"
#include "guitestutil.h"
#include "items/templateslots.h"
#include "mainwindow.h"
#include "panels/templatepanel.h"
#include "selectioncontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "templatecontroller.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

class TestGuiTemplates final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void knownSlots();
    void generatedCampaignTemplates();
    void metadataOnlySaysNoPrompts();

private:
    static QStringList words(const QString& s) {
        return s.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    // Whether `skeleton`'s words (slot marks left out) appear in order in `prompt`.
    static bool followsSkeleton(const QString& skeleton, const QString& prompt);
    bool showCluster(MainWindow& w, int64_t cluster);

    QTemporaryDir dir_;
    QString case_;
    std::unique_ptr<quarry::CaseFile> file_;
};

void TestGuiTemplates::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

bool TestGuiTemplates::followsSkeleton(const QString& skeleton, const QString& prompt) {
    const QStringList p = words(prompt);
    int i = 0;
    for (const QString& w : words(skeleton)) {
        if (w.startsWith(QStringLiteral("⟨"))) continue;
        while (i < p.size() && p[i] != w) ++i;
        if (i == p.size()) return false;
        ++i;
    }
    return true;
}

bool TestGuiTemplates::showCluster(MainWindow& w, int64_t cluster) {
    if (!w.selection()->selectCluster(cluster)) return false;
    return QTest::qWaitFor([&] { return !w.busy(); }, 60000);
}

void TestGuiTemplates::knownSlots() {
    const QString tpl = QStringLiteral(
        "Solve the following task step by step and show all reasoning about %1 "
        "then grade it using rubric %2 please");
    std::vector<PromptSample> samples = {
        {1, QStringLiteral("a1"), tpl.arg(QStringLiteral("integrals"), QStringLiteral("R1"))},
        {1, QStringLiteral("a1"), tpl.arg(QStringLiteral("matrices"), QStringLiteral("R1"))},
        {2, QStringLiteral("a2"), tpl.arg(QStringLiteral("graph colouring"), QStringLiteral("R7"))},
        {3, QStringLiteral("a3"), QStringLiteral("What time is it in Tokyo right now")},
        {4, QStringLiteral("a4"), tpl.arg(QStringLiteral("<b>html</b>"), QStringLiteral("=1+1"))},
        {3, QStringLiteral("a3"), QStringLiteral("Is it going to rain in Tokyo tomorrow")},
    };
    const std::vector<TemplateSlots> t = deriveTemplates(samples);
    QCOMPARE(t.size(), size_t(1));  // a3's two weather questions are one account: not shared
    QCOMPARE(
        t[0].skeleton,
        QStringLiteral("Solve the following task step by step and show all reasoning about ⟨1⟩ "
                       "then grade it using rubric ⟨2⟩ please"));
    QCOMPARE(t[0].accounts, 3);
    QCOMPARE(t[0].prompts, 4);
    QCOMPARE(t[0].slotNames.size(), 2);
    QCOMPARE(t[0].rows.size(), size_t(3));
    QCOMPARE(t[0].rows[0].name, QStringLiteral("a1"));
    QCOMPARE(t[0].rows[0].values,
             QStringList({QStringLiteral("integrals | matrices"), QStringLiteral("R1")}));
    QCOMPARE(t[0].rows[1].values,
             QStringList({QStringLiteral("graph colouring"), QStringLiteral("R7")}));
    QCOMPARE(t[0].rows[2].values,
             QStringList({QStringLiteral("<b>html</b>"), QStringLiteral("=1+1")}));

    // In the panel: one row per member, a column per slot, the values as plain text.
    TemplatePanel panel;
    ClusterTemplates c;
    c.hasPrompts = true;
    c.membersRead = c.membersTotal = 4;
    c.templates = t;
    panel.setTemplates(7, c);
    QCOMPARE(panel.chooser()->count(), 1);
    QCOMPARE(panel.skeleton()->toPlainText(), t[0].skeleton);
    QCOMPARE(panel.model()->rowCount(), 3);
    QCOMPARE(panel.model()->columnCount(), TemplateSlotModel::FirstSlotColumn + 2);
    QCOMPARE(panel.model()->index(2, TemplateSlotModel::FirstSlotColumn).data().toString(),
             QStringLiteral("<b>html</b>"));
    QVERIFY(!panel.model()
                 ->index(2, TemplateSlotModel::FirstSlotColumn)
                 .data(Qt::ToolTipRole)
                 .isValid());
}

void TestGuiTemplates::generatedCampaignTemplates() {
    // The largest flagged cluster is a generated campaign: its members send pinned templates.
    const int64_t cluster = sql::queryInt(
        file_->db(), "SELECT id FROM clusters WHERE flagged = 1 ORDER BY size DESC LIMIT 1", -1);
    QVERIFY(cluster >= 0);
    MainWindow w(false);
    QString error;
    QVERIFY2(w.openCase(case_, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return !w.busy(); }, 60000));
    QVERIFY(showCluster(w, cluster));
    TemplatePanel* panel = w.templates()->panel();
    QVERIFY2(panel->chooser()->count() >= 1, qPrintable(panel->status()->text()));
    QVERIFY(panel->status()->text().contains(QStringLiteral("Cluster %1").arg(cluster)));
    QVERIFY(panel->model()->rowCount() >= 2);
    const int slotCount = panel->model()->columnCount() - TemplateSlotModel::FirstSlotColumn;
    QVERIFY(slotCount >= 1);
    const QString skeleton = panel->skeleton()->toPlainText();
    QVERIFY(skeleton.contains(QStringLiteral("⟨1⟩")));

    std::set<int64_t> members;
    sql::Statement m(file_->db(), "SELECT account_id FROM account_features WHERE cluster_id = ?");
    m.bind(1, cluster);
    while (m.step()) members.insert(m.int64(0));
    for (int r = 0; r < panel->model()->rowCount(); ++r) {
        const int64_t account =
            panel->model()->index(r, 0).data(TemplateSlotModel::AccountIdRole).toLongLong();
        QVERIFY(members.count(account));
        // The member's own prompts: one follows the skeleton and holds the first slot value.
        sql::Statement p(file_->db(),
                         "SELECT t.prompt FROM requests r JOIN request_text t ON t.id = r.id WHERE "
                         "r.account_id = ?");
        p.bind(1, account);
        QString value;
        for (int c = 0; c < slotCount && value.isEmpty(); ++c)
            value =
                panel->model()->index(r, TemplateSlotModel::FirstSlotColumn + c).data().toString();
        value = value.section(QStringLiteral(" | "), 0, 0);
        bool follows = false, holds = value.isEmpty() || value.endsWith(QStringLiteral("…"));
        while (p.step()) {
            const QString prompt = p.text(0);
            follows = follows || followsSkeleton(skeleton, prompt);
            holds = holds || prompt.simplified().contains(value);
        }
        QVERIFY2(follows, qPrintable(skeleton));
        QVERIFY2(holds, qPrintable(value));
    }
}

void TestGuiTemplates::metadataOnlySaysNoPrompts() {
    const QString data = dir_.filePath(QStringLiteral("meta"));
    const QString path = dir_.filePath(QStringLiteral("meta.quarry"));
    QString log;
    QVERIFY2(quarry::test::runQuarryCli(
                 {QStringLiteral("generate"), QStringLiteral("--out"), data,
                  QStringLiteral("--accounts"), QStringLiteral("200"), QStringLiteral("--days"),
                  QStringLiteral("4"), QStringLiteral("--campaigns"), QStringLiteral("1"),
                  QStringLiteral("--campaign-accounts"), QStringLiteral("40"),
                  QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--metadata-only")},
                 &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli(
                 {QStringLiteral("import"), path, data + QStringLiteral("/requests.csv")}, &log),
             qPrintable(log));
    QVERIFY2(quarry::test::runQuarryCli({QStringLiteral("analyze"), path}, &log), qPrintable(log));
    auto meta = openReadOnly(path, &log);
    QVERIFY2(meta, qPrintable(log));
    const int64_t cluster =
        sql::queryInt(meta->db(), "SELECT id FROM clusters ORDER BY size DESC LIMIT 1", -1);
    QVERIFY(cluster >= 0);
    MainWindow w(false);
    QVERIFY(w.openCase(path));
    QVERIFY(QTest::qWaitFor([&] { return !w.busy(); }, 60000));
    QVERIFY(showCluster(w, cluster));
    TemplatePanel* panel = w.templates()->panel();
    QVERIFY2(panel->status()->text().contains(QStringLiteral("no prompts in these logs")),
             qPrintable(panel->status()->text()));
    QCOMPARE(panel->model()->rowCount(), 0);
    QVERIFY(!panel->chooser()->isEnabled());
}

QTEST_MAIN(TestGuiTemplates)
#include "tst_gui_templates.moc"
