// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/templatepanel.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include "panels/tableviewsetup.h"

namespace quarry::gui {

TemplatePanel::TemplatePanel(QWidget* parent)
    : QWidget(parent),
      model_(new TemplateSlotModel(this)),
      chooser_(new QComboBox(this)),
      status_(new QLabel(this)),
      skeleton_(new QPlainTextEdit(this)),
      view_(new QTableView(this)) {
    setObjectName(QStringLiteral("templatePanel"));
    status_->setTextFormat(Qt::PlainText);
    status_->setWordWrap(true);
    skeleton_->setReadOnly(true);
    skeleton_->setMaximumHeight(fontMetrics().height() * 5);
    skeleton_->setPlaceholderText(tr("The template's shared words; ⟨n⟩ marks slot n"));
    view_->setModel(model_);
    setupTableView(view_, QAbstractItemView::ExtendedSelection);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(status_);
    layout->addWidget(chooser_);
    layout->addWidget(skeleton_);
    layout->addWidget(view_, 1);
    connect(chooser_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &TemplatePanel::showTemplate);
    showMessage(tr("Select a cluster to see the prompt templates its members share."));
}

void TemplatePanel::showMessage(const QString& text) {
    data_ = {};
    chooser_->clear();
    chooser_->setEnabled(false);
    skeleton_->clear();
    model_->setTemplate({});
    status_->setText(text);
}

void TemplatePanel::setTemplates(int64_t cluster, const ClusterTemplates& templates) {
    showMessage(QString());
    data_ = templates;
    if (!templates.hasPrompts) {
        status_->setText(tr("Cluster %1: no prompts in these logs, so no templates to compare "
                            "(the logs carry metadata only).")
                             .arg(cluster));
        return;
    }
    const QString sampled =
        templates.membersRead < templates.membersTotal
            ? tr("%1 of %2 members sampled").arg(templates.membersRead).arg(templates.membersTotal)
            : tr("%n member(s)", nullptr, templates.membersTotal);
    if (templates.templates.empty()) {
        status_->setText(tr("Cluster %1 (%2): no template shared by two members or more.")
                             .arg(cluster)
                             .arg(sampled));
        return;
    }
    status_->setText(tr("Cluster %1 (%2): %n shared template(s)", nullptr,
                        static_cast<int>(templates.templates.size()))
                         .arg(cluster)
                         .arg(sampled));
    {
        const QSignalBlocker block(chooser_);
        for (size_t i = 0; i < templates.templates.size(); ++i) {
            const TemplateSlots& t = templates.templates[i];
            QString head = t.skeleton.left(70);
            if (t.skeleton.size() > 70) head += QStringLiteral("…");
            chooser_->addItem(tr("Template %1: %2 accounts, %3 slots — %4")
                                  .arg(i + 1)
                                  .arg(t.accounts)
                                  .arg(t.slotNames.size())
                                  .arg(head));
        }
    }
    chooser_->setEnabled(true);
    showTemplate(0);
}

void TemplatePanel::showTemplate(int index) {
    if (index < 0 || index >= static_cast<int>(data_.templates.size())) return;
    chooser_->setCurrentIndex(index);
    const TemplateSlots& t = data_.templates[static_cast<size_t>(index)];
    skeleton_->setPlainText(t.skeleton);
    model_->setTemplate(t);
    fitTableColumns(view_);
}

}  // namespace quarry::gui
