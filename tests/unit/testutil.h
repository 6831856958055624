// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the Qt Test suites.
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace quarry::test {

inline QString cliPath() { return QStringLiteral(QUARRY_CLI); }
inline QString dataPath(const QString& name) {
    return QStringLiteral(QUARRY_TEST_DATA "/") + name;
}

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs quarry-cli with the given arguments to completion.
inline CliResult runCli(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(cliPath(), args);
    p.waitForFinished(timeoutMs);
    CliResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(bytes) == bytes.size();
}

}  // namespace quarry::test
