// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A cluster's accounts as a node-link graph: node size by request volume, fill by score, a red
// ring when flagged; edges coloured by link type (legend above) and thickened by count. Data
// and layout come from a worker thread; selecting nodes (click, Ctrl+click, rubber band) emits
// the accounts so the rest of the window follows. Wheel zooms.

#include <QFutureWatcher>
#include <QWidget>

#include <vector>

#include "items/clustergraphdata.h"

class QGraphicsItem;
class QGraphicsScene;
class QGraphicsView;
class QLabel;

namespace quarry::gui {

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
    QGraphicsView* view() const { return view_; }
    QLabel* note() const { return note_; }
    // Scene items of a node / an edge by index in data(), for tests and keyboard use.
    QGraphicsItem* nodeItem(int index) const;
    QGraphicsItem* edgeItem(int index) const;
    static QColor linkTypeColor(const QString& type);

signals:
    void accountsSelected(const QVector<qint64>& accountIds);

private:
    void start();
    void build();
    void onSceneSelection();

    QString path_;
    int64_t wanted_ = -1;
    bool pending_ = false;  // a newer cluster waits for the running load
    QFutureWatcher<ClusterGraphData> watcher_;
    ClusterGraphData data_;
    QGraphicsScene* scene_;
    QGraphicsView* view_;
    QLabel* legend_;
    QLabel* note_;
    std::vector<QGraphicsItem*> nodes_, edges_;
    bool building_ = false;
};

}  // namespace quarry::gui
