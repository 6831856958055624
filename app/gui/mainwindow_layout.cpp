// SPDX-License-Identifier: GPL-3.0-or-later
// The window's size and dock layout: opening maximised on the available screen, the default
// layout (defaultlayout.h) at first start, after a reset and while the window changes shape, and
// the saved layout, versioned so a layout saved by an older Quarry is never applied.
#include <QDockWidget>
#include <QGuiApplication>
#include <QResizeEvent>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTimer>

#include "defaultlayout.h"
#include "mainwindow.h"
#include "usablesizes.h"

namespace quarry::gui {
namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

}  // namespace

void MainWindow::setUpLayout() {
    // Until shown, a size that fits the screen: never larger than what the screen offers.
    const QScreen* screen = QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() : QSize(1366, 768);
    resize(room.boundedTo(QSize(1600, 1000)));
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        // A dock the user moves or floats ends following the window's shape.
        const auto moved = [this] {
            if (!applyingLayout_) layoutFollowsSize_ = false;
        };
        connect(dock, &QDockWidget::dockLocationChanged, this, moved);
        connect(dock, &QDockWidget::topLevelChanged, this, moved);
        // A table that loses rows later (a status line, a scroll bar appearing once data is
        // in) gets them back while the window keeps its default layout.
        if (const QTableView* table = panelTable(dock->widget()); table && usableSize(dock->objectName()).rows > 0)
            table->viewport()->installEventFilter(this);
    }
    applyLayout();
}

void MainWindow::applyLayout() {
    applyingLayout_ = true;
    applyDefaultLayout(this);
    appliedShape_ = static_cast<int>(layoutShape(size()));
    applyingLayout_ = false;
    layoutFollowsSize_ = true;
    scheduleFit();
}

void MainWindow::scheduleFit() {
    if (fitPending_) return;
    fitPending_ = true;
    // Once the docks have their geometry: measured sizes, not estimates.
    QTimer::singleShot(0, this, [this] {
        fitPending_ = false;
        if (!isVisible()) return;
        applyingLayout_ = true;
        fitDockSizes(this);
        applyingLayout_ = false;
    });
}

void MainWindow::resetLayout() {
    if (restoreSettings_) {
        QSettings s;
        s.remove(kStateKey);
        s.remove(kGeometryKey);
    }
    applyLayout();
}

bool MainWindow::restoreSavedLayout() {
    QSettings s;
    const bool geometry = restoreGeometry(s.value(kGeometryKey).toByteArray());
    if (!restoreState(s.value(kStateKey).toByteArray(), kLayoutVersion)) return geometry;
    // A saved state may hide every dock or float them off screen; it is the user's choice, but
    // the window no longer rearranges itself when it changes shape.
    layoutFollowsSize_ = false;
    return geometry;
}

void MainWindow::saveWindowLayout(QSettings& s) const {
    s.setValue(kGeometryKey, saveGeometry());
    s.setValue(kStateKey, saveState(kLayoutVersion));
}

void MainWindow::showInitial() {
    if (restoredGeometry_)
        show();
    else
        showMaximized();
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    if (!layoutFollowsSize_ || applyingLayout_) return;
    if (static_cast<int>(layoutShape(event->size())) != appliedShape_) {
        // Re-docking inside a resize event confuses the layout: after it.
        QTimer::singleShot(0, this, [this] {
            if (layoutFollowsSize_ && static_cast<int>(layoutShape(size())) != appliedShape_)
                applyLayout();
        });
    } else {
        scheduleFit();
    }
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && layoutFollowsSize_ && !applyingLayout_ && isVisible()) scheduleFit();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    scheduleFit();
}

}  // namespace quarry::gui
