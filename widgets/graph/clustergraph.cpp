// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/clustergraph.h"

#include <QGraphicsEllipseItem>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHash>
#include <QLabel>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "items/casequeries.h"
#include "store/casefile.h"

namespace quarry::gui {
namespace {

constexpr int kAccountRole = 0;  // QGraphicsItem::data key of a node's account id
constexpr double kSpread =
    48;  // scene pixels per layout unit (the median nearest-neighbour distance)

class ZoomView final : public QGraphicsView {
public:
    using QGraphicsView::QGraphicsView;

protected:
    void wheelEvent(QWheelEvent* event) override {
        const double factor = std::pow(1.0015, event->angleDelta().y());
        scale(factor, factor);
        event->accept();
    }
};

QString escaped(const QString& s) {
    return s.toHtmlEscaped();
}

}  // namespace

QColor ClusterGraph::linkTypeColor(const QString& type) {
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("template"), QColor(0x8e, 0x44, 0xad)},
        {QStringLiteral("payment"), QColor(0xc0, 0x39, 0x2b)},
        {QStringLiteral("ip"), QColor(0x29, 0x80, 0xb9)},
        {QStringLiteral("subnet"), QColor(0x5d, 0xad, 0xe2)},
        {QStringLiteral("organization"), QColor(0xd3, 0x54, 0x00)},
        {QStringLiteral("user_agent"), QColor(0x7f, 0x8c, 0x8d)},
        {QStringLiteral("sync"), QColor(0x27, 0xae, 0x60)},
        {QStringLiteral("creation_burst"), QColor(0xf1, 0xc4, 0x0f)},
    };
    const auto it = colors.constFind(type);
    return it != colors.cend() ? *it
                               : QColor::fromHsv(static_cast<int>(qHash(type) % 360), 150, 170);
}

