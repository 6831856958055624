// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cluster graph's legend: what a node's size, fill and ring encode, what a hub is, and that
// an edge's colour is its link type (the toggle buttons above the graph carry those colours).
// Painted from graphstyle, the functions the scene is drawn with; wraps onto more rows when
// the tab is narrow.

#include <QWidget>

#include <functional>
#include <vector>

namespace quarry::gui {

class GraphLegend final : public QWidget {
    Q_OBJECT
public:
    explicit GraphLegend(QWidget* parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // The legend's entries in words (what the painting says).
    QStringList entries() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Entry {
        int graphicWidth;
        std::function<void(QPainter&, double x, double mid)> paint;
        QString text;
    };
    std::vector<Entry> items() const;
    // Top-left of each entry for this width; the total height in *height.
    std::vector<QPoint> layout(int width, int* height) const;
};

}  // namespace quarry::gui
