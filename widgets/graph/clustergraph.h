// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A cluster's accounts as a node-link graph, built to be shown in a meeting. Accounts are dots
// (size: requests, fill: score, red ring: flagged); each key members share (a payment, a subnet,
// a template group...) is a diamond hub in its link type's colour with a line to each member
// that shares it (see clustergraphdata.h for why hubs rather than pair lines). A row of
// checkable buttons, one per link type the cluster has, shows or hides that type; a legend
// says what sizes and colours mean. Hovering or selecting a dot shows its name and highlights
// its neighbours (the keys it shares and the accounts sharing them), dimming the rest. The
// graph stays fitted to the view until zoomed by hand; Fit (F) or a double-click on empty
// canvas fits it again. Data and layout come from a worker thread; selecting dots (click,
// Ctrl+click, rubber band) emits the accounts so the rest of the window follows; a right click
// asks for a context menu on an account or a key, which the window provides.

#include <QFutureWatcher>
#include <QMap>
#include <QSet>
#include <QWidget>

#include <vector>

#include "items/clustergraphdata.h"

class QAbstractButton;
class QGraphicsItem;
class QGraphicsScene;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace quarry::gui {

class GraphLegend;
class GraphView;

class ClusterGraph final : public QWidget {
    Q_OBJECT
public:
    explicit ClusterGraph(QWidget* parent = nullptr);
    ~ClusterGraph() override;

    void setCase(const QString& casePath);
    void setCluster(int64_t clusterId);
    bool loading() const { return watcher_.isRunning() || pending_; }
    const ClusterGraphData& data() const { return data_; }
    QGraphicsScene* scene() const { return scene_; }
    GraphView* view() const { return view_; }
    QLabel* note() const { return note_; }
    GraphLegend* legend() const { return legend_; }
    QToolButton* fitButton() const { return fit_; }
    // Scene items by index in data(), for tests and keyboard use.
    QGraphicsItem* nodeItem(int index) const;
    QGraphicsItem* hubItem(int index) const;
    QGraphicsItem* edgeItem(int index) const;
    static QColor linkTypeColor(const QString& type);

    // The link type toggles, in the order shown (commonest type first).
    QStringList linkTypes() const;
    QAbstractButton* linkTypeButton(const QString& type) const;
    void setLinkTypeVisible(const QString& type, bool visible);
    bool linkTypeVisible(const QString& type) const;
    // Node indexes drawn at full strength around the hovered or selected nodes (empty when
    // nothing is hovered or selected: then every node is).
    QSet<int> highlightedNodes() const { return highlighted_; }

    void fitGraph();

signals:
    void accountsSelected(const QVector<qint64>& accountIds);
    void accountContextMenuRequested(qint64 accountId, QPoint globalPos);
    void keyContextMenuRequested(QString linkType, QString key, QPoint globalPos);

private:
    void start();
    void build();
    void buildToggles();
    void addItems();
    void onSceneSelection();
    void onHover(QGraphicsItem* item, bool entered);
    void onContextMenu(QGraphicsItem* item, const QPoint& globalPos);
    void updateHighlight();
    QString noteText() const;

    QString path_;
    int64_t wanted_ = -1;
    bool pending_ = false;  // a newer cluster waits for the running load
    QFutureWatcher<ClusterGraphData> watcher_;
    ClusterGraphData data_;
    QGraphicsScene* scene_;
    GraphView* view_;
    GraphLegend* legend_;
    QLabel* note_;
    QToolButton* fit_;
    QWidget* toggleBox_;
    QHBoxLayout* toggleRow_;
    QMap<QString, QToolButton*> toggles_;
    QSet<QString> hiddenTypes_;  // kept across clusters of a case: hiding templates is meant
    std::vector<QGraphicsItem*> nodes_, hubs_, edges_;
    QGraphicsItem* edgeLayer_ = nullptr;                  // draws edges_ (graphitems.h)
    std::vector<std::vector<int>> nodeEdges_, hubEdges_;  // edge indexes touching each
    QGraphicsItem* hovered_ = nullptr;
    QSet<int> highlighted_;
    bool building_ = false;
};

}  // namespace quarry::gui
