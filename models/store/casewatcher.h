// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Notices what other processes commit to an open case (quarry-cli import or analyze, a second
// window), so a long-lived window can reload instead of showing a stale case.
//
// Two steps, so a window never reloads into a half-written state:
//   1. a trigger that costs nothing and takes no lock: QFileSystemWatcher on the case and its
//      folder (the journal comes and goes), plus a slow poll where inotify is not available;
//   2. a check through SQLite, on a connection of its own that never waits for a lock: the
//      committed stamp (latest finished analysis run, imported sources). Only a committed change
//      of the stamp emits changed(); while a writer holds the case the check simply retries.
// SQLite readers see only committed transactions, and an analysis is one transaction, so what the
// window then reads is the state before or after a run, never a part of one.

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <optional>

namespace quarry {

struct CaseStamp {
    int64_t analysisFinished = -1;  // finished_at of the latest analysis run; -1 when none
    int64_t analysisRuns = 0;
    int64_t sources = 0;
    bool operator==(const CaseStamp& o) const {
        return analysisFinished == o.analysisFinished && analysisRuns == o.analysisRuns &&
               sources == o.sources;
    }
    bool operator!=(const CaseStamp& o) const { return !(*this == o); }
};

// The committed stamp of the case at path; nullopt while a writer holds it (or it cannot be read).
std::optional<CaseStamp> readCaseStamp(const QString& path);

class CaseWatcher final : public QObject {
    Q_OBJECT
public:
    explicit CaseWatcher(QObject* parent = nullptr);
    // Starts watching path from its current committed state; an empty path stops.
    void watch(const QString& path);
    QString path() const { return path_; }

signals:
    // Another process committed a new analysis run or import.
    void changed();

private:
    void schedule();
    void check();

    QString path_;
    std::optional<CaseStamp> stamp_;
    QFileSystemWatcher fs_;
    QTimer settle_;  // waits for the writes to go quiet before checking
    QTimer poll_;
};

}  // namespace quarry
