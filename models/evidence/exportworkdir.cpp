// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportworkdir.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace quarry::evidence {
namespace {

const QString kLockName = QStringLiteral("owner.lock");
constexpr qint64 kLegacyAgeSecs = 3600;

// True when no live process holds the folder's lock (it then stays held by nobody: we only probe).
bool lockIsFree(const QString& lockPath) {
    const int fd =
        ::open(QFile::encodeName(lockPath).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

bool untouchedFor(const QFileInfo& fi, qint64 secs) {
    return fi.lastModified().secsTo(QDateTime::currentDateTime()) > secs;
}

}  // namespace

int removeDeadExportLeftovers(const QString& folder) {
    QDir dir(folder);
    int removed = 0;
    const auto entries = dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::Hidden |
                                           QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QFileInfo& fi : entries) {
        const QString name = fi.fileName();
        if (fi.isDir() && name.startsWith(QLatin1String(kExportWorkDirPrefix))) {
            const QString lock = fi.absoluteFilePath() + QLatin1Char('/') + kLockName;
            const bool dead =
                QFileInfo::exists(lock) ? lockIsFree(lock) : untouchedFor(fi, kLegacyAgeSecs);
            if (dead && QDir(fi.absoluteFilePath()).removeRecursively()) ++removed;
        } else if (fi.isFile() &&
                   (name.endsWith(QLatin1String(".zip.part")) ||
                    name.contains(QLatin1String(".zip.part."))) &&
                   untouchedFor(fi, kLegacyAgeSecs)) {
            if (QFile::remove(fi.absoluteFilePath())) ++removed;
        }
    }
    return removed;
}

bool ExportWorkDir::create(const QString& outPath, QString* error) {
    const QString folder = QFileInfo(outPath).absolutePath();
    removeDeadExportLeftovers(folder);
    dir_ = std::make_unique<QTemporaryDir>(
        folder + QLatin1Char('/') + QLatin1String(kExportWorkDirPrefix) + QStringLiteral("XXXXXX"));
    if (!dir_->isValid()) {
        if (error)
            *error = QStringLiteral("%1: cannot create a work folder next to it").arg(outPath);
        dir_.reset();
        return false;
    }
    // Lock under a temporary name, then give it its name: never visible unlocked.
    const QByteArray tmp = QFile::encodeName(dir_->filePath(QStringLiteral("owner.lock.new")));
    lockFd_ = ::open(tmp.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (lockFd_ < 0 || ::flock(lockFd_, LOCK_EX | LOCK_NB) != 0 ||
        ::rename(tmp.constData(), QFile::encodeName(dir_->filePath(kLockName)).constData()) != 0) {
        if (error) *error = QStringLiteral("%1: cannot lock the export's work folder").arg(outPath);
        return false;
    }
    const QByteArray pid = QByteArray::number(static_cast<qlonglong>(::getpid())) + '\n';
    (void)!::write(lockFd_, pid.constData(),
                   static_cast<size_t>(pid.size()));  // for a human looking
    return true;
}

ExportWorkDir::~ExportWorkDir() {
    if (dir_) dir_->remove();
    if (lockFd_ >= 0) ::close(lockFd_);
}

}  // namespace quarry::evidence
