// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/tablecopy.h"

#include <QItemSelectionModel>
#include <QTableView>

#include <algorithm>

#include "evidence/csvwriter.h"

namespace quarry::gui {

QString copyableText(const QString& text) {
    return evidence::tsvCell(text);
}

QString copyableValue(const QModelIndex& index) {
    return copyableText(index.data(Qt::DisplayRole).toString());
}

QString selectedRowsTsv(const QTableView* view) {
    const QAbstractItemModel* model = view->model();
    if (!model || !view->selectionModel()) return {};
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList cells;
    for (int c = 0; c < model->columnCount(); ++c)
        if (!view->isColumnHidden(c)) cells << model->headerData(c, Qt::Horizontal).toString();
    QString out = evidence::tsvLine(cells);
    for (const QModelIndex& row : rows) {
        cells.clear();
        for (int c = 0; c < model->columnCount(); ++c)
            if (!view->isColumnHidden(c)) cells << model->index(row.row(), c).data().toString();
        out += evidence::tsvLine(cells);
    }
    return out;
}

}  // namespace quarry::gui
