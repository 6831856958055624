// SPDX-License-Identifier: GPL-3.0-or-later
// The window fits the screens analysts have: at 1366x768, 1920x1080 and 2560x1440, with a case open
// and the default layout, every visible dock and plot has at least the usable size usablesizes.cpp
// asks for, nothing overlaps, the status bar is inside the window; Reset Layout puts moved docks
// back; a saved layout that is garbage or from an older version is ignored. A 40-member cluster's
// members x topics matrix draws member and topic labels that do not overlap, and a label's full
// name is its tooltip.
#include <QDockWidget>
#include <QHelpEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTransform>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

#include "defaultlayout.h"
#include "guitestutil.h"
#include "items/requesttablemodel.h"
#include "mainwindow.h"
#include "panels/accountpanel.h"
#include "panels/requestpanel.h"
#include "plots/topicmatrixplot.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "store/sqlite.h"
#include "usablesizes.h"
#include "viewscontroller.h"

using namespace quarry::gui;

namespace {

QRect inWindow(const QWidget* w, const QWidget* window) {
    return QRect(w->mapTo(window, QPoint(0, 0)), w->size());
}

QList<QDockWidget*> visibleDocks(QMainWindow& w) {
    QList<QDockWidget*> out;
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        if (d->isVisible() && !d->visibleRegion().isEmpty()) out << d;
    return out;
}

struct DrawnLabel {
    double tick = 0;
    QString text;
    QPolygonF box;  // in the plot's pixels
};

// The tick labels an axis drew at its last replot, each as its text box turned by the label
// rotation and anchored at its tick as QCustomPlot places it (a left axis' labels end at the
// axis, a bottom axis' turned labels start under their tick).
QList<DrawnLabel> drawnLabels(const QCPAxis* axis) {
    const QFontMetrics fm(axis->tickLabelFont());
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const bool vertical = axis->orientation() == Qt::Vertical;
    QList<DrawnLabel> out;
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
        if (labels[i].isEmpty() || !axis->range().contains(ticks[i])) continue;
        const QRect text =
            fm.boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, labels[i]);
        const double at = axis->coordToPixel(ticks[i]);
        QTransform place;
        place.translate(vertical ? axis->axisRect()->left() : at,
                        vertical ? at : axis->axisRect()->bottom());
        place.rotate(axis->tickLabelRotation());
        const QRectF box(vertical ? -text.width() : 0, -text.height() / 2.0, text.width(),
                         text.height());
        out.push_back({ticks[i], labels[i], place.map(QPolygonF(box))});
    }
    return out;
}

// Empty when the axis drew at least one label and no two overlap, else what is wrong.
QString labelsApart(const QCPAxis* axis) {
    const QList<DrawnLabel> drawn = drawnLabels(axis);
    if (drawn.isEmpty()) return QStringLiteral("no label drawn");
    for (int i = 0; i < drawn.size(); ++i)
        for (int j = i + 1; j < drawn.size(); ++j)
            if (drawn[i].box.intersects(drawn[j].box))
                return QStringLiteral("\"%1\" overlaps \"%2\" (%3 labels)")
                    .arg(drawn[i].text, drawn[j].text)
                    .arg(drawn.size());
    return {};
}

}  // namespace

class TestGuiLayout final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fitsScreen_data();
    void fitsScreen();
    void resetLayoutRestoresMovedDocks();
    void garbageSavedStateIsIgnored();
    void olderSavedStateIsIgnored();
    void matrixLabelsDoNotOverlap_data();
    void matrixLabelsDoNotOverlap();

private:
    // The account search box holds a field:value query and the request dock shows a request's
    // time and account beside a prompt pane of readable lines.
    void checkReadable(MainWindow& w);
    // A window of this size with the case open, idle, in the default layout.
    std::unique_ptr<MainWindow> openWindow(const QSize& size, bool restoreSettings = false);
    QTemporaryDir dir_;
    std::unique_ptr<quarry::CaseFile> file_;
    QString case_;
};

