// SPDX-License-Identifier: GPL-3.0-or-later
// The smaller things an analyst trips over: Help lists the real shortcuts and explains the
// score with the thresholds the code uses; re-analysing an analysed case asks first and says
// what is kept; the colour scales start at zero; the timeline's lanes and the heatmaps name
// topics alike; counts read "1 account", "2 accounts"; links stay readable on the dark palette.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolBar>
#include <QtTest>

#include <sqlite3.h>

#include <qcustomplot.h>

#include "analysis/scoring.h"
#include "casesession.h"
#include "dialogs/confirmation.h"
#include "guitestutil.h"
#include "helpmenu.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "panels/overviewpanel.h"
#include "panels/requestpanel.h"
#include "plots/plottheme.h"
#include "plots/punchcardplot.h"
#include "plots/timelineplot.h"
#include "plots/topicheatmap.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "windowtestutil.h"

using namespace quarry::gui;

namespace {

using quarry::test::caseInt;

QStringList tickLabels(QCPAxis* axis) {
    QStringList out;
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    if (ticker)
        for (const QString& label : ticker->ticks()) out << label;
    return out;
}

}  // namespace

class TestGuiHygiene final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup() { confirmationHook = nullptr; }
    void shortcutsComeFromTheActions();
    void scoreHelpStatesTheCodesThresholds();
    void reanalyseAsksAndSaysWhatIsKept();
    void colourScaleStartsAtZero();
    void topicsNamedAlikeEverywhere();
    void countsReadInEnglish();
    void linksFollowTheDarkPalette();
    void toolbarIconsReadOnTheDarkPalette();

private:
    QTemporaryDir dir_;
    QString case_;
};

void TestGuiHygiene::initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    qputenv("QUARRY_ANALYST", "hygiene-tester");
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
}

void TestGuiHygiene::shortcutsComeFromTheActions() {
    auto w = quarry::test::openIdleWindow(QString());
    const std::vector<ShortcutRow> rows = shortcutRows(w.get());
    // Every action with a key is listed once, with that key.
    int withKeys = 0;
    for (QAction* a : w->findChildren<QAction*>()) {
        if (a->shortcut().isEmpty() || a->text().isEmpty()) continue;
        ++withKeys;
        QString name = a->text();
        name.remove(QLatin1Char('&')).remove(QChar(0x2026));
        const QString keys = a->shortcut().toString(QKeySequence::NativeText);
        const bool listed = std::any_of(rows.begin(), rows.end(), [&](const ShortcutRow& r) {
            return r.keys == keys && r.action.endsWith(name.trimmed());
        });
        QVERIFY2(listed, qPrintable(name + QStringLiteral(" ") + keys));
    }
    QCOMPARE(int(rows.size()), withKeys);
    auto has = [&](const QString& action, const QKeySequence& keys) {
        return std::any_of(rows.begin(), rows.end(), [&](const ShortcutRow& r) {
            return r.action == action && r.keys == keys.toString(QKeySequence::NativeText);
        });
    };
    QVERIFY(has(QStringLiteral("Edit › Tag Selection"), QKeySequence(Qt::CTRL | Qt::Key_T)));
    QVERIFY(has(QStringLiteral("Edit › Star as Evidence"), QKeySequence(Qt::Key_S)));
    // A shortcut added later shows up without anyone editing a list.
    QAction* extra = w->menu(MainFrame::Menu::View)->addAction(QStringLiteral("Brand New View"));
    extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B));
    const std::vector<ShortcutRow> again = shortcutRows(w.get());
    QCOMPARE(again.size(), rows.size() + 1);
    // Help › Keyboard Shortcuts shows them.
    QAction* help = w->findChild<QAction*>(QStringLiteral("shortcutsAction"));
    QVERIFY(help);
    help->trigger();
    auto* dialog = w->findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    auto* table = dialog->findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), int(again.size()));
    dialog->close();
}

void TestGuiHygiene::scoreHelpStatesTheCodesThresholds() {
    const QString text = scoreHelpText();
    QVERIFY(text.startsWith(QLatin1String("# How a score is built")));
    const quarry::ScoringParams p;
    // The page says the numbers the verdict rule uses.
    QVERIFY(text.contains(QStringLiteral("at least %1 accounts").arg(p.minClusterSize)));
    QVERIFY(text.contains(QStringLiteral("at least %1").arg(p.minCoordination)));
    QVERIFY(text.contains(QStringLiteral("own ≥ %1").arg(p.suspect)));
    QVERIFY(text.contains(QStringLiteral("median ≥ %1").arg(p.strong)));
    QVERIFY(text.contains(QStringLiteral("link evidence ≥ %1").arg(p.minLinkEvidence)));
    QVERIFY(text.contains(QStringLiteral("at least %1 requests").arg(p.minRequestsForRhythm)));
    for (const char* family : {"Automation", "Harvest", "Lifecycle", "rare"})
        QVERIFY2(text.contains(QLatin1String(family)), family);
    auto w = quarry::test::openIdleWindow(QString());
    QAction* action = w->findChild<QAction*>(QStringLiteral("scoreHelpAction"));
    QVERIFY(action);
    action->trigger();
    auto* dialog = w->findChild<QDialog*>(QStringLiteral("scoreHelpDialog"));
    QVERIFY(dialog);
    QVERIFY(
        dialog->findChild<QTextBrowser*>()->toPlainText().contains(QStringLiteral("verdict rule")));
    dialog->close();
}

