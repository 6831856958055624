// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemView>

class QTableView;

namespace quarry::gui {

// The look every workflow panel's table shares: whole rows, compact rows without a vertical
// header, the last column taking the remaining width.
void setupTableView(QTableView* view, QAbstractItemView::SelectionMode mode);

// Sizes the columns to their content after a refresh, keeping the stretched last one.
void fitTableColumns(QTableView* view);

}  // namespace quarry::gui