void TestGuiLayout::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
}

std::unique_ptr<MainWindow> TestGuiLayout::openWindow(const QSize& size, bool restoreSettings) {
    auto w = std::make_unique<MainWindow>(restoreSettings);
    w->resize(size);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
    QString error;
    if (!w->openCase(case_, &error)) return nullptr;
    MainWindow* window = w.get();
    if (!QTest::qWaitFor([window] { return !window->busy(); }, 60000)) return nullptr;
    // The selection the walk starts with: the top cluster and its first member.
    w->selection()->selectCluster(0);
    if (!QTest::qWaitFor([window] { return !window->busy(); }, 60000)) return nullptr;
    QTest::qWait(100);  // the deferred fit of the dock sizes
    return w;
}

void TestGuiLayout::fitsScreen_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("2560x1440") << QSize(2560, 1440);
}

void TestGuiLayout::fitsScreen() {
    QFETCH(QSize, size);
    auto w = openWindow(size);
    QVERIFY(w);
    // The window is the size asked for: no minimum pushes it past the screen.
    QCOMPARE(w->size(), size);
    QVERIFY2(w->minimumSizeHint().height() <= size.height(),
             qPrintable(QStringLiteral("minimum height %1").arg(w->minimumSizeHint().height())));
    const QRect window = w->rect();
    QStatusBar* status = w->statusBar();
    QVERIFY(status->isVisible());
    QVERIFY(window.contains(inWindow(status, w.get())));

    QList<QRect> taken;
    const QList<QDockWidget*> docks = visibleDocks(*w);
    QVERIFY(docks.size() >= 3);  // accounts, requests and tags at least
    for (QDockWidget* d : docks) {
        const UsableSize u = usableSize(d->objectName());
        const QString what = QStringLiteral("%1 %2x%3")
                                 .arg(d->objectName())
                                 .arg(d->widget()->width())
                                 .arg(d->widget()->height());
        QVERIFY2(window.contains(inWindow(d, w.get())), qPrintable(what));
        QVERIFY2(d->widget()->width() >= u.pixels.width(), qPrintable(what));
        QVERIFY2(d->widget()->height() >= u.pixels.height(), qPrintable(what));
        // Dock titles whole: the dock is wider than its title.
        QVERIFY2(d->width() > d->fontMetrics().horizontalAdvance(d->windowTitle()) + 20,
                 qPrintable(what));
        if (u.rows > 0) {
            QVERIFY2(visibleTableRows(d->widget()) >= u.rows,
                     qPrintable(QStringLiteral("%1 shows %2 rows")
                                    .arg(what)
                                    .arg(visibleTableRows(d->widget()))));
        }
        taken << inWindow(d, w.get());
    }
    // The central view and the plots it shows now.
    QWidget* central = w->centralWidget();
    taken << inWindow(central, w.get());
    int plots = 0;
    for (QCustomPlot* plot : w->findChildren<QCustomPlot*>()) {
        if (!plot->isVisible() || plot->visibleRegion().isEmpty()) continue;
        ++plots;
        const QSize usable = usableSize(plot->objectName()).pixels;
        QVERIFY2(plot->width() >= usable.width() && plot->height() >= usable.height(),
                 qPrintable(QStringLiteral("%1 %2x%3")
                                .arg(plot->objectName())
                                .arg(plot->width())
                                .arg(plot->height())));
    }
    QVERIFY(plots >= 2);  // timeline and heatmap
    checkReadable(*w);
    QVERIFY(window.contains(taken.last()));
    for (int i = 0; i < taken.size(); ++i)
        for (int j = i + 1; j < taken.size(); ++j)
            QVERIFY2(!taken[i].intersects(taken[j]),
                     qPrintable(QStringLiteral("panels %1 and %2 overlap").arg(i).arg(j)));
}

