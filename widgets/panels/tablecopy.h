// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What "Copy value" and "Copy rows" put on the clipboard from any table: the displayed text,
// made safe to paste into a spreadsheet (formula starters neutralised; tabs and line breaks in
// log content cannot split a cell or a row).

#include <QString>

class QModelIndex;
class QTableView;

namespace quarry::gui {

// Any text from the logs, neutralised.
QString copyableText(const QString& text);
// One cell's displayed text, neutralised.
QString copyableValue(const QModelIndex& index);
// The header and the selected rows (every column, in view order) as tab-separated lines.
QString selectedRowsTsv(const QTableView* view);

}  // namespace quarry::gui
