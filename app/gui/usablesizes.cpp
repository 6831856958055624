// SPDX-License-Identifier: GPL-3.0-or-later
#include "usablesizes.h"

#include <QHeaderView>
#include <QTableView>
#include <QVector>

namespace quarry::gui {

const QVector<UsableSize>& usableSizes() {
    // The account table is where an investigation starts and the request table where it is
    // read: rows matter there. Plots need room for their axis labels and a readable grid.
    static const QVector<UsableSize> table{
        {QStringLiteral("accountDock"), 8, QSize(320, 0)},
        // The request table (a request's time and account whole) and its prompt pane (lines of
        // about 30 characters) side by side.
        {QStringLiteral("requestDock"), 6, QSize(600, 0)},
        {QStringLiteral("clusterDock"), 4, QSize(240, 0)},
        {QStringLiteral("auditDock"), 4, QSize(240, 0)},
        {QStringLiteral("overviewDock"), 0, QSize(240, 200)},
        {QStringLiteral("tagDock"), 0, QSize(200, 120)},
        {QStringLiteral("notesDock"), 0, QSize(200, 120)},
        {QStringLiteral("historyDock"), 0, QSize(200, 120)},
        {QStringLiteral("timeline"), 0, QSize(300, 180)},
        // Topic names take ~260 px and the colour scale ~60 before the first cell.
        {QStringLiteral("heatmap"), 0, QSize(420, 180)},
        {QStringLiteral("compare"), 0, QSize(300, 180)},
        {QStringLiteral("punchcard"), 0, QSize(300, 180)},
        {QStringLiteral("topicMatrix"), 0, QSize(300, 180)},
        {QStringLiteral("overviewHourly"), 0, QSize(200, 90)},
    };
    return table;
}

UsableSize usableSize(const QString& objectName) {
    for (const UsableSize& u : usableSizes())
        if (u.objectName == objectName) return u;
    return {objectName, 0, QSize(200, 120)};
}

const QTableView* panelTable(const QWidget* panel) {
    if (!panel) return nullptr;
    if (auto* view = qobject_cast<const QTableView*>(panel)) return view;
    return panel->findChild<QTableView*>();
}

int tableRowsHeight(const QWidget* panel, int rows) {
    const QTableView* view = panelTable(panel);
    return view ? rows * view->verticalHeader()->defaultSectionSize() : 0;
}

int visibleTableRows(const QWidget* panel) {
    const QTableView* view = panelTable(panel);
    if (!view) return 0;
    const int row = view->verticalHeader()->defaultSectionSize();
    return row > 0 ? view->viewport()->height() / row : 0;
}

}  // namespace quarry::gui