void TestGuiLayout::checkReadable(MainWindow& w) {
    AccountPanel* accounts = w.selection()->accountPanel();
    auto* accountDock = w.findChild<QDockWidget*>(QStringLiteral("accountDock"));
    QVERIFY(accountDock);
    // The account table may sit behind another tab: bring it forward as the analyst would.
    accountDock->raise();
    QTest::qWait(50);
    QLineEdit* search = accounts->searchBox();
    QVERIFY(search->isVisible());
    const QFontMetrics fm(search->font());
    // The query typed and the clear button beside it (about as wide as the box is high).
    const int readable =
        fm.horizontalAdvance(QStringLiteral("subnet:203.0.113.0/24")) + search->height();
    QVERIFY2(
        search->width() >= readable,
        qPrintable(QStringLiteral("search box %1 px < %2").arg(search->width()).arg(readable)));
    QVERIFY(QRect(QPoint(0, 0), accounts->size())
                .contains(QRect(search->mapTo(accounts, QPoint(0, 0)), search->size())));

    RequestPanel* requests = w.requests()->requestPanel();
    QVERIFY(requests->isVisible());
    QTableView* table = requests->view();
    const int timeAndAccount = table->columnWidth(RequestTableModel::Time) +
                               table->columnWidth(RequestTableModel::Account);
    QVERIFY2(table->viewport()->width() >= timeAndAccount,
             qPrintable(QStringLiteral("request table %1 px < %2 (panel %3 px)")
                            .arg(table->viewport()->width())
                            .arg(timeAndAccount)
                            .arg(requests->width())));
    const int line = requests->details()->fontMetrics().averageCharWidth() * 30;
    QVERIFY2(requests->details()->viewport()->width() >= line,
             qPrintable(QStringLiteral("prompt pane %1 px < %2")
                            .arg(requests->details()->viewport()->width())
                            .arg(line)));
}

void TestGuiLayout::resetLayoutRestoresMovedDocks() {
    auto w = openWindow(QSize(1920, 1080));
    QVERIFY(w);
    auto* accounts = w->findChild<QDockWidget*>(QStringLiteral("accountDock"));
    auto* requests = w->findChild<QDockWidget*>(QStringLiteral("requestDock"));
    auto* tags = w->findChild<QDockWidget*>(QStringLiteral("tagDock"));
    QVERIFY(accounts && requests && tags);
    const Qt::DockWidgetArea accountArea = w->dockWidgetArea(accounts);
    const QSize accountSize = accounts->size();
    // What an analyst does by hand: float one dock, close another, move a third.
    accounts->setFloating(true);
    requests->close();
    w->addDockWidget(Qt::LeftDockWidgetArea, tags);
    QTest::qWait(50);
    QVERIFY(accounts->isFloating());
    QVERIFY(!requests->isVisible());

    QAction* reset = w->findChild<QAction*>(QStringLiteral("resetLayoutAction"));
    QVERIFY(reset);
    reset->trigger();
    QTest::qWait(100);
    QVERIFY(!accounts->isFloating());
    QVERIFY(requests->isVisible());
    QCOMPARE(w->dockWidgetArea(accounts), accountArea);
    QCOMPARE(w->dockWidgetArea(tags), Qt::RightDockWidgetArea);
    QVERIFY(w->tabifiedDockWidgets(accounts).contains(
        w->findChild<QDockWidget*>(QStringLiteral("auditDock"))));
    QVERIFY2(qAbs(accounts->height() - accountSize.height()) <= accountSize.height() / 10 &&
                 qAbs(accounts->width() - accountSize.width()) <= accountSize.width() / 10,
             qPrintable(QStringLiteral("%1x%2").arg(accounts->width()).arg(accounts->height())));
    QVERIFY(visibleTableRows(accounts->widget()) >= usableSize(QStringLiteral("accountDock")).rows);
}

