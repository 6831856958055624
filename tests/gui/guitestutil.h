// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds a small generated and analysed case once per test executable, through quarry-cli.
#include <QDir>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace quarry::test {

inline bool runQuarryCli(const QStringList& args, QString* output = nullptr) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(QUARRY_CLI), args);
    const bool ok = p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output) *output = QString::fromUtf8(p.readAll());
    return ok;
}

// A 400-account, 6-day case with two campaigns, imported and analysed; empty on failure.
inline QString makeAnalysedCase(const QTemporaryDir& dir, QString* log) {
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString casePath = dir.filePath(QStringLiteral("t.quarry"));
    if (!runQuarryCli({QStringLiteral("generate"), QStringLiteral("--out"), data, QStringLiteral("--accounts"),
                       QStringLiteral("400"), QStringLiteral("--days"), QStringLiteral("6"),
                       QStringLiteral("--campaigns"), QStringLiteral("2"), QStringLiteral("--campaign-accounts"),
                       QStringLiteral("60"), QStringLiteral("--seed"), QStringLiteral("11")},
                      log) ||
        !runQuarryCli({QStringLiteral("import"), casePath, data + QStringLiteral("/requests.csv")}, log) ||
        !runQuarryCli({QStringLiteral("analyze"), casePath}, log))
        return {};
    return casePath;
}

}  // namespace quarry::test
