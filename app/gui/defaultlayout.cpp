// SPDX-License-Identifier: GPL-3.0-or-later
#include "defaultlayout.h"

#include <QDockWidget>
#include <QFontMetrics>
#include <QMainWindow>
#include <QSplitter>
#include <QStyle>
#include <QTabBar>
#include <QTableView>

#include <qcustomplot.h>

#include <algorithm>

#include "usablesizes.h"

namespace quarry::gui {
namespace {

// Docks this layout knows; every other dock joins the right-hand group.
const QStringList kLeftTall{QStringLiteral("overviewDock"), QStringLiteral("clusterDock")};
const QStringList kBottomTabbed{QStringLiteral("accountDock"), QStringLiteral("auditDock")};
const QString kRequests = QStringLiteral("requestDock");
const QStringList kRightStacked{QStringLiteral("tagDock"), QStringLiteral("notesDock")};
const QStringList kShortLeft{QStringLiteral("accountDock"), QStringLiteral("clusterDock"),
                             QStringLiteral("overviewDock"), QStringLiteral("auditDock")};

QList<QDockWidget*> docksNamed(const QList<QDockWidget*>& docks, const QStringList& names) {
    QList<QDockWidget*> out;
    for (const QString& name : names)
        for (QDockWidget* d : docks)
            if (d->objectName() == name) out << d;
    return out;
}

// Adds `docks` to `area` as one tab group (first in front); returns the group's front dock.
QDockWidget* addTabbed(QMainWindow* w, Qt::DockWidgetArea area, const QList<QDockWidget*>& docks,
                       Qt::Orientation orientation = Qt::Vertical) {
    if (docks.isEmpty()) return nullptr;
    w->addDockWidget(area, docks.first(), orientation);
    for (int i = 1; i < docks.size(); ++i) w->tabifyDockWidget(docks.first(), docks.at(i));
    return docks.first();
}

// Chrome around a table dock's rows (title bar, search bar, header, scroll bar, margins), from
// the font, until fitDockSizes() measures the real thing.
int tableDockHeight(const QDockWidget* dock) {
    const UsableSize u = usableSize(dock->objectName());
    const int line = QFontMetrics(dock->font()).height();
    // Plus a horizontal scroll bar: a table narrower than its columns shows one.
    return tableRowsHeight(dock->widget(), u.rows) + 6 * line + 24 +
           dock->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, dock);
}

}  // namespace

LayoutShape layoutShape(const QSize& windowSize) {
    return windowSize.height() >= kTallHeight ? LayoutShape::Tall : LayoutShape::Short;
}

void applyDefaultLayout(QMainWindow* w) {
    const QList<QDockWidget*> docks =
        w->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly);
    for (QDockWidget* d : docks) w->removeDockWidget(d);
    const bool tall = layoutShape(w->size()) == LayoutShape::Tall;
    w->setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    w->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    w->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    w->setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);

    QList<QDockWidget*> placed;
    const auto take = [&](const QStringList& names) {
        QList<QDockWidget*> found = docksNamed(docks, names);
        placed << found;
        return found;
    };
    const auto rest = [&] {
        QList<QDockWidget*> out;
        for (QDockWidget* d : docks)
            if (!placed.contains(d)) out << d;
        return out;
    };
    QList<QDockWidget*> left, bottom, right;  // the front dock of each group
    if (tall) {
        left = take(kLeftTall);
        for (QDockWidget* d : left) w->addDockWidget(Qt::LeftDockWidgetArea, d, Qt::Vertical);
        bottom << addTabbed(w, Qt::BottomDockWidgetArea, take(kBottomTabbed));
        for (QDockWidget* d : take({kRequests})) {
            w->addDockWidget(Qt::BottomDockWidgetArea, d, Qt::Horizontal);
            bottom << d;
        }
        // The right-hand column stacked; docks nobody listed here are tabbed with the notes.
        right = take(kRightStacked);
        for (QDockWidget* d : right) w->addDockWidget(Qt::RightDockWidgetArea, d, Qt::Vertical);
        QDockWidget* host = right.value(std::min<int>(1, right.size() - 1), nullptr);
        for (QDockWidget* d : rest()) {
            if (host) {
                w->tabifyDockWidget(host, d);
                continue;
            }
            w->addDockWidget(Qt::RightDockWidgetArea, d, Qt::Vertical);
            right << (host = d);
        }
    } else {
        // Short: the left column is one tab group at full height; the bottom row holds the
        // requests and, tabbed beside them, what the right column holds when tall.
        left << addTabbed(w, Qt::LeftDockWidgetArea, take(kShortLeft));
        for (QDockWidget* d : take({kRequests})) {
            w->addDockWidget(Qt::BottomDockWidgetArea, d, Qt::Horizontal);
            bottom << d;
        }
        const QList<QDockWidget*> group = take(kRightStacked);
        if (QDockWidget* front =
                addTabbed(w, Qt::BottomDockWidgetArea, group + rest(), Qt::Horizontal)) {
            bottom << front;
            right << front;
        }
    }
    left.removeAll(nullptr);
    bottom.removeAll(nullptr);
    for (QDockWidget* d : docks) {
        d->setFloating(false);
        d->show();
    }
    for (QDockWidget* d : left + bottom + right) d->raise();

    // The account view's plots: one above the other when tall, side by side when short.
    if (auto* split = w->centralWidget() ? w->centralWidget()->findChild<QSplitter*>(
                                               QStringLiteral("centralSplit"))
                                         : nullptr)
        split->setOrientation(tall ? Qt::Vertical : Qt::Horizontal);

    // Widths: the left column holds the account table when short, so it is the wider.
    const QSize size = w->size();
    QList<QDockWidget*> across;
    QList<int> widths;
    const auto setWidth = [&](QDockWidget* d, int px) {
        if (!d) return;
        across << d;
        widths << px;
    };
    setWidth(left.value(0), std::clamp(size.width() * (tall ? 22 : 32) / 100, 300, 460));
    if (tall) {
        setWidth(right.value(0), std::clamp(size.width() * 18 / 100, 260, 400));
        // The requests beside the account table: a table and the prompt pane side by side.
        // Left to what remained they came out a sliver at 1920x1080; at 30% the table still
        // cut a request's account off.
        for (QDockWidget* d : bottom)
            if (d->objectName() == kRequests)
                setWidth(d, std::clamp(size.width() * 40 / 100,
                                       usableSize(kRequests).pixels.width(), 900));
    } else if (bottom.size() == 2)
        setWidth(bottom.last(), std::clamp(size.width() * 22 / 100, 300, 420));
    w->resizeDocks(across, widths, Qt::Horizontal);
    // Heights: the bottom row gets what its tables need, no more: the plots take the rest.
    int bottomHeight = 0;
    for (QDockWidget* d : bottom)
        if (usableSize(d->objectName()).rows > 0)
            bottomHeight = std::max(bottomHeight, tableDockHeight(d));
    if (!bottom.isEmpty())
        w->resizeDocks(bottom, QList<int>(bottom.size(), bottomHeight), Qt::Vertical);
    if (tall && left.size() == 2) w->resizeDocks(left, {45, 55}, Qt::Vertical);
    if (tall && right.size() == 2) w->resizeDocks(right, {35, 65}, Qt::Vertical);
}