void TestGuiLayout::garbageSavedStateIsIgnored() {
    {
        QSettings s;
        s.setValue(QStringLiteral("window/state"),
                   QByteArray("\x00\xff garbage, not a layout", 24));
        s.setValue(QStringLiteral("window/geometry"), QByteArray("nor a geometry"));
    }
    auto w = openWindow(QSize(1366, 768), true);
    QVERIFY(w);
    QCOMPARE(w->size(), QSize(1366, 768));
    auto* accounts = w->findChild<QDockWidget*>(QStringLiteral("accountDock"));
    QVERIFY(accounts->isVisible() && !accounts->isFloating());
    QVERIFY(visibleTableRows(accounts->widget()) >= usableSize(QStringLiteral("accountDock")).rows);
    QSettings().clear();
}

void TestGuiLayout::olderSavedStateIsIgnored() {
    // A layout saved by an older version of the window, with every dock hidden: not applied.
    {
        MainWindow old(false);
        for (QDockWidget* d : old.findChildren<QDockWidget*>()) d->hide();
        QSettings().setValue(QStringLiteral("window/state"),
                             old.saveState(MainWindow::kLayoutVersion - 1));
    }
    auto w = openWindow(QSize(1920, 1080), true);
    QVERIFY(w);
    QVERIFY(visibleDocks(*w).size() >= 4);
    // The same layout saved by this version is the user's and is applied.
    {
        MainWindow now(false);
        now.findChild<QDockWidget*>(QStringLiteral("tagDock"))->hide();
        QSettings().setValue(QStringLiteral("window/state"),
                             now.saveState(MainWindow::kLayoutVersion));
    }
    w = openWindow(QSize(1920, 1080), true);
    QVERIFY(w);
    QVERIFY(!w->findChild<QDockWidget*>(QStringLiteral("tagDock"))->isVisible());
    QSettings().clear();
}

void TestGuiLayout::matrixLabelsDoNotOverlap_data() {
    fitsScreen_data();
}

void TestGuiLayout::matrixLabelsDoNotOverlap() {
    QFETCH(QSize, size);
    auto w = openWindow(size);
    QVERIFY(w);
    // The largest cluster: more members than the matrix has rows.
    quarry::sql::Statement largest(file_->db(),
                                   "SELECT cluster_id FROM account_features WHERE cluster_id >= 0 "
                                   "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    QVERIFY(largest.step());
    const int64_t cluster = largest.int64(0);
    w->views()->showViewTab(ViewsController::PatternsTab);
    QVERIFY(w->selection()->selectCluster(cluster));
    TopicMatrixPlot* matrix = w->views()->topicMatrix();
    QTRY_VERIFY_WITH_TIMEOUT(
        !w->busy() && !matrix->loading() && matrix->matrix().cluster == cluster, 60000);
    QCOMPARE(matrix->rows(), TopicMatrixPlot::kMaxRows);
    QVERIFY(matrix->isVisible() && !matrix->visibleRegion().isEmpty());

    // Once the plot has settled on its size: members and topics readable, none drawn on another.
    QString why;
    QTRY_VERIFY2((why = labelsApart(matrix->yAxis)).isEmpty(), qPrintable(why));
    QTRY_VERIFY2((why = labelsApart(matrix->xAxis)).isEmpty(), qPrintable(why));
    const QList<DrawnLabel> members = drawnLabels(matrix->yAxis);
    const QStringList& names = matrix->matrix().names;
    for (const DrawnLabel& label : members) {
        const QString name = names.value(qRound(label.tick));
        QVERIFY2(label.text == name || label.text.contains(QChar(0x2026)), qPrintable(label.text));
    }
    // Hovering a label shows the member's whole name.
    const DrawnLabel& last = members.last();
    const QPoint at(matrix->axisRect()->left() - 4, qRound(matrix->yAxis->coordToPixel(last.tick)));
    QHelpEvent hover(QEvent::ToolTip, at, matrix->mapToGlobal(at));
    QApplication::sendEvent(matrix, &hover);
    QTRY_COMPARE(QToolTip::text(), names.value(qRound(last.tick)));
    QToolTip::hideText();
}

QTEST_MAIN(TestGuiLayout)
#include "tst_gui_layout.moc"
