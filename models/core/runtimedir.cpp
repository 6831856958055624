// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimedir.h"

#include <QByteArray>
#include <QDir>
#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

namespace quarry {

void ensureRuntimeDir() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) return;
    const QByteArray dir = QFile::encodeName(QDir::tempPath()) + "/quarry-runtime-" +
                           QByteArray::number(static_cast<qulonglong>(::getuid()));
    ::mkdir(dir.constData(), 0700);  // fails harmlessly when it exists; checked below either way
    struct stat st;
    if (::lstat(dir.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid() ||
        (st.st_mode & 0777) != 0700)
        return;
    qputenv("XDG_RUNTIME_DIR", dir);
}

}  // namespace quarry
