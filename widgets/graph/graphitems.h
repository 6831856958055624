// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scene items of the cluster graph: an account node (a dot, selectable), a hub for one
// shared key (a diamond in its link type's colour, not selectable: picking selects accounts)
// and the name label both carry. Dots, hubs and labels keep their on-screen size at any zoom
// (ItemIgnoresTransformations): zooming out shows the shape, zooming in separates them, and a
// label stays readable. Hovering reports to the graph, which highlights the neighbours.

#include <QGraphicsEllipseItem>
#include <QGraphicsLineItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsSimpleTextItem>

#include <functional>
#include <vector>

namespace quarry::gui {

// QGraphicsItem::data keys.
inline constexpr int kAccountRole = 0;  // a node's account id
inline constexpr int kHubRole = 1;      // a hub's index in ClusterGraphData::hubs
inline constexpr int kNodeRole = 2;     // a node's index in ClusterGraphData::nodes

using HoverCallback = std::function<void(QGraphicsItem* item, bool entered)>;

// The label of a node or hub: hidden until hovered or selected, drawn on a pale box so it
// reads over edges.
class GraphLabel final : public QGraphicsSimpleTextItem {
public:
    GraphLabel(const QString& text, QGraphicsItem* parent);
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
};

class NodeItem final : public QGraphicsEllipseItem {
public:
    NodeItem(double radius, const QString& label, HoverCallback hover);
    GraphLabel* label() const { return label_; }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    GraphLabel* label_;
    HoverCallback hover_;
};

class HubItem final : public QGraphicsPolygonItem {
public:
    HubItem(double radius, const QString& label, HoverCallback hover);
    GraphLabel* label() const { return label_; }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    GraphLabel* label_;
    HoverCallback hover_;
};

// One edge: its pen, tool tip, visibility and opacity, hovered like any item, but drawn by the
// EdgeLayer with the other edges of its look. Stroked one by one, a wide antialiased line is a
// fill the raster engine hands to its thread pool: a cluster's 2,000 edges took half a second
// to draw, most of it waking threads.
class EdgeItem final : public QGraphicsLineItem {
public:
    using QGraphicsLineItem::QGraphicsLineItem;
    // The line's box widened by the pen. QGraphicsLineItem strokes the line into a path for its
    // bounding box; the scene asks for it of every edge it indexes. The exact shape (for what
    // the mouse is over) stays QGraphicsLineItem's.
    QRectF boundingRect() const override;
    void paint(QPainter*, const QStyleOptionGraphicsItem*, QWidget*) override {}
};

// Draws the visible edges, one stroked path per pen and opacity.
class EdgeLayer final : public QGraphicsItem {
public:
    explicit EdgeLayer(std::vector<QGraphicsLineItem*> edges);
    QRectF boundingRect() const override { return bounds_; }
    // Never under the mouse: hovering and clicking find the edges (or the empty canvas).
    QPainterPath shape() const override { return {}; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<QGraphicsLineItem*> edges_;
    QRectF bounds_;
};

}  // namespace quarry::gui
