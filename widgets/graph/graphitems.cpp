// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphitems.h"

#include <QPainter>
#include <QPalette>

namespace quarry::gui {

GraphLabel::GraphLabel(const QString& text, QGraphicsItem* parent)
    : QGraphicsSimpleTextItem(text, parent) {
    setVisible(false);
    setZValue(10);
    setBrush(QColor(20, 20, 20));
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

QRectF GraphLabel::boundingRect() const {
    return QGraphicsSimpleTextItem::boundingRect().adjusted(-3, -1, 3, 1);
}

void GraphLabel::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    painter->setPen(QColor(120, 120, 120));
    painter->setBrush(QColor(255, 255, 240, 230));
    painter->drawRoundedRect(boundingRect(), 3, 3);
    QGraphicsSimpleTextItem::paint(painter, option, widget);
}

namespace {
void placeLabel(GraphLabel* label, double radius) {
    label->setPos(radius + 3, -label->QGraphicsSimpleTextItem::boundingRect().height() / 2);
}
}  // namespace

NodeItem::NodeItem(double radius, const QString& label, HoverCallback hover)
    : QGraphicsEllipseItem(-radius, -radius, 2 * radius, 2 * radius),
      label_(new GraphLabel(label, this)),
      hover_(std::move(hover)) {
    placeLabel(label_, radius);
    setFlag(ItemIgnoresTransformations);
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(2);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    if (hover_) hover_(this, true);
    QGraphicsEllipseItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    if (hover_) hover_(this, false);
    QGraphicsEllipseItem::hoverLeaveEvent(event);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemSelectedHasChanged) setZValue(value.toBool() ? 3 : 2);
    return QGraphicsEllipseItem::itemChange(change, value);
}

HubItem::HubItem(double radius, const QString& label, HoverCallback hover)
    : QGraphicsPolygonItem(QPolygonF(
          {QPointF(0, -radius), QPointF(radius, 0), QPointF(0, radius), QPointF(-radius, 0)})),
      label_(new GraphLabel(label, this)),
      hover_(std::move(hover)) {
    placeLabel(label_, radius);
    setFlag(ItemIgnoresTransformations);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void HubItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    if (hover_) hover_(this, true);
    QGraphicsPolygonItem::hoverEnterEvent(event);
}

void HubItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    if (hover_) hover_(this, false);
    QGraphicsPolygonItem::hoverLeaveEvent(event);
}

}  // namespace quarry::gui
