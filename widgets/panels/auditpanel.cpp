// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/auditpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "items/casequeries.h"
#include "store/casefile.h"
#include "panels/tableviewsetup.h"

namespace quarry::gui {

AuditPanel::AuditPanel(QWidget* parent) : QWidget(parent) {
    model_ = new AuditTableModel(this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("auditTable"));
    view_->setModel(model_);
    setupTableView(view_, QAbstractItemView::ExtendedSelection);
    verify_ = new QPushButton(tr("Verify Chain"), this);
    verify_->setObjectName(QStringLiteral("verifyChain"));
    verify_->setToolTip(
        tr("Recompute every entry's hash: an edited, deleted or reordered entry breaks the chain"));
    result_ = new QLabel(this);
    result_->setObjectName(QStringLiteral("verifyResult"));
    result_->setTextFormat(Qt::PlainText);  // the reason quotes the entry's action
    result_->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(verify_);
    bar->addWidget(result_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addLayout(bar);

    connect(verify_, &QPushButton::clicked, this, &AuditPanel::verifyChain);
    connect(&watcher_, &QFutureWatcher<evidence::AuditVerification>::finished, this, [this] {
        verify_->setEnabled(file_ != nullptr);
        const evidence::AuditVerification v = watcher_.result();
        if (v.ok) {
            result_->setText(
                tr("Chain OK: %n entries verified", nullptr, static_cast<int>(v.entries)));
            result_->setStyleSheet(QStringLiteral("color: #27ae60"));
        } else {
            result_->setText(tr("Chain BROKEN at %1").arg(v.reason));
            result_->setStyleSheet(QStringLiteral("color: #d64545"));
            const int row = model_->rowOfSeq(v.brokenSeq);
            if (row >= 0) view_->scrollTo(model_->index(row, 0));
        }
        model_->setBrokenSeq(v.ok ? -1 : v.brokenSeq);
        emit verified(v.ok, v.brokenSeq, v.reason);
    });
    verify_->setEnabled(false);
}

AuditPanel::~AuditPanel() {
    watcher_.waitForFinished();
}

void AuditPanel::setCase(CaseFile* file) {
    watcher_.waitForFinished();
    file_ = file;
    result_->clear();
    verify_->setEnabled(file_ != nullptr);
    refresh();
}

// One row per analyst action: a long case holds thousands, not millions, so the GUI thread reads
// them directly.
void AuditPanel::refresh() {
    model_->setEntries(file_ ? evidence::auditEntries(file_->db())
                             : std::vector<evidence::AuditEntry>{});
    fitTableColumns(view_);
    if (model_->rowCount() > 0) view_->scrollToBottom();
}

void AuditPanel::verifyChain() {
    if (!file_ || watcher_.isRunning()) return;
    verify_->setEnabled(false);
    result_->setText(tr("Verifying…"));
    result_->setStyleSheet(QString());
    const QString path = file_->path();
    watcher_.setFuture(QtConcurrent::run([path] {
        QString error;
        auto file = openReadOnly(path, &error);
        if (!file) {
            evidence::AuditVerification v;
            v.ok = false;
            v.reason = error;
            return v;
        }
        return evidence::verifyAudit(file->db());
    }));
}

}  // namespace quarry::gui