void TestGuiHygiene::reanalyseAsksAndSaysWhatIsKept() {
    const QString path = dir_.filePath(QStringLiteral("again.quarry"));
    QVERIFY(QFile::copy(case_, path));
    const qint64 started = caseInt(path, "SELECT started_at FROM analysis_runs");
    auto w = quarry::test::openIdleWindow(path);
    QString asked;
    confirmationHook = [&](const QString&, const QString& text) {
        asked = text;
        return false;
    };
    QVERIFY(!w->imports()->reanalyze());
    QVERIFY(asked.contains(QLatin1String("already analysed")));
    QVERIFY(asked.contains(
        QLatin1String("tags, notes, starred requests and the audit trail are kept")));
    QCOMPARE(w->session()->runningJobs(), 0);
    QVERIFY(w->session()->isOpen());
    QCOMPARE(caseInt(path, "SELECT started_at FROM analysis_runs"), started);

    asked.clear();
    confirmationHook = [&](const QString&, const QString& text) {
        asked = text;
        return true;
    };
    QVERIFY(w->imports()->reanalyze());
    QVERIFY(!asked.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->isOpen() && !w->busy(), 120000);
    QVERIFY(caseInt(path, "SELECT started_at FROM analysis_runs") > started);
}

void TestGuiHygiene::colourScaleStartsAtZero() {
    // A week where every hour has traffic, the quietest at half the busiest: the quietest hour
    // must not look empty.
    quarry::gui::Punchcard p;
    p.scope = ViewScope::Case;
    for (size_t i = 0; i < p.counts.size(); ++i) {
        p.counts[i] = 50 + static_cast<int64_t>(i % 51);
        p.total += p.counts[i];
    }
    PunchcardPlot plot;
    plot.setData(p, QStringLiteral("test"));
    QCOMPARE(plot.colorRange().lower, 0.0);
    QCOMPARE(plot.colorRange().upper, 100.0);
}

void TestGuiHygiene::topicsNamedAlikeEverywhere() {
    auto w = quarry::test::openIdleWindow(case_);
    const TopicTable& topics = w->session()->topics();
    QVERIFY(!topics.topics.empty());
    const QStringList names = topicRowLabels(topics);
    QStringList heat = tickLabels(w->views()->heatmap()->yAxis);
    QCOMPARE(heat, names);
    // The timeline's lanes: the same names, then the lane of unclassified requests.
    TimelinePlot* timeline = w->views()->timeline();
    QStringList lanes;
    for (QCPAxisRect* r : timeline->axisRects()) {
        const QStringList l = tickLabels(r->axis(QCPAxis::atLeft));
        if (!l.isEmpty()) lanes = l;
    }
    QCOMPARE(lanes.mid(0, names.size()), names);
    QCOMPARE(lanes.value(names.size()), topicLabel(topics, -1));
    // The name is the taxonomy's name, as the analyst reads it in the reasons.
    QCOMPARE(names.first(), topics.topics.front().name);
}

void TestGuiHygiene::countsReadInEnglish() {
    auto w = quarry::test::openIdleWindow(case_);
    QCOMPARE(QCoreApplication::translate("any", "%n account(s) selected", nullptr, 1),
             QStringLiteral("1 account selected"));
    QCOMPARE(QCoreApplication::translate("any", "%n account(s) selected", nullptr, 7),
             QStringLiteral("7 accounts selected"));
    QCOMPARE(QCoreApplication::translate("any", "%n match(es)", nullptr, 1),
             QStringLiteral("1 match"));
    QCOMPARE(QCoreApplication::translate("any", "plain (s) text"),
             QStringLiteral("plain (s) text"));
    // The request table of one account says so in the singular.
    const qint64 id = caseInt(case_, "SELECT id FROM accounts ORDER BY id LIMIT 1");
    QVERIFY(w->selection()->selectAccount(id));
    RequestPanel* requests = w->requests()->requestPanel();
    QTRY_VERIFY(requests->status()->text().contains(QLatin1String("(1 account)")));
    QVERIFY(!requests->status()->text().contains(QLatin1String("(s)")));
}

void TestGuiHygiene::linksFollowTheDarkPalette() {
    auto w = quarry::test::openIdleWindow(case_);
    QTextBrowser* overview = w->selection()->overview()->findChild<QTextBrowser*>();
    QVERIFY(overview);
    auto linkColours = [&] {
        QSet<QRgb> colours;
        for (QTextBlock b = overview->document()->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                if (it.fragment().charFormat().isAnchor())
                    colours.insert(it.fragment().charFormat().foreground().color().rgb());
        return colours;
    };
    QVERIFY2(!linkColours().isEmpty(), "the overview links its flagged clusters");
    w->setDarkPalette(true);
    QTRY_COMPARE(linkColours(), QSet<QRgb>{darkPalette().color(QPalette::Link).rgb()});
    w->setDarkPalette(false);
    QTRY_COMPARE(linkColours(), QSet<QRgb>{lightPalette().color(QPalette::Link).rgb()});
}

void TestGuiHygiene::toolbarIconsReadOnTheDarkPalette() {
    auto w = quarry::test::openIdleWindow(QString());
    auto* bar = w->findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    QVERIFY(bar);
    QVERIFY(bar->actions().size() >= 3);
    for (bool dark : {true, false}) {
        w->setDarkPalette(dark);
        const QRgb text = (dark ? darkPalette() : lightPalette()).color(QPalette::ButtonText).rgb();
        for (QAction* a : bar->actions()) {
            const QImage image =
                a->icon().pixmap(QSize(16, 16)).toImage().convertToFormat(QImage::Format_ARGB32);
            int opaque = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QRgb px = image.pixel(x, y);
                    if (qAlpha(px) < 255) continue;
                    ++opaque;
                    QCOMPARE(px & 0xffffff, text & 0xffffff);
                }
            QVERIFY2(opaque > 0, qPrintable(a->text()));
        }
    }
}

QTEST_MAIN(TestGuiHygiene)
#include "tst_gui_hygiene.moc"
