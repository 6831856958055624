// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The requests of a selection, fetched lazily: canFetchMore/fetchMore ask the RequestLoader
// (its own thread and connection) for the next keyset page, and the total is counted there
// too. A new selection bumps the generation: the loader abandons the old work and late pages
// of an old selection are dropped, so rows of two selections never mix.

#include <QAbstractTableModel>

#include <functional>
#include <memory>

#include "requestloader.h"

class QThread;

namespace quarry::gui {

class RequestTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Time,
        Account,
        TopicColumn,
        Model,
        PromptTokens,
        CompletionTokens,
        Ip,
        UserAgent,
        Preview,
        ColumnCount
    };
    enum Role { RequestIdRole = Qt::UserRole + 1, AccountIdRole };
    static constexpr int kPageSize = 500;

    explicit RequestTableModel(QObject* parent = nullptr);
    ~RequestTableModel() override;

    void setCase(const QString& casePath, const TopicTable& topics);
    // Unchanged queries keep the rows already fetched.
    void setQuery(const RequestQuery& query);
    const RequestQuery& query() const { return query_; }
    bool hasCase() const { return !path_.isEmpty(); }

    int64_t totalCount() const { return total_; }  // -1 while counting
    bool loading() const { return fetching_ || total_ < 0; }
    const RequestRow* rowAt(int row) const;
    QString topicName(int64_t topic) const;
    // Fetches the full row (prompt included) on the loader thread; `done` runs on this thread.
    void requestDetail(qint64 requestId, std::function<void(const RequestDetail&)> done);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

signals:
    void totalCounted(qint64 total);
    void pageLoaded(int rows);

private:
    void restart();
    void startCount();

    RequestLoader::Generation generation_;
    QThread* thread_;
    RequestLoader* loader_;
    QString path_;
    TopicTable topics_;
    RequestQuery query_;
    RequestCursor cursor_;
    std::vector<RequestRow> rows_;
    int64_t total_ = 0;
    bool fetching_ = false;
};

}  // namespace quarry::gui
