// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QString>

#include <cstdint>
#include <vector>

namespace quarry::gui {

// The quarantined rows of some sources of a case: file, line, kind, reason and the raw text.
// A file full of bad rows can quarantine millions, so rows arrive in pages read on a worker
// thread (its own read-only connection), by keyset on the (source_id, line) index; the view asks
// for the next page through fetchMore() as it scrolls.
class QuarantineModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, Line, Kind, Reason, Raw, ColumnCount };
    enum Role { LineRole = Qt::UserRole + 1, SourceIdRole };

    struct Source {
        int64_t id = 0;
        QString name;  // shown in the File column
    };
    struct Row {
        int64_t id = 0, sourceId = 0, line = 0;
        int source = 0;  // index into the sources
        QString kind, reason, raw;
    };
    struct Cursor {
        int source = 0;  // index into the sources of the next row to read
        int64_t line = -1, id = -1;
    };

    explicit QuarantineModel(QObject* parent = nullptr);
    ~QuarantineModel() override;

    // Starts loading the first page of these sources' quarantined rows.
    void setSources(const QString& casePath, std::vector<Source> sources);
    void clear();
    bool loading() const { return loading_; }
    bool atEnd() const { return atEnd_; }
    QString error() const { return error_; }
    const Row* rowAt(int row) const;
    void setPageSize(int rows) { pageSize_ = rows; }
    int pageSize() const { return pageSize_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A page arrived (or the load failed: see error()).
    void pageLoaded();

private:
    struct Page {
        quint64 generation = 0;
        std::vector<Row> rows;
        Cursor next;
        bool atEnd = false;
        QString error;
    };
    static Page loadPage(const QString& casePath, const std::vector<Source>& sources, Cursor from,
                         int limit, quint64 generation);
    void onPage();

    QString casePath_;
    std::vector<Source> sources_;
    std::vector<Row> rows_;
    Cursor cursor_;
    bool loading_ = false;
    bool atEnd_ = true;
    QString error_;
    int pageSize_ = 2000;
    quint64 generation_ = 0;  // pages of an earlier setSources() are dropped
    QFutureWatcher<Page> watcher_;
};

}  // namespace quarry::gui
