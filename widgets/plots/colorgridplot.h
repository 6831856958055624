// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A grid of counts drawn as a QCPColorMap with a color scale and a title: the common part of
// the topic x time heatmap, the hour-of-week punchcard and the accounts x topics matrix.
// Subclasses fill the grid, label the axes and turn a clicked (column, row) into their meaning.

#include <qcustomplot.h>

#include <functional>

namespace quarry::gui {

class ColorGridPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit ColorGridPlot(const QString& title, QWidget* parent = nullptr);

    int columns() const { return cols_; }
    int rows() const { return rows_; }
    QString title() const;
    // Keeps the grid but says a newer one is on its way.
    void setLoading(const QString& message);
    bool loading() const { return loading_; }
    // The values the colour scale spans (from 0 to the largest cell).
    QCPRange colorRange() const;
    void clearGrid(const QString& message);
    // Pixel center of a cell (tests, keyboard use); null when out of range.
    QPoint cellPoint(int col, int row) const;

signals:
    void gridCellClicked(int col, int row);
    // A right-click on a cell (its context menu).
    void gridCellContextMenuRequested(int col, int row, QPoint globalPos);

protected:
    // Column c is centered at x0 + c * dx on the x axis; row r at r on the (reversed) y axis.
    void setGrid(int cols, int rows, double x0, double dx,
                 const std::function<double(int, int)>& value, const QString& title);
    // Names for the rows (y axis) or the columns (x axis): as many drawn as fit, elided, and
    // the full name on hover (FittedTextTicker).
    void setRowLabels(const QStringList& labels);
    void setColumnLabels(const QStringList& labels);
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    // A tooltip over a cell or a named tick: the full names a label may have shortened.
    bool event(QEvent* event) override;
    // The cell under a widget position; false when there is none.
    bool cellAt(const QPointF& pos, int* col, int* row) const;

private:
    void markCell(int col, int row);
    // The tooltip at a widget position and the area it is about (empty: none).
    QString toolTipAt(const QPoint& pos, QRect* area) const;

    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPItemRect* mark_ = nullptr;
    int cols_ = 0, rows_ = 0;
    double x0_ = 0, dx_ = 1;
    bool loading_ = false;
};

}  // namespace quarry::gui
