// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The folder an export writes its members and its ZIP into: "<out folder>/.quarry-bundle-XXXXXX/"
// (next to the bundle, so the finished ZIP is renamed into place on the same file system). It can
// hold prompts in full, so nothing of it may outlive the export:
//   - normal end, failure or cancel (SIGINT/SIGTERM in quarry-cli): the destructor removes it;
//   - SIGKILL, power loss: the folder stays, and the next export into the same folder removes it.
// A running export holds an flock() on "<folder>/owner.lock" for its whole life; the kernel drops
// it when the process dies however it dies, so "lock free" means "owner gone" without trusting a
// pid that may have been reused. The lock file is locked before it gets its name, so no other
// export ever sees it unlocked while its owner lives.

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace quarry::evidence {

class ExportWorkDir {
public:
    ExportWorkDir() = default;
    ~ExportWorkDir();
    ExportWorkDir(const ExportWorkDir&) = delete;
    ExportWorkDir& operator=(const ExportWorkDir&) = delete;

    // Removes the leftovers of dead exports in outPath's folder, then creates this export's folder.
    bool create(const QString& outPath, QString* error);
    QString path() const { return dir_ ? dir_->path() : QString(); }
    QString filePath(const QString& name) const { return dir_->filePath(name); }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    int lockFd_ = -1;
};

inline constexpr const char* kExportWorkDirPrefix = ".quarry-bundle-";
// Leftovers in folder that no running export owns: work folders whose lock is free, and, from
// versions before the lock (work folders without one, "*.zip.part" and libzip's
// "*.zip.part.XXXXXX" temporaries), those untouched for an hour. Returns how many were removed.
int removeDeadExportLeftovers(const QString& folder);

}  // namespace quarry::evidence
