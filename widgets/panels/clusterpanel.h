// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "items/clustertablemodel.h"

class QTableView;
class QTextBrowser;

namespace quarry::gui {

// Clusters ranked by score; the selected one's reasons in full below the table.
class ClusterPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ClusterPanel(QWidget* parent = nullptr);
    void setClusters(std::vector<ClusterRecord> clusters);
    bool selectCluster(int64_t id);
    ClusterTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }

signals:
    void clusterSelected(qint64 id);

private:
    void showReasons(const ClusterRecord* c);

    ClusterTableModel* model_;
    QTableView* view_;
    QTextBrowser* reasons_;
};

}  // namespace quarry::gui
