// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/tableviewsetup.h"

#include <QHeaderView>
#include <QTableView>

namespace quarry::gui {

void setupTableView(QTableView* view, QAbstractItemView::SelectionMode mode) {
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(mode);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
}

void fitTableColumns(QTableView* view) {
    const int n = view->model() ? view->model()->columnCount() : 0;
    // Only the first rows are measured: the audit trail can grow long, and the width of its
    // columns (time, analyst, action) does not vary much.
    view->horizontalHeader()->setResizeContentsPrecision(50);
    for (int c = 0; c + 1 < n; ++c) view->resizeColumnToContents(c);
}

}  // namespace quarry::gui