namespace {

// Gives each child of a splitter in the central widget at least the usable size of the plots it
// holds, when the splitter has room for all of them; what is left is shared equally.
void fitSplitter(QSplitter* split) {
    const bool vertical = split->orientation() == Qt::Vertical;
    const auto extent = [vertical](const QWidget* w) {
        return vertical ? w->height() : w->width();
    };
    QList<int> need;
    int total = 0;
    for (int i = 0; i < split->count(); ++i) {
        QWidget* child = split->widget(i);
        int n = 0;
        QList<QCustomPlot*> plots = child->findChildren<QCustomPlot*>();
        if (auto* self = qobject_cast<QCustomPlot*>(child)) plots << self;
        for (QCustomPlot* plot : plots) {
            const QSize usable = usableSize(plot->objectName()).pixels;
            const int chrome = std::clamp(extent(child) - extent(plot), 0, 120);
            n = std::max(n, (vertical ? usable.height() : usable.width()) + chrome);
        }
        need << n;
        total += n;
    }
    const int room = extent(split) - split->handleWidth() * (split->count() - 1);
    if (total <= 0 || total > room) return;
    const int share = (room - total) / split->count();
    for (int& n : need) n += share;
    split->setSizes(need);
}

// The height of the tab bar under a tabbed dock (0 when it has none): resizeDocks sizes the
// tab group with its bar, so a table short by n pixels behind a tab grew by n minus the bar and
// kept its missing rows (the account table after a pivot's filter chip, at 1920x1080).
int tabBarUnder(QMainWindow* w, const QDockWidget* d) {
    if (w->tabifiedDockWidgets(const_cast<QDockWidget*>(d)).isEmpty()) return 0;
    const QRect below(d->x(), d->geometry().bottom() + 1, d->width(), 8);
    for (const QTabBar* bar : w->findChildren<QTabBar*>(QString(), Qt::FindDirectChildrenOnly))
        if (bar->isVisible() && bar->geometry().intersects(below)) return bar->height();
    return 0;
}

}  // namespace

void fitDockSizes(QMainWindow* w) {
    for (QDockWidget* d : w->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        if (!d->isVisible() || d->isFloating() || !d->widget()) continue;
        const UsableSize u = usableSize(d->objectName());
        if (const QTableView* table = panelTable(d->widget()); table && u.rows > 0) {
            const int grow = tableRowsHeight(d->widget(), u.rows) - table->viewport()->height();
            if (grow > 0)
                w->resizeDocks({d}, {d->height() + tabBarUnder(w, d) + grow}, Qt::Vertical);
        }
        if (d->widget()->width() < u.pixels.width())
            w->resizeDocks({d}, {u.pixels.width() + d->width() - d->widget()->width()},
                           Qt::Horizontal);
    }
    if (QWidget* central = w->centralWidget())
        for (QSplitter* split : central->findChildren<QSplitter*>()) fitSplitter(split);
}

}  // namespace quarry::gui
