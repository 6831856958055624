// SPDX-License-Identifier: GPL-3.0-or-later
#include "casewatcher.h"

#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include "sqlite.h"

namespace quarry {
namespace {

constexpr int kSettleMs = 400, kPollMs = 3000;

}  // namespace

std::optional<CaseStamp> readCaseStamp(const QString& path) {
    sqlite3* db = nullptr;
    const QByteArray p = QFile::encodeName(path);
    if (sqlite3_open_v2(p.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        sqlite3_close_v2(db);
        return std::nullopt;
    }
    sqlite3_busy_timeout(db, 0);  // never wait for a writer: the caller retries
    std::optional<CaseStamp> out;
    {
        // One read transaction: both counts from the same committed state.
        sql::Statement hasRuns(db,
                               "SELECT count(*) FROM sqlite_schema WHERE name = 'analysis_runs'");
        if (hasRuns.step()) {
            CaseStamp s;
            const std::string q =
                hasRuns.int64(0) > 0
                    ? "SELECT (SELECT coalesce(max(finished_at), -1) FROM analysis_runs), "
                      "(SELECT count(*) FROM analysis_runs), (SELECT count(*) FROM sources)"
                    : "SELECT -1, 0, (SELECT count(*) FROM sources)";
            sql::Statement st(db, q);
            if (st.step()) {
                s.analysisFinished = st.int64(0);
                s.analysisRuns = st.int64(1);
                s.sources = st.int64(2);
                out = s;
            }
        }
    }
    sqlite3_close_v2(db);
    return out;
}

CaseWatcher::CaseWatcher(QObject* parent) : QObject(parent) {
    settle_.setSingleShot(true);
    settle_.setInterval(kSettleMs);
    poll_.setInterval(kPollMs);
    connect(&fs_, &QFileSystemWatcher::fileChanged, this, &CaseWatcher::schedule);
    connect(&fs_, &QFileSystemWatcher::directoryChanged, this, &CaseWatcher::schedule);
    connect(&settle_, &QTimer::timeout, this, &CaseWatcher::check);
    connect(&poll_, &QTimer::timeout, this, &CaseWatcher::check);
}

void CaseWatcher::watch(const QString& path) {
    if (!fs_.files().isEmpty()) fs_.removePaths(fs_.files());
    if (!fs_.directories().isEmpty()) fs_.removePaths(fs_.directories());
    settle_.stop();
    poll_.stop();
    path_ = path;
    stamp_.reset();
    if (path.isEmpty()) return;
    stamp_ = readCaseStamp(path);
    fs_.addPath(path);
    fs_.addPath(QFileInfo(path).absolutePath());
    poll_.start();
}

void CaseWatcher::schedule() {
    // Each write restarts the wait: the check runs once the writer has been quiet a moment.
    if (!path_.isEmpty()) settle_.start();
}

void CaseWatcher::check() {
    if (path_.isEmpty()) return;
    // A file replaced by rename drops out of the watch: take it back.
    if (!fs_.files().contains(path_) && QFileInfo::exists(path_)) fs_.addPath(path_);
    const auto now = readCaseStamp(path_);
    if (!now) {
        settle_.start();  // a writer holds the case: look again shortly
        return;
    }
    if (stamp_ && *now == *stamp_) return;
    const bool first = !stamp_;
    stamp_ = now;
    if (!first) emit changed();
}

}  // namespace quarry
