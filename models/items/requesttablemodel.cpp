// SPDX-License-Identifier: GPL-3.0-or-later
#include "requesttablemodel.h"

#include <QLocale>
#include <QThread>

namespace quarry::gui {

RequestTableModel::RequestTableModel(QObject* parent)
    : QAbstractTableModel(parent),
      generation_(std::make_shared<std::atomic<int>>(0)),
      thread_(new QThread(this)),
      loader_(new RequestLoader(generation_)) {
    thread_->setObjectName(QStringLiteral("RequestLoader"));
    loader_->moveToThread(thread_);
    thread_->start();
}

RequestTableModel::~RequestTableModel() {
    generation_->fetch_add(1);  // interrupts whatever runs; its result is never delivered
    thread_->quit();
    thread_->wait();
    delete loader_;  // its thread has stopped: a deleteLater would never run
}

void RequestTableModel::setCase(const QString& casePath, const TopicTable& topics) {
    path_ = casePath;
    topics_ = topics;
    QMetaObject::invokeMethod(
        loader_, [loader = loader_, casePath] { loader->open(casePath); }, Qt::QueuedConnection);
    query_ = {};
    restart();
}

void RequestTableModel::setQuery(const RequestQuery& query) {
    if (query == query_) return;
    query_ = query;
    restart();
}

void RequestTableModel::restart() {
    generation_->fetch_add(1);
    beginResetModel();
    rows_.clear();
    rows_.shrink_to_fit();
    cursor_ = {};
    fetching_ = false;
    total_ = path_.isEmpty() ? 0 : -1;
    if (path_.isEmpty()) cursor_.done = true;
    endResetModel();
    if (!path_.isEmpty()) startCount();
}

void RequestTableModel::startCount() {
    const int gen = generation_->load();
    QMetaObject::invokeMethod(
        loader_,
        [this, loader = loader_, gen, q = query_] {
            int64_t n = 0;
            if (!loader->count(gen, q, &n)) return;
            QMetaObject::invokeMethod(
                this,
                [this, gen, n] {
                    if (gen != generation_->load()) return;
                    total_ = n;
                    emit totalCounted(n);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool RequestTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !path_.isEmpty() && !cursor_.done;
}

void RequestTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent) || fetching_) return;
    fetching_ = true;
    const int gen = generation_->load();
    QMetaObject::invokeMethod(
        loader_,
        [this, loader = loader_, gen, q = query_, cursor = cursor_]() mutable {
            std::vector<RequestRow> page;
            if (!loader->fetch(gen, q, &cursor, kPageSize, &page)) return;
            QMetaObject::invokeMethod(
                this,
                [this, gen, cursor, page = std::move(page)]() mutable {
                    if (gen != generation_->load()) return;
                    fetching_ = false;
                    cursor_ = cursor;
                    if (!page.empty()) {
                        const int first = static_cast<int>(rows_.size());
                        beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
                        for (RequestRow& r : page) rows_.push_back(std::move(r));
                        endInsertRows();
                    }
                    emit pageLoaded(static_cast<int>(page.size()));
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void RequestTableModel::requestDetail(qint64 requestId,
                                      std::function<void(const RequestDetail&)> done) {
    QMetaObject::invokeMethod(
        loader_,
        [this, loader = loader_, requestId, done = std::move(done)] {
            RequestDetail d = loader->detail(requestId);
            QMetaObject::invokeMethod(
                this, [d, done] { done(d); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

const RequestRow* RequestTableModel::rowAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? &rows_[static_cast<size_t>(row)]
                                                            : nullptr;
}

QString RequestTableModel::topicName(int64_t topic) const {
    if (topic < 0) return QString();
    const Topic* t = topics_.find(topic);
    return t ? t->name : QString::number(topic);
}

int RequestTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RequestTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestTableModel::data(const QModelIndex& index, int role) const {
    const RequestRow* r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r) return {};
    if (role == RequestIdRole) return QVariant::fromValue<qint64>(r->id);
    if (role == AccountIdRole) return QVariant::fromValue<qint64>(r->account);
    if (role == Qt::TextAlignmentRole &&
        (index.column() == PromptTokens || index.column() == CompletionTokens))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    const auto tokens = [](int64_t n) {
        return n < 0 ? QVariant() : QVariant::fromValue<qint64>(n);
    };
    switch (index.column()) {
        case Time:
            return formatUtc(r->ts);
        case Account:
            return r->accountName;
        case TopicColumn:
            return topicName(r->topic);
        case Model:
            return r->model;
        case PromptTokens:
            return tokens(r->promptTokens);
        case CompletionTokens:
            return tokens(r->completionTokens);
        case Ip:
            return r->ip;
        case UserAgent:
            return r->userAgent;
        case Preview:
            return QString(r->preview).replace(QLatin1Char('\n'), QLatin1Char(' '));
        default:
            return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Time:
            return tr("Time (UTC)");
        case Account:
            return tr("Account");
        case TopicColumn:
            return tr("Topic");
        case Model:
            return tr("Model");
        case PromptTokens:
            return tr("Prompt tok.");
        case CompletionTokens:
            return tr("Compl. tok.");
        case Ip:
            return tr("IP");
        case UserAgent:
            return tr("User agent");
        case Preview:
            return tr("Prompt");
        default:
            return {};
    }
}

}  // namespace quarry::gui
