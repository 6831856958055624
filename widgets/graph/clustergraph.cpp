// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/clustergraph.h"

#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "graph/graphitems.h"
#include "graph/graphlegend.h"
#include "graph/graphstyle.h"
#include "graph/graphview.h"
#include "items/casequeries.h"
#include "store/casefile.h"

namespace quarry::gui {
namespace {

constexpr double kSpread =
    48;  // scene pixels per layout unit (the median nearest-neighbour distance)
constexpr double kDimmed = 0.12;
constexpr int kMaxSelectedLabels = 30;  // more selected names than this cover the graph

QString escaped(const QString& s) {
    return s.toHtmlEscaped();
}

QIcon swatch(const QColor& color) {
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(130));
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(pm);
}

}  // namespace

QColor ClusterGraph::linkTypeColor(const QString& type) {
    return graphstyle::linkTypeColor(type);
}

ClusterGraph::ClusterGraph(QWidget* parent)
    : QWidget(parent),
      scene_(new QGraphicsScene(this)),
      view_(new GraphView(scene_, this)),
      legend_(new GraphLegend(this)),
      note_(new QLabel(this)),
      fit_(new QToolButton(this)),
      toggleBox_(new QWidget(this)),
      toggleRow_(new QHBoxLayout(toggleBox_)) {
    view_->setObjectName(QStringLiteral("clusterGraphView"));
    note_->setObjectName(QStringLiteral("clusterGraphNote"));
    note_->setWordWrap(true);
    note_->setTextFormat(Qt::PlainText);
    note_->setText(tr("Select a cluster"));
    fit_->setObjectName(QStringLiteral("clusterGraphFit"));
    fit_->setText(tr("Fit"));
    fit_->setToolTip(tr("Fit the whole graph in view (F, or double-click empty space)"));
    connect(fit_, &QToolButton::clicked, this, &ClusterGraph::fitGraph);
    auto* fitKey = new QShortcut(QKeySequence(Qt::Key_F), this);
    fitKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(fitKey, &QShortcut::activated, this, &ClusterGraph::fitGraph);

    // The toggles scroll sideways rather than widen the window when a cluster has many types.
    toggleRow_->setContentsMargins(0, 0, 0, 0);
    toggleRow_->setSpacing(4);
    toggleRow_->addStretch(1);
    auto* toggleScroll = new QScrollArea(this);
    toggleScroll->setObjectName(QStringLiteral("clusterGraphToggles"));
    toggleScroll->setWidget(toggleBox_);
    toggleScroll->setWidgetResizable(true);
    toggleScroll->setFrameShape(QFrame::NoFrame);
    toggleScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    toggleScroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QToolButton probe;
    probe.setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    probe.setText(QStringLiteral("template"));
    probe.setIcon(swatch(Qt::gray));
    toggleScroll->setFixedHeight(probe.sizeHint().height() +
                                 style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);

    auto* bar = new QHBoxLayout;
    bar->addWidget(fit_);
    bar->addWidget(toggleScroll, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
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
    connect(view_, &GraphView::itemContextMenu, this, &ClusterGraph::onContextMenu);
}

ClusterGraph::~ClusterGraph() {
    building_ = true;          // items going away report no hover
    scene_->disconnect(this);  // the scene deselects its items while it is destroyed
    watcher_.waitForFinished();
}

void ClusterGraph::setCase(const QString& casePath) {
    path_ = casePath;
    wanted_ = -1;
    data_ = {};
    hiddenTypes_.clear();  // a new case starts with every link type shown
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
    // The other cluster's picture goes now: the shorter note resizes the view, which refits
    // it, and redrawing every edge of a graph about to be replaced cost the pick a full draw.
    if (data_.cluster >= 0 && data_.cluster != wanted_) {
        data_ = {};
        build();
    }
    note_->setText(tr("Laying out cluster %1…").arg(wanted_));
    const QString path = path_;
    const int64_t cluster = wanted_;
    watcher_.setFuture(QtConcurrent::run([path, cluster] {
        auto file = openReadOnly(path);
        return file ? loadClusterGraph(file->db(), cluster) : ClusterGraphData{};
    }));
}

namespace {
QGraphicsItem* at(const std::vector<QGraphicsItem*>& items, int index) {
    return index >= 0 && index < static_cast<int>(items.size()) ? items[static_cast<size_t>(index)]
                                                                : nullptr;
}
}  // namespace

QGraphicsItem* ClusterGraph::nodeItem(int index) const {
    return at(nodes_, index);
}

QGraphicsItem* ClusterGraph::hubItem(int index) const {
    return at(hubs_, index);
}

QGraphicsItem* ClusterGraph::edgeItem(int index) const {
    return at(edges_, index);
}

QStringList ClusterGraph::linkTypes() const {
    QStringList out;
    for (const auto& [type, count] : data_.types) out << type;
    return out;
}

QAbstractButton* ClusterGraph::linkTypeButton(const QString& type) const {
    return toggles_.value(type, nullptr);
}

bool ClusterGraph::linkTypeVisible(const QString& type) const {
    return !hiddenTypes_.contains(type);
}

void ClusterGraph::setLinkTypeVisible(const QString& type, bool visible) {
    if (visible)
        hiddenTypes_.remove(type);
    else
        hiddenTypes_.insert(type);
    if (QToolButton* b = toggles_.value(type, nullptr); b && b->isChecked() != visible)
        b->setChecked(visible);  // comes back here once, with nothing left to change
    for (size_t i = 0; i < edges_.size(); ++i)
        if (data_.edges[i].type == type) edges_[i]->setVisible(visible);
    if (edgeLayer_) edgeLayer_->update();  // its cached picture shows the old set
    for (size_t i = 0; i < hubs_.size(); ++i)
        if (data_.hubs[i].type == type) hubs_[i]->setVisible(visible);
    updateHighlight();
}

void ClusterGraph::fitGraph() {
    // From the dots' and hubs' positions: their (hidden) labels would widen the bounds.
    // (QRectF::united ignores the zero-size rect of a point, so the bounds are kept by hand.)
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool first = true;
    for (const auto* items : {&nodes_, &hubs_})
        for (QGraphicsItem* item : *items) {
            const QPointF p = item->pos();
            x0 = first ? p.x() : std::min(x0, p.x());
            y0 = first ? p.y() : std::min(y0, p.y());
            x1 = first ? p.x() : std::max(x1, p.x());
            y1 = first ? p.y() : std::max(y1, p.y());
            first = false;
        }
    const QRectF bounds(QPointF(x0, y0), QPointF(x1, y1));
    view_->setSceneRect(bounds.adjusted(-40, -40, 40, 40));
    view_->fitAll();
}

QString ClusterGraph::noteText() const {
    const QLocale locale;
    QString note =
        data_.summarised
            ? tr("Cluster %1: %2 accounts sharing %3 keys")
                  .arg(data_.cluster)
                  .arg(locale.toString(data_.memberCount), locale.toString(data_.linkCount))
            : tr("Cluster %1: %2 accounts, %3 links")
                  .arg(data_.cluster)
                  .arg(locale.toString(data_.memberCount), locale.toString(data_.linkCount));
    if (data_.summarised && data_.capped())
        note +=
            tr(" — showing the %1 accounts that share the most and %2 of the widest keys "
               "among them (at most %3 of a type); %4 accounts and %5 keys are not drawn")
                .arg(data_.nodes.size())
                .arg(data_.hubs.size())
                .arg(kGraphMaxHubsPerType)
                .arg(locale.toString(data_.memberCount - static_cast<int64_t>(data_.nodes.size())),
                     locale.toString(data_.linkCount - static_cast<int64_t>(data_.hubs.size())));
    else if (data_.capped())
        note += tr(" — showing the %1 most linked accounts and the %2 strongest links among them")
                    .arg(data_.nodes.size())
                    .arg(data_.edges.size());
    if (!data_.summarised)
        note +=
            tr(". This case was analysed before Quarry summarised links by shared key: "
               "re-analyse it to see one hub per shared payment, subnet or template.");
    return note;
}

void ClusterGraph::build() {
    building_ = true;
    hovered_ = nullptr;
    highlighted_.clear();
    edgeLayer_ = nullptr;  // goes with the scene's items
    scene_->clear();
    nodes_.clear();
    hubs_.clear();
    edges_.clear();
    nodeEdges_.clear();
    hubEdges_.clear();
    building_ = false;
    buildToggles();
    if (data_.cluster < 0) return;
    note_->setText(noteText());
    // On screen, the note's new height resizes the view now, while the scene is empty, so the
    // graph is fitted and drawn once rather than drawn, resized, refitted and drawn again. (A
    // hidden graph is fitted when shown; settling a hidden layout left it fitted to a stale
    // viewport.)
    if (isVisible() && layout()) layout()->activate();
    addItems();
    for (const QString& type : hiddenTypes_) setLinkTypeVisible(type, false);
    fitGraph();
}

void ClusterGraph::buildToggles() {
    for (QToolButton* b : std::as_const(toggles_)) delete b;
    toggles_.clear();
    int position = 0;
    for (const auto& [type, count] : data_.types) {
        auto* b = new QToolButton(toggleBox_);
        b->setObjectName(QStringLiteral("linkType_") + type);
        b->setCheckable(true);
        b->setChecked(linkTypeVisible(type));
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setIcon(swatch(linkTypeColor(type)));
        b->setText(QStringLiteral("%1 %2").arg(type).arg(count));
        b->setToolTip(data_.summarised
                          ? tr("Show or hide the %1 keys this cluster's members share (%2)")
                                .arg(type)
                                .arg(count)
                          : tr("Show or hide %1 links").arg(type));
        connect(b, &QToolButton::toggled, this,
                [this, type = type](bool on) { setLinkTypeVisible(type, on); });
        toggleRow_->insertWidget(position++, b);
        toggles_.insert(type, b);
    }
}

void ClusterGraph::addItems() {
    int64_t maxRequests = 1, maxCount = 1;
    for (const GraphNode& n : data_.nodes) maxRequests = std::max(maxRequests, n.requests);
    for (const GraphEdge& e : data_.edges) maxCount = std::max(maxCount, e.count);
    const HoverCallback hover = [this](QGraphicsItem* item, bool in) { onHover(item, in); };
    const auto pos = [](double x, double y) { return QPointF(x * kSpread, y * kSpread); };
    nodeEdges_.assign(data_.nodes.size(), {});
    hubEdges_.assign(data_.hubs.size(), {});
    std::vector<QGraphicsLineItem*> lines;
    lines.reserve(data_.edges.size());

    for (size_t i = 0; i < data_.edges.size(); ++i) {
        const GraphEdge& e = data_.edges[i];
        const GraphNode& a = data_.nodes[static_cast<size_t>(e.from)];
        QColor color = linkTypeColor(e.type);
        color.setAlpha(150);
        QPen pen(color);
        pen.setCosmetic(true);  // thickness means strength or count at any zoom
        QString tip;
        QPointF end;
        if (e.hub >= 0) {
            const GraphHub& h = data_.hubs[static_cast<size_t>(e.hub)];
            end = pos(h.x, h.y);
            pen.setWidthF(0.8 + 2.2 * std::clamp(h.strength, 0.0, 1.0));
            tip = tr("<b>%1</b> %2<br>shared by %3 (and %4 others in the cluster)")
                      .arg(escaped(e.type), escaped(h.value), escaped(a.name))
                      .arg(std::max<int64_t>(h.members - 1, 0));
            hubEdges_[static_cast<size_t>(e.hub)].push_back(static_cast<int>(i));
        } else {
            const GraphNode& b = data_.nodes[static_cast<size_t>(e.to)];
            end = pos(b.x, b.y);
            pen.setWidthF(0.8 + 4.2 * std::sqrt(static_cast<double>(e.count) /
                                                static_cast<double>(maxCount)));
            tip = tr("<b>%1</b> link × %2<br>%3 ↔ %4<p style='white-space:pre-wrap'>%5</p>")
                      .arg(escaped(e.type))
                      .arg(e.count)
                      .arg(escaped(a.name), escaped(b.name), escaped(e.evidence));
            nodeEdges_[static_cast<size_t>(e.to)].push_back(static_cast<int>(i));
        }
        nodeEdges_[static_cast<size_t>(e.from)].push_back(static_cast<int>(i));
        auto* line = new EdgeItem(QLineF(pos(a.x, a.y), end));
        line->setPen(pen);
        line->setZValue(0);
        line->setToolTip(tip);
        scene_->addItem(line);
        edges_.push_back(line);
        lines.push_back(line);
    }
    edgeLayer_ = new EdgeLayer(std::move(lines));
    edgeLayer_->setZValue(0);
    scene_->addItem(edgeLayer_);
    for (size_t i = 0; i < data_.hubs.size(); ++i) {
        const GraphHub& h = data_.hubs[i];
        const QString label = QStringLiteral("%1: %2").arg(h.type, h.value);
        auto* hub = new HubItem(graphstyle::kHubRadius, label, hover);
        hub->setPen(QPen(graphstyle::plainRing(), 1));
        hub->setBrush(linkTypeColor(h.type));
        hub->setPos(pos(h.x, h.y));
        hub->setData(kHubRole, static_cast<int>(i));
        QString tip = tr("<b>%1</b> %2<br>shared by %3 accounts of the cluster (%4 drawn), "
                         "%5 pair links, strength %6")
                          .arg(escaped(h.type), escaped(h.value))
                          .arg(h.members)
                          .arg(hubEdges_[i].size())
                          .arg(h.pairs)
                          .arg(h.strength, 0, 'f', 2);
        if (h.keys > 1)
            tip +=
                tr("<br>%1 %2 keys join exactly these accounts").arg(h.keys).arg(escaped(h.type));
        hub->setToolTip(tip);
        scene_->addItem(hub);
        hubs_.push_back(hub);
    }
    for (size_t i = 0; i < data_.nodes.size(); ++i) {
        const GraphNode& n = data_.nodes[i];
        auto* dot = new NodeItem(
            graphstyle::nodeRadius(n.requests, maxRequests, static_cast<int>(data_.nodes.size())),
            n.name, hover);
        dot->setPen(n.flagged ? QPen(graphstyle::flaggedRing(), 3)
                              : QPen(graphstyle::plainRing(), 1));
        dot->setBrush(graphstyle::scoreColor(n.score));
        dot->setPos(pos(n.x, n.y));
        dot->setData(kAccountRole, QVariant::fromValue<qint64>(n.account));
        dot->setData(kNodeRole, static_cast<int>(i));
        dot->setToolTip(tr("<b>%1</b><br>score %2%3<br>%4 requests")
                            .arg(escaped(n.name))
                            .arg(n.score, 0, 'f', 2)
                            .arg(n.flagged ? tr(" (flagged)") : QString())
                            .arg(n.requests));
        scene_->addItem(dot);
        nodes_.push_back(dot);
    }
}

void ClusterGraph::onSceneSelection() {
    if (building_) return;
    updateHighlight();
    QVector<qint64> ids;
    for (QGraphicsItem* item : scene_->selectedItems()) {
        const QVariant id = item->data(kAccountRole);
        if (id.isValid()) ids.push_back(id.toLongLong());
    }
    std::sort(ids.begin(), ids.end());
    if (!ids.isEmpty()) emit accountsSelected(ids);
}

void ClusterGraph::onHover(QGraphicsItem* item, bool entered) {
    if (building_) return;  // the scene is clearing: the item may be half gone
    if (entered)
        hovered_ = item;
    else if (hovered_ == item)
        hovered_ = nullptr;
    updateHighlight();
}

void ClusterGraph::onContextMenu(QGraphicsItem* item, const QPoint& globalPos) {
    // A visible label is a child of its node or hub: the menu is about that.
    while (item && !item->data(kAccountRole).isValid() && !item->data(kHubRole).isValid())
        item = item->parentItem();
    if (!item) return;
    if (const QVariant id = item->data(kAccountRole); id.isValid()) {
        emit accountContextMenuRequested(id.toLongLong(), globalPos);
        return;
    }
    const int hub = item->data(kHubRole).toInt();
    if (hub >= 0 && hub < static_cast<int>(data_.hubs.size()))
        emit keyContextMenuRequested(data_.hubs[static_cast<size_t>(hub)].type,
                                     data_.hubs[static_cast<size_t>(hub)].value, globalPos);
}

void ClusterGraph::updateHighlight() {
    // The focus: the selected nodes and what the mouse is over.
    QSet<int> focusNodes, focusHubs;
    const QList<QGraphicsItem*> selected = scene_->selectedItems();
    for (QGraphicsItem* item : selected)
        if (const QVariant n = item->data(kNodeRole); n.isValid()) focusNodes.insert(n.toInt());
    if (hovered_) {
        if (const QVariant n = hovered_->data(kNodeRole); n.isValid()) focusNodes.insert(n.toInt());
        if (const QVariant h = hovered_->data(kHubRole); h.isValid()) focusHubs.insert(h.toInt());
    }
    // Neighbours through visible edges: a node's hubs and every account sharing them, or the
    // other end of a pair link; a hub's accounts.
    highlighted_ = focusNodes;
    QSet<int> hubsLit = focusHubs, edgesLit;
    for (int n : std::as_const(focusNodes))
        for (int e : nodeEdges_[static_cast<size_t>(n)]) {
            if (!edges_[static_cast<size_t>(e)]->isVisible()) continue;
            const GraphEdge& edge = data_.edges[static_cast<size_t>(e)];
            if (edge.hub >= 0) {
                hubsLit.insert(edge.hub);
            } else {
                edgesLit.insert(e);
                highlighted_.insert(edge.from == n ? edge.to : edge.from);
            }
        }
    for (int h : std::as_const(hubsLit))
        for (int e : hubEdges_[static_cast<size_t>(h)]) {
            if (!edges_[static_cast<size_t>(e)]->isVisible()) continue;
            edgesLit.insert(e);
            highlighted_.insert(data_.edges[static_cast<size_t>(e)].from);
        }
    const bool focus = !focusNodes.isEmpty() || !focusHubs.isEmpty();
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const bool lit = !focus || highlighted_.contains(static_cast<int>(i));
        nodes_[i]->setOpacity(lit ? 1.0 : kDimmed);
        const bool named = (nodes_[i] == hovered_) || (focusNodes.contains(static_cast<int>(i)) &&
                                                       focusNodes.size() <= kMaxSelectedLabels);
        static_cast<NodeItem*>(nodes_[i])->label()->setVisible(named);
    }
    for (size_t i = 0; i < hubs_.size(); ++i) {
        hubs_[i]->setOpacity(!focus || hubsLit.contains(static_cast<int>(i)) ? 1.0 : kDimmed);
        static_cast<HubItem*>(hubs_[i])->label()->setVisible(hubs_[i] == hovered_);
    }
    for (size_t i = 0; i < edges_.size(); ++i)
        edges_[i]->setOpacity(!focus || edgesLit.contains(static_cast<int>(i)) ? 1.0 : kDimmed);
    if (edgeLayer_) edgeLayer_->update();
    if (!focus) highlighted_.clear();
}

}  // namespace quarry::gui
