// SPDX-License-Identifier: GPL-3.0-or-later
#include "quarantinemodel.h"

#include <QtConcurrent/QtConcurrentRun>

#include <sqlite3.h>

#include "casequeries.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "tooltiptext.h"

namespace quarry::gui {
namespace {

constexpr int kShownChars = 160;

}  // namespace

QuarantineModel::QuarantineModel(QObject* parent) : QAbstractTableModel(parent) {
    connect(&watcher_, &QFutureWatcher<Page>::finished, this, &QuarantineModel::onPage);
}

QuarantineModel::~QuarantineModel() {
    watcher_.waitForFinished();
}

QuarantineModel::Page QuarantineModel::loadPage(const QString& casePath,
                                                const std::vector<Source>& sources, Cursor from,
                                                int limit, quint64 generation) {
    Page page;
    page.generation = generation;
    page.next = from;
    auto file = openReadOnly(casePath, &page.error);
    if (!file) return page;
    sql::Statement s(file->db(),
                     "SELECT id, line, kind, reason, raw FROM quarantine WHERE source_id = ? AND "
                     "(line > ? OR (line = ? AND id > ?)) ORDER BY line, id LIMIT ?");
    if (!s.valid()) {
        page.error =
            file->describeError(sqlite3_errcode(file->db()), QObject::tr("read quarantined rows"));
        return page;
    }
    while (page.next.source < static_cast<int>(sources.size()) &&
           static_cast<int>(page.rows.size()) < limit) {
        const Source& src = sources[static_cast<size_t>(page.next.source)];
        s.reset();
        s.bind(1, src.id);
        s.bind(2, page.next.line);
        s.bind(3, page.next.line);
        s.bind(4, page.next.id);
        s.bind(5, static_cast<int64_t>(limit) - static_cast<int64_t>(page.rows.size()));
        while (s.step()) {
            Row r;
            r.id = s.int64(0);
            r.line = s.int64(1);
            r.kind = s.text(2);
            r.reason = s.text(3);
            r.raw = s.text(4);
            r.sourceId = src.id;
            r.source = page.next.source;
            page.next.line = r.line;
            page.next.id = r.id;
            page.rows.push_back(std::move(r));
        }
        if (s.resultCode() != SQLITE_DONE) {
            page.error = file->describeError(s.resultCode(), QObject::tr("read quarantined rows"));
            return page;
        }
        if (static_cast<int>(page.rows.size()) < limit) page.next = {page.next.source + 1, -1, -1};
    }
    page.atEnd = page.next.source >= static_cast<int>(sources.size());
    return page;
}

void QuarantineModel::setSources(const QString& casePath, std::vector<Source> sources) {
    beginResetModel();
    ++generation_;
    casePath_ = casePath;
    sources_ = std::move(sources);
    rows_.clear();
    cursor_ = {};
    error_.clear();
    atEnd_ = sources_.empty();
    loading_ = false;
    endResetModel();
    fetchMore({});
}

void QuarantineModel::clear() {
    setSources(QString(), {});
}

void QuarantineModel::onPage() {
    Page page = watcher_.result();
    loading_ = false;
    if (page.generation != generation_) {
        // Loaded for sources since replaced: start the current ones.
        fetchMore({});
        return;
    }
    error_ = page.error;
    cursor_ = page.next;
    atEnd_ = page.atEnd || !error_.isEmpty();
    if (!page.rows.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(page.rows.size()) - 1);
        for (Row& r : page.rows) rows_.push_back(std::move(r));
        endInsertRows();
    }
    emit pageLoaded();
}

bool QuarantineModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !atEnd_ && !loading_;
}

void QuarantineModel::fetchMore(const QModelIndex& parent) {
    if (parent.isValid() || atEnd_ || loading_ || watcher_.isRunning()) return;
    loading_ = true;
    watcher_.setFuture(QtConcurrent::run(&QuarantineModel::loadPage, casePath_, sources_, cursor_,
                                         pageSize_, generation_));
}

const QuarantineModel::Row* QuarantineModel::rowAt(int row) const {
    return row >= 0 && row < rowCount() ? &rows_[static_cast<size_t>(row)] : nullptr;
}

int QuarantineModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int QuarantineModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QuarantineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    auto text = [&]() -> QString {
        switch (index.column()) {
            case File:
                return sources_[static_cast<size_t>(r.source)].name;
            case Line:
                return QString::number(r.line);
            case Kind:
                return r.kind;
            case Reason:
                return r.reason;
            case Raw:
                return r.raw;
        }
        return {};
    };
    switch (role) {
        case Qt::DisplayRole: {
            const QString t = text();
            return t.size() > kShownChars ? t.left(kShownChars).simplified() + QStringLiteral(" …")
                                          : t.simplified();
        }
        case Qt::ToolTipRole:
            return logTextToolTip(text(), 4096);
        case LineRole:
            return static_cast<qlonglong>(r.line);
        case SourceIdRole:
            return static_cast<qlonglong>(r.sourceId);
        case Qt::TextAlignmentRole:
            if (index.column() == Line) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            break;
    }
    return {};
}

QVariant QuarantineModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case File:
            return tr("File");
        case Line:
            return tr("Line");
        case Kind:
            return tr("Kind");
        case Reason:
            return tr("Reason");
        case Raw:
            return tr("Raw text");
    }
    return {};
}

}  // namespace quarry::gui
