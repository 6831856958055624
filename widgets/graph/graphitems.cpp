// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/graphitems.h"

#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSemaphore>
#include <QStyleOptionGraphicsItem>
#include <QThreadPool>

#include <map>
#include <tuple>

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

QRectF EdgeItem::boundingRect() const {
    // Half the pen on each side, and as much again for a square cap at a slant.
    const qreal margin = pen().widthF();
    return QRectF(line().p1(), line().p2()).normalized().adjusted(-margin, -margin, margin, margin);
}

EdgeLayer::EdgeLayer(std::vector<QGraphicsLineItem*> edges) : edges_(std::move(edges)) {
    for (const QGraphicsLineItem* e : edges_) {
        const QLineF l = e->line();
        bounds_ |= QRectF(l.p1(), l.p2()).normalized().adjusted(-1, -1, 1, 1);
    }
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption);  // exposedRect: a hover repaints a few edges only
    // Drawn once per zoom and per change of the edges (ClusterGraph calls update()); a repaint
    // for a label or a hovered dot copies the picture instead of stroking every edge again.
    setCacheMode(DeviceCoordinateCache);
}

void EdgeLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    // Group by look; the key keeps the order stable so repaints draw the same picture.
    using Look = std::tuple<QRgb, double, double>;  // colour, width, opacity
    std::map<Look, QPainterPath> paths;
    const QRectF exposed = option->exposedRect;
    for (const QGraphicsLineItem* e : edges_) {
        if (!e->isVisible()) continue;
        const QLineF l = e->line();
        const QRectF box = QRectF(l.p1(), l.p2()).normalized().adjusted(-1, -1, 1, 1);
        if (!exposed.isEmpty() && !exposed.intersects(box)) continue;
        QPainterPath& path = paths[{e->pen().color().rgba(), e->pen().widthF(), e->opacity()}];
        path.moveTo(l.p1());
        path.lineTo(l.p2());
    }
    const auto stroke = [&paths](QPainter* p) {
        p->setBrush(Qt::NoBrush);
        for (const auto& [look, path] : paths) {
            QPen pen(QColor::fromRgba(std::get<0>(look)), std::get<1>(look));
            pen.setCosmetic(true);
            p->setOpacity(std::get<2>(look));
            p->strokePath(path, pen);
        }
    };
    // Qt 6.4's raster engine splits each batch of an antialiased stroke's spans across the
    // global thread pool and waits for the pieces: a big cluster's edges were thousands of
    // hand-offs and wake-ups on the GUI thread. Painted on a thread of that pool, it does not
    // split (the pool never waits on itself): the whole picture is one hand-off. When no thread
    // of the pool is free right now, it is painted here as before.
    const QTransform toDevice = painter->combinedTransform();  // to the device's logical pixels
    const qreal dpr = painter->device()->devicePixelRatioF();
    const QRect target = toDevice.mapRect(exposed.isEmpty() ? bounds_ : exposed & bounds_)
                             .toAlignedRect()
                             .adjusted(-2, -2, 2, 2)
                             .intersected(QRect(QPoint(0, 0), QSize(painter->device()->width(),
                                                                    painter->device()->height())));
    if (target.isEmpty()) return;
    QImage image(target.size() * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    const QPainter::RenderHints hints = painter->renderHints();
    QSemaphore done;
    const bool handedOff = QThreadPool::globalInstance()->tryStart([&] {
        QPainter p(&image);
        p.setRenderHints(hints);
        p.setTransform(toDevice * QTransform::fromTranslate(-target.x(), -target.y()));
        stroke(&p);
        p.end();
        done.release();
    });
    if (!handedOff) {
        stroke(painter);
        return;
    }
    done.acquire();
    painter->save();
    painter->resetTransform();
    painter->setOpacity(1.0);
    painter->drawImage(target.topLeft(), image);
    painter->restore();
}

}  // namespace quarry::gui
