// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcontroller.h"

#include <QCoreApplication>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QGraphicsView>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

#include <qcustomplot.h>

#include "dialogs/chartexportdialog.h"
#include "mainframe.h"
#include "plots/chartexport.h"
#include "plots/plotfit.h"

namespace quarry::gui {
namespace {

const QString kScaleKey = QStringLiteral("view/uiScale");
const char* const kChartMenu = "quarryChartMenu";

QList<QWidget*> chartsIn(QWidget* root) {
    QList<QWidget*> charts;
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) charts << plot;
    for (QGraphicsView* view : root->findChildren<QGraphicsView*>()) charts << view;
    return charts;
}

// The chart a widget belongs to (a graph view's viewport belongs to the view).
QWidget* chartOf(QObject* o) {
    for (auto* w = qobject_cast<QWidget*>(o); w; w = w->parentWidget())
        if (isChart(w)) return w;
    return nullptr;
}

}  // namespace

PresentationController::PresentationController(MainFrame* frame, bool persist)
    : QObject(frame->mainWindow()),
      window_(frame->mainWindow()),
      persist_(persist),
      baseFont_(QApplication::font()) {
    // The application font may already be scaled (by an earlier window): keep the 100 % one.
    if (baseFont_.pointSizeF() > 0) baseFont_.setPointSizeF(baseFont_.pointSizeF() / plotScale());
    QMenu* view = frame->menu(MainFrame::Menu::View);
    view->addSeparator();
    QMenu* scaleMenu = view->addMenu(tr("UI &Scale"));
    scaleGroup_ = new QActionGroup(this);
    for (int percent : scales()) {
        QAction* a = scaleMenu->addAction(tr("%1 %").arg(percent), this,
                                          [this, percent] { setUiScale(percent); });
        a->setCheckable(true);
        a->setData(percent);
        a->setChecked(percent == 100);
        scaleGroup_->addAction(a);
    }
    scaleMenu->addSeparator();
    QAction* larger = scaleMenu->addAction(tr("&Larger"), this, [this] { stepUiScale(1); });
    // Ctrl+= is Ctrl++ without Shift on most layouts; one key may not repeat (ambiguous).
    larger->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    QAction* smaller = scaleMenu->addAction(tr("&Smaller"), this, [this] { stepUiScale(-1); });
    smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction* focus = view->addAction(tr("&Focus Panel"), this, [this] { toggleFocusPanel(); });
    focus->setObjectName(QStringLiteral("focusPanelAction"));
    focus->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    focus->setToolTip(tr(
        "Shows the panel with the keyboard focus (or the central view) alone; again to go back"));
    QAction* exportChart = view->addAction(tr("&Export Chart…"), this, [this] {
        if (QWidget* chart = currentChart()) exportChartInteractively(chart);
    });
    exportChart->setObjectName(QStringLiteral("exportChartAction"));
    exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    if (persist_) {
        const int saved = QSettings().value(kScaleKey, 100).toInt();
        if (scales().contains(saved) && saved != 100) setUiScale(saved);
    }
}

void PresentationController::setUiScale(int percent) {
    if (!scales().contains(percent)) return;
    scale_ = percent;
    for (QAction* a : scaleGroup_->actions()) a->setChecked(a->data().toInt() == percent);
    setPlotScale(percent / 100.0);
    QFont font = baseFont_;
    if (baseFont_.pointSizeF() > 0)
        font.setPointSizeF(baseFont_.pointSizeF() * percent / 100.0);
    else
        font.setPixelSize(qRound(baseFont_.pixelSize() * percent / 100.0));
    QApplication::setFont(font);
    // Rows were sized from the font the tables were made with.
    for (QTableView* table : window_->findChildren<QTableView*>())
        table->verticalHeader()->setDefaultSectionSize(
            QFontMetrics(QApplication::font(table)).height() + 6);
    for (QToolBar* bar : window_->findChildren<QToolBar*>()) {
        const int icon = window_->style()->pixelMetric(QStyle::PM_ToolBarIconSize);
        bar->setIconSize(QSize(icon, icon) * percent / 100);
    }
    for (QCustomPlot* plot : window_->findChildren<QCustomPlot*>())
        plot->replot(QCustomPlot::rpQueuedReplot);
    if (persist_) QSettings().setValue(kScaleKey, percent);
}

