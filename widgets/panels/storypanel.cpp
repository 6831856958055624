// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/storypanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "panels/tableviewsetup.h"

namespace quarry::gui {

StoryPanel::StoryPanel(QWidget* parent)
    : QWidget(parent),
      model_(new StoryTableModel(this)),
      view_(new QTableView(this)),
      up_(new QPushButton(tr("Move &Up"), this)),
      down_(new QPushButton(tr("Move &Down"), this)),
      timeOrder_(new QPushButton(tr("&Time Order"), this)),
      orderLabel_(new QLabel(this)) {
    view_->setObjectName(QStringLiteral("storyView"));
    view_->setModel(model_);
    setupTableView(view_, QAbstractItemView::SingleSelection);
    view_->setWordWrap(false);
    up_->setToolTip(tr("Tell the story in your own order: move this item earlier"));
    down_->setToolTip(tr("Move this item later in the story"));
    timeOrder_->setToolTip(tr("Drop your own order: the story runs in the time of the logs again"));

    // The label on its own line and wrapping: the dock keeps a narrow minimum width.
    orderLabel_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(up_);
    buttons->addWidget(down_);
    buttons->addWidget(timeOrder_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(view_, 1);
    layout->addWidget(orderLabel_);
    layout->addLayout(buttons);

    connect(up_, &QPushButton::clicked, this, [this] { move(-1); });
    connect(down_, &QPushButton::clicked, this, [this] { move(1); });
    connect(timeOrder_, &QPushButton::clicked, this, &StoryPanel::timeOrderRequested);
    connect(view_, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (const auto* item = model_->itemAt(index.row())) emit itemActivated(*item);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateButtons(); });
    load(nullptr);
}

void StoryPanel::load(sqlite3* db) {
    setStory(readStory(db));
}

void StoryPanel::setStory(StoryRead story) {
    const evidence::StoryItem* current = model_->itemAt(currentRow());
    const QString key = current ? current->key : QString();
    model_->setStory(std::move(story));
    fitTableColumns(view_);
    if (!key.isEmpty()) setCurrentRow(model_->rowOfKey(key));
    const int n = model_->rowCount();
    orderLabel_->setText(n == 0 ? tr("Nothing in the story yet: star requests, tag, write notes")
                         : model_->manual() ? tr("%n item(s), in your order", nullptr, n)
                                            : tr("%n item(s), in time order", nullptr, n));
    updateButtons();
}

int StoryPanel::currentRow() const {
    const QModelIndex index = view_->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void StoryPanel::setCurrentRow(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    view_->setCurrentIndex(model_->index(row, 0));
    view_->selectRow(row);
    updateButtons();
}

void StoryPanel::move(int delta) {
    const int row = currentRow(), to = row + delta;
    if (row < 0 || to < 0 || to >= model_->rowCount()) return;
    QStringList keys = model_->keys();
    const QString moved = keys[row];
    keys.move(row, to);
    emit reorderRequested(keys, moved);
}

void StoryPanel::updateButtons() {
    const int row = currentRow(), n = model_->rowCount();
    up_->setEnabled(row > 0);
    down_->setEnabled(row >= 0 && row + 1 < n);
    timeOrder_->setEnabled(model_->manual());
}

}  // namespace quarry::gui
