// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/requestpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "panels/promptwindow.h"

namespace quarry::gui {

RequestPanel::RequestPanel(QWidget* parent)
    : QWidget(parent),
      model_(new RequestTableModel(this)),
      view_(new QTableView(this)),
      details_(new QPlainTextEdit(this)),
      status_(new QLabel(this)),
      split_(new QSplitter(Qt::Horizontal, this)),
      openWindow_(new QPushButton(tr("Open in Window"), this)) {
    view_->setObjectName(QStringLiteral("requestTable"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);  // bulk tagging
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->setVisible(false);
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setColumnWidth(RequestTableModel::Time, 165);
    view_->setColumnWidth(RequestTableModel::Account, 160);
    view_->setColumnWidth(RequestTableModel::TopicColumn, 150);
    view_->setColumnWidth(RequestTableModel::Model, 110);
    view_->setColumnWidth(RequestTableModel::PromptTokens, 70);
    view_->setColumnWidth(RequestTableModel::CompletionTokens, 70);
    view_->setColumnWidth(RequestTableModel::Ip, 110);
    view_->setColumnWidth(RequestTableModel::UserAgent, 160);

    details_->setObjectName(QStringLiteral("requestDetails"));
    details_->setReadOnly(true);
    details_->setPlaceholderText(tr("Select a request to see every field and the full prompt."));

    // The prompt gets close to half the width (a prompt is read, not glanced at); the analyst's
    // own split is kept across sessions.
    auto* detailBox = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    openWindow_->setObjectName(QStringLiteral("openPromptWindow"));
    openWindow_->setToolTip(tr("Read this request in a window of its own (or double-click a row)"));
    openWindow_->setEnabled(false);
    detailLayout->addWidget(openWindow_, 0, Qt::AlignLeft);
    detailLayout->addWidget(details_, 1);
    split_->setObjectName(QStringLiteral("requestSplit"));
    split_->addWidget(view_);
    split_->addWidget(detailBox);
    split_->setChildrenCollapsible(false);
    split_->setStretchFactor(0, 1);
    split_->setStretchFactor(1, 1);
    split_->setSizes({600, 400});  // the table shows a request's time and account whole
    const QByteArray state = QSettings().value(QStringLiteral("requestPanel/split")).toByteArray();
    if (!state.isEmpty()) split_->restoreState(state);
    connect(split_, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(QStringLiteral("requestPanel/split"), split_->saveState());
    });
    connect(openWindow_, &QPushButton::clicked, this, [this] { openInWindow(); });
    connect(view_, &QTableView::doubleClicked, this, [this] { openInWindow(); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(status_);
    layout->addWidget(split_, 1);

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& cur) { showCurrent(cur); });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        shownRequest_ = -1;
        details_->clear();
        openWindow_->setEnabled(false);
        updateStatus();
    });
    connect(model_, &RequestTableModel::totalCounted, this, &RequestPanel::updateStatus);
    connect(model_, &RequestTableModel::pageLoaded, this, &RequestPanel::updateStatus);
    updateStatus();
}

void RequestPanel::setCase(const QString& casePath, const TopicTable& topics) {
    model_->setCase(casePath, topics);
}

void RequestPanel::setSelection(const QVector<qint64>& accountIds, qint64 fromMs, qint64 toMs,
                                qint64 topicId) {
    RequestQuery q;
    q.accounts.assign(accountIds.begin(), accountIds.end());
    std::sort(q.accounts.begin(), q.accounts.end());
    q.accounts.erase(std::unique(q.accounts.begin(), q.accounts.end()), q.accounts.end());
    q.fromMs = fromMs < 0 ? -1 : fromMs;
    q.toMs = toMs < 0 ? -1 : toMs;
    q.topic = topicId < 0 ? -1 : topicId;
    model_->setQuery(q);
}

void RequestPanel::updateStatus() {
    if (!model_->hasCase()) {
        status_->setText(tr("No case open"));
        return;
    }
    const RequestQuery& q = model_->query();
    QString scope = q.accounts.empty()       ? tr("whole case")
                                             : tr("%n account(s)", nullptr, static_cast<int>(q.accounts.size()));
    if (q.topic >= 0) scope += tr(", topic %1").arg(model_->topicName(q.topic));
    if (q.fromMs >= 0 || q.toMs >= 0)
        scope += tr(", %1 – %2")
                     .arg(q.fromMs >= 0 ? formatUtc(q.fromMs) : tr("start"),
                          q.toMs >= 0 ? formatUtc(q.toMs) : tr("end"));
    const QLocale locale;
    const QString total = model_->totalCount() < 0
                              ? tr("counting…")
                              : tr("%Ln request(s)", nullptr, static_cast<int>(model_->totalCount()));
    status_->setText(
        tr("%1 (%2) — %3 loaded").arg(total, scope, locale.toString(model_->rowCount())));
}

QString RequestPanel::describe(const RequestRow& r, const RequestDetail* d) const {
    const auto tokens = [](int64_t n) { return n < 0 ? QStringLiteral("—") : QString::number(n); };
    const QString fields = tr("Request %1\nTime: %2\nAccount: %3 (id %4)\nTopic: %5\nModel: %6\n"
                              "Prompt tokens: %7\nCompletion tokens: %8\nIP: %9\nUser agent: %10\n")
                               .arg(r.id)
                               .arg(formatUtc(r.ts), r.accountName)
                               .arg(r.account)
                               .arg(model_->topicName(r.topic), r.model, tokens(r.promptTokens),
                                    tokens(r.completionTokens), r.ip, r.userAgent);
    if (!d) return fields + tr("\nPrompt (loading…)\n") + r.preview;
    return fields +
           tr("Chain of thought requested: %1\n\nPrompt\n").arg(d->cot ? tr("yes") : tr("no")) +
           d->prompt;
}

void RequestPanel::showCurrent(const QModelIndex& index) {
    const RequestRow* r = model_->rowAt(index.row());
    openWindow_->setEnabled(r != nullptr);
    if (!r) {
        shownRequest_ = -1;
        details_->clear();
        return;
    }
    shownRequest_ = r->id;
    details_->setPlainText(describe(*r, nullptr));
    model_->requestDetail(r->id, [this, row = *r](const RequestDetail& d) {
        if (row.id != shownRequest_) return;  // the user moved on
        details_->setPlainText(describe(row, &d));
    });
}

PromptWindow* RequestPanel::openInWindow() {
    const RequestRow* r = model_->rowAt(view_->currentIndex().row());
    if (!r) return nullptr;
    auto* window = new PromptWindow(this);
    const QString title = tr("Request %1 — %2").arg(r->id).arg(r->accountName);
    window->setRequest(r->id, title, describe(*r, nullptr));
    model_->requestDetail(r->id, [this, row = *r, title,
                                  window = QPointer<PromptWindow>(window)](const RequestDetail& d) {
        if (window) window->setRequest(row.id, title, describe(row, &d));
    });
    window->show();
    return window;
}

std::vector<int64_t> RequestPanel::selectedRequests() const {
    std::vector<int64_t> ids;
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& l, const QModelIndex& r) { return l.row() < r.row(); });
    for (const QModelIndex& index : rows)
        if (const RequestRow* row = model_->rowAt(index.row())) ids.push_back(row->id);
    return ids;
}

}  // namespace quarry::gui