void PresentationController::stepUiScale(int steps) {
    const QList<int> all = scales();
    const int i = std::clamp(int(all.indexOf(scale_)) + steps, 0, int(all.size()) - 1);
    setUiScale(all.at(i));
}

void PresentationController::toggleFocusPanel() {
    if (focusing_) {
        focusing_ = false;
        window_->centralWidget()->show();
        for (QDockWidget* dock : hiddenByFocus_)
            if (dock) dock->show();
        hiddenByFocus_.clear();
        // Sizes come out right once the docks are laid out again: restore them then.
        QTimer::singleShot(0, window_,
                           [w = window_, state = stateBeforeFocus_] { w->restoreState(state); });
        return;
    }
    QDockWidget* keep = nullptr;
    for (QWidget* w = QApplication::focusWidget(); w && !keep; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w);
            dock && dock->parentWidget() == window_ && !dock->isFloating())
            keep = dock;
    stateBeforeFocus_ = window_->saveState();
    focusing_ = true;
    // Hiding the front dock of a tab group brings the next one forward: until none is left.
    for (bool hid = true; hid;) {
        hid = false;
        for (QDockWidget* dock :
             window_->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
            if (dock != keep && !dock->isFloating() && dock->isVisible()) {
                hiddenByFocus_ << dock;
                dock->hide();
                hid = true;
            }
    }
    // With the central view hidden, the dock areas take the whole window.
    if (keep) window_->centralWidget()->hide();
}

QWidget* PresentationController::currentChart() const {
    if (QWidget* focused = chartOf(QApplication::focusWidget()); focused && focused->isVisible())
        return focused;
    if (lastChart_ && lastChart_->isVisible()) return lastChart_;
    for (QWidget* chart : chartsIn(window_->centralWidget()))
        if (chart->isVisible() && !chart->visibleRegion().isEmpty()) return chart;
    return nullptr;
}

void PresentationController::attachChartMenus() {
    for (QWidget* chart : chartsIn(window_)) {
        if (chart->property(kChartMenu).toBool()) continue;
        chart->setProperty(kChartMenu, true);
        auto* view = qobject_cast<QGraphicsView*>(chart);
        (view ? view->viewport() : chart)->installEventFilter(this);
    }
}

bool PresentationController::exportChartInteractively(QWidget* chart) {
    const QString written = quarry::gui::exportChartInteractively(chart, window_);
    if (!written.isEmpty())
        window_->statusBar()->showMessage(tr("Chart exported to %1").arg(written), 6000);
    return !written.isEmpty();
}

bool PresentationController::eventFilter(QObject* watched, QEvent* event) {
    // The chart last clicked is the one View › Export Chart… means.
    if (event->type() == QEvent::MouseButtonPress) {
        lastChart_ = chartOf(watched);
        return false;
    }
    if (event->type() != QEvent::ContextMenu || dispatching_) return false;
    QWidget* chart = chartOf(watched);
    if (!chart || !chart->property(kChartMenu).toBool()) return false;
    // The chart's own menu first: a right-click on a request point or a heatmap cell opens that
    // item's pivots (pivotcontroller). Only where the chart leaves the event unhandled (an
    // empty area: QWidget::contextMenuEvent ignores it) does the chart menu open.
    dispatching_ = true;
    event->accept();
    QCoreApplication::sendEvent(watched, event);
    dispatching_ = false;
    if (event->isAccepted()) return true;
    QMenu menu;
    menu.addAction(tr("Export Chart…"), this, [this, chart] { exportChartInteractively(chart); });
    menu.exec(static_cast<QContextMenuEvent*>(event)->globalPos());
    return true;
}

}  // namespace quarry::gui
