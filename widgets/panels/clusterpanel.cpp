// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/clusterpanel.h"

#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace quarry::gui {

ClusterPanel::ClusterPanel(QWidget* parent)
    : QWidget(parent), model_(new ClusterTableModel(this)), view_(new QTableView(this)), reasons_(new QTextBrowser(this)) {
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->setVisible(false);
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setWordWrap(false);
    view_->setColumnWidth(ClusterTableModel::Id, 60);
    view_->setColumnWidth(ClusterTableModel::Size, 70);
    view_->setColumnWidth(ClusterTableModel::Score, 55);
    view_->setColumnWidth(ClusterTableModel::Flagged, 55);
    reasons_->setOpenLinks(false);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(view_);
    split->addWidget(reasons_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
        const ClusterRecord* c = model_->clusterAt(cur.row());
        showReasons(c);
        if (c) emit clusterSelected(c->id);
    });
    showReasons(nullptr);
}

void ClusterPanel::setClusters(std::vector<ClusterRecord> clusters) {
    model_->setClusters(std::move(clusters));
    showReasons(nullptr);
}

bool ClusterPanel::selectCluster(int64_t id) {
    const int row = model_->rowOfCluster(id);
    if (row < 0) return false;
    view_->selectionModel()->setCurrentIndex(model_->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void ClusterPanel::showReasons(const ClusterRecord* c) {
    if (!c) {
        reasons_->setHtml(tr("<p>Select a cluster to read why it scored as it did; its members are selected "
                             "in the account table.</p>"));
        return;
    }
    QString html = tr("<h3>Cluster %1 — score %2%3</h3><ul>")
                       .arg(c->id)
                       .arg(c->score, 0, 'f', 3)
                       .arg(c->flagged ? tr(" — <span style='color:#d64545'>flagged</span>") : QString());
    for (const QString& r : c->reasons) html += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    html += tr("<p>coordination %1 · automation %2 · harvest %3</p>")
                .arg(c->coordination, 0, 'f', 2)
                .arg(c->automation, 0, 'f', 2)
                .arg(c->harvest, 0, 'f', 2);
    reasons_->setHtml(html);
}

}  // namespace quarry::gui
