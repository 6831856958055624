// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/tagpanel.h"

#include <QGridLayout>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "panels/tableviewsetup.h"

namespace quarry::gui {

TagPanel::TagPanel(QWidget* parent) : QWidget(parent) {
    model_ = new TagTableModel(this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("tagTable"));
    view_->setModel(model_);
    setupTableView(view_, QAbstractItemView::SingleSelection);

    auto makeButton = [this](const QString& objectName, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(objectName);
        b->setToolTip(tip);
        return b;
    };
    create_ = makeButton(QStringLiteral("newTag"), tr("New…"), tr("Create a tag"));
    QPushButton* edit = makeButton(QStringLiteral("editTag"), tr("Edit…"),
                                   tr("Change the tag's color and description"));
    QPushButton* remove =
        makeButton(QStringLiteral("deleteTag"), tr("Delete"), tr("Delete a tag no target carries"));
    QPushButton* tagAccounts =
        makeButton(QStringLiteral("tagAccounts"), tr("Tag accounts"),
                   tr("Apply the tag to the accounts selected in the account table"));
    QPushButton* untagAccounts = makeButton(QStringLiteral("untagAccounts"), tr("Untag accounts"),
                                            tr("Remove the tag from the selected accounts"));
    QPushButton* tagCluster =
        makeButton(QStringLiteral("tagCluster"), tr("Tag cluster…"),
                   tr("Apply the tag to the selected cluster (and, if you wish, its members)"));
    QPushButton* untagCluster =
        makeButton(QStringLiteral("untagCluster"), tr("Untag cluster…"),
                   tr("Remove the tag from the selected cluster (and, if you wish, its members)"));
    needTag_ = {edit, remove, tagAccounts, untagAccounts, tagCluster, untagCluster};

    auto* buttons = new QGridLayout;
    buttons->addWidget(create_, 0, 0);
    buttons->addWidget(edit, 0, 1);
    buttons->addWidget(remove, 0, 2);
    buttons->addWidget(tagAccounts, 1, 0);
    buttons->addWidget(tagCluster, 1, 1);
    buttons->addWidget(untagAccounts, 2, 0);
    buttons->addWidget(untagCluster, 2, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);

    connect(create_, &QPushButton::clicked, this, &TagPanel::createRequested);
    connect(edit, &QPushButton::clicked, this, [this] { emit editRequested(currentTag()); });
    connect(remove, &QPushButton::clicked, this, [this] { emit deleteRequested(currentTag()); });
    connect(tagAccounts, &QPushButton::clicked, this,
            [this] { emit applyRequested(currentTag(), Scope::Accounts, true); });
    connect(untagAccounts, &QPushButton::clicked, this,
            [this] { emit applyRequested(currentTag(), Scope::Accounts, false); });
    connect(tagCluster, &QPushButton::clicked, this,
            [this] { emit applyRequested(currentTag(), Scope::Cluster, true); });
    connect(untagCluster, &QPushButton::clicked, this,
            [this] { emit applyRequested(currentTag(), Scope::Cluster, false); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TagPanel::updateButtons);
    connect(view_, &QTableView::doubleClicked, this, [this] { emit editRequested(currentTag()); });
    updateButtons();
}

void TagPanel::setCase(CaseFile* file) {
    file_ = file;
    refresh();
}

void TagPanel::refresh() {
    const QString keep = currentTag();
    model_->setTags(file_ ? evidence::TagStore(*file_).tags() : std::vector<evidence::TagInfo>{});
    fitTableColumns(view_);
    if (!selectTag(keep) && model_->rowCount() > 0) selectTag(model_->tagAt(0)->name);
    updateButtons();
}

QString TagPanel::currentTag() const {
    const evidence::TagInfo* t = model_->tagAt(view_->currentIndex().row());
    return t ? t->name : QString();
}

bool TagPanel::selectTag(const QString& name) {
    const int row = model_->rowOfTag(name);
    if (row < 0) return false;
    view_->selectionModel()->setCurrentIndex(
        model_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

QPushButton* TagPanel::button(const QString& objectName) const {
    return findChild<QPushButton*>(objectName);
}

void TagPanel::updateButtons() {
    const bool haveTag = !currentTag().isEmpty();
    for (QPushButton* b : needTag_) b->setEnabled(haveTag);
    create_->setEnabled(file_ != nullptr);
}

}  // namespace quarry::gui