ClusterGraph::ClusterGraph(QWidget* parent)
    : QWidget(parent),
      scene_(new QGraphicsScene(this)),
      view_(new ZoomView(scene_, this)),
      legend_(new QLabel(this)),
      note_(new QLabel(this)) {
    view_->setObjectName(QStringLiteral("clusterGraphView"));
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setDragMode(QGraphicsView::RubberBandDrag);
    view_->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    QString legend;
    for (const char* type : {"template", "payment", "ip", "subnet", "organization", "user_agent",
                             "sync", "creation_burst"})
        legend += QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2 &nbsp; ")
                      .arg(linkTypeColor(QLatin1String(type)).name(), QLatin1String(type));
    legend_->setText(legend + tr("— node size: requests; fill: score; red ring: flagged"));
    legend_->setTextFormat(Qt::RichText);
    legend_->setWordWrap(true);
    note_->setWordWrap(true);
    note_->setTextFormat(Qt::PlainText);
    note_->setText(tr("Select a cluster"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(legend_);
    layout->addWidget(note_);
    layout->addWidget(view_, 1);
    connect(&watcher_, &QFutureWatcher<ClusterGraphData>::finished, this, [this] {
        if (pending_) {  // the selection moved on while this one loaded
            pending_ = false;
            start();
            return;
        }
        data_ = watcher_.result();
        build();
    });
    connect(scene_, &QGraphicsScene::selectionChanged, this, &ClusterGraph::onSceneSelection);
}

ClusterGraph::~ClusterGraph() {
    scene_->disconnect(this);  // the scene deselects its items while it is destroyed
    watcher_.waitForFinished();
}

void ClusterGraph::setCase(const QString& casePath) {
    path_ = casePath;
    wanted_ = -1;
    data_ = {};
    build();
    note_->setText(casePath.isEmpty() ? QString() : tr("Select a cluster"));
}

void ClusterGraph::setCluster(int64_t clusterId) {
    if (path_.isEmpty() || (clusterId == wanted_ && (loading() || data_.cluster == clusterId)))
        return;
    wanted_ = clusterId;
    if (watcher_.isRunning()) {
        pending_ = true;
        return;
    }
    start();
}

void ClusterGraph::start() {
    note_->setText(tr("Laying out cluster %1…").arg(wanted_));
    const QString path = path_;
    const int64_t cluster = wanted_;
    watcher_.setFuture(QtConcurrent::run([path, cluster] {
        auto file = openReadOnly(path);
        return file ? loadClusterGraph(file->db(), cluster) : ClusterGraphData{};
    }));
}

QGraphicsItem* ClusterGraph::nodeItem(int index) const {
    return index >= 0 && index < static_cast<int>(nodes_.size())
               ? nodes_[static_cast<size_t>(index)]
               : nullptr;
}

QGraphicsItem* ClusterGraph::edgeItem(int index) const {
    return index >= 0 && index < static_cast<int>(edges_.size())
               ? edges_[static_cast<size_t>(index)]
               : nullptr;
}

void ClusterGraph::build() {
    building_ = true;
    scene_->clear();
    nodes_.clear();
    edges_.clear();
    building_ = false;
    if (data_.cluster < 0) return;
    QString note = tr("Cluster %1: %2 accounts, %3 links")
                       .arg(data_.cluster)
                       .arg(data_.memberCount)
                       .arg(data_.linkCount);
    if (data_.capped())
        note += tr(" — showing the %1 most linked accounts and the %2 strongest links among them")
                    .arg(data_.nodes.size())
                    .arg(data_.edges.size());
    note_->setText(note);

    int64_t maxRequests = 1, maxCount = 1;
    for (const GraphNode& n : data_.nodes) maxRequests = std::max(maxRequests, n.requests);
    for (const GraphEdge& e : data_.edges) maxCount = std::max(maxCount, e.count);
    std::vector<double> radius;
    for (const GraphNode& n : data_.nodes)
        radius.push_back(
            3 + 10 * std::sqrt(static_cast<double>(n.requests) / static_cast<double>(maxRequests)));

    for (const GraphEdge& e : data_.edges) {
        const GraphNode& a = data_.nodes[static_cast<size_t>(e.from)];
        const GraphNode& b = data_.nodes[static_cast<size_t>(e.to)];
        QColor color = linkTypeColor(e.type);
        color.setAlpha(170);
        const double width =
            0.8 + 4.2 * std::sqrt(static_cast<double>(e.count) / static_cast<double>(maxCount));
        QPen pen(color, width);
        pen.setCosmetic(true);  // thickness means count at any zoom
        auto* line =
            scene_->addLine(a.x * kSpread, a.y * kSpread, b.x * kSpread, b.y * kSpread, pen);
        line->setZValue(0);
        line->setToolTip(tr("<b>%1</b> link × %2<br>%3 ↔ %4<p style='white-space:pre-wrap'>%5</p>")
                             .arg(escaped(e.type))
                             .arg(e.count)
                             .arg(escaped(a.name), escaped(b.name), escaped(e.evidence)));
        edges_.push_back(line);
    }
    for (size_t i = 0; i < data_.nodes.size(); ++i) {
        const GraphNode& n = data_.nodes[i];
        const double r = radius[i];
        const double s = std::clamp(n.score, 0.0, 1.0);
        auto* dot = scene_->addEllipse(
            -r, -r, 2 * r, 2 * r,
            QPen(n.flagged ? QColor(0xc0, 0x10, 0x10) : QColor(60, 60, 60), n.flagged ? 3 : 1),
            QColor::fromHsvF(0.6 * (1.0 - s), 0.25 + 0.6 * s, 0.95));
        dot->setPos(n.x * kSpread, n.y * kSpread);
        dot->setZValue(1);
        // Dots keep their on-screen size: zooming out shows the shape, zooming in separates them.
        dot->setFlag(QGraphicsItem::ItemIgnoresTransformations);
        dot->setFlag(QGraphicsItem::ItemIsSelectable);
        dot->setData(kAccountRole, QVariant::fromValue<qint64>(n.account));
        dot->setToolTip(tr("<b>%1</b><br>score %2%3<br>%4 requests")
                            .arg(escaped(n.name))
                            .arg(n.score, 0, 'f', 2)
                            .arg(n.flagged ? tr(" (flagged)") : QString())
                            .arg(n.requests));
        nodes_.push_back(dot);
    }
    view_->setSceneRect(scene_->itemsBoundingRect().adjusted(-40, -40, 40, 40));
    view_->resetTransform();
    view_->fitInView(view_->sceneRect(), Qt::KeepAspectRatio);
}

void ClusterGraph::onSceneSelection() {
    if (building_) return;
    QVector<qint64> ids;
    for (QGraphicsItem* item : scene_->selectedItems()) {
        const QVariant id = item->data(kAccountRole);
        if (id.isValid()) ids.push_back(id.toLongLong());
    }
    std::sort(ids.begin(), ids.end());
    if (!ids.isEmpty()) emit accountsSelected(ids);
}

}  // namespace quarry::gui
