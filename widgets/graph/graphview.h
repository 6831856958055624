// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cluster graph's canvas: the wheel zooms under the mouse, a middle-button drag pans (a left
// drag on empty canvas draws the selection band), a double-click on empty canvas fits the whole
// graph. While nothing has been zoomed by hand the view keeps the whole graph fitted, so
// enlarging the tab enlarges the graph; zooming switches that off until the next fit.

#include <QGraphicsView>

namespace quarry::gui {

class GraphView final : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(QGraphicsScene* scene, QWidget* parent = nullptr);

    // Fits the scene rect into the viewport and keeps it fitted on resize.
    void fitAll();
    bool autoFit() const { return autoFit_; }

signals:
    // Right click on an item (nullptr: empty canvas), in global coordinates.
    void itemContextMenu(QGraphicsItem* item, const QPoint& globalPos);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    bool autoFit_ = true;
    bool panning_ = false;
    QPoint panFrom_;
};

}  // namespace quarry::gui
