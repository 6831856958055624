// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How big each panel must be to be worth looking at: table docks by rows shown, other docks and
// the plots by pixels. The default layout (defaultlayout.h) sizes the docks from this table and
// tst_gui_layout checks every visible dock and plot against it at 1366x768 and 1920x1080, so a
// new panel that needs more room says so here, once.

#include <QSize>
#include <QString>
#include <QVector>

class QTableView;
class QWidget;

namespace quarry::gui {

struct UsableSize {
    QString objectName;  // of the dock, or of the plot for plots
    int rows = 0;        // table rows the dock's table shows at least (0: not a table dock)
    QSize pixels;        // least width x height of the dock's contents or of the plot
};

// The table: docks by their objectName, then the plots.
const QVector<UsableSize>& usableSizes();
// The entry for this dock or plot; a dock nobody listed (a panel added later) gets a default.
UsableSize usableSize(const QString& objectName);
// The table a panel shows (the first one in it), or null.
const QTableView* panelTable(const QWidget* panel);
// Pixel height of `rows` rows of the first table in `panel` (0 if it holds no table).
int tableRowsHeight(const QWidget* panel, int rows);
// Rows of the first table in `panel` shown whole right now.
int visibleTableRows(const QWidget* panel);

}  // namespace quarry::gui
