// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds a small generated and analysed case once per test executable, through quarry-cli.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <memory>

#include "items/casequeries.h"
#include "store/casefile.h"

namespace quarry::test {

inline bool runQuarryCli(const QStringList& args, QString* output = nullptr) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(QUARRY_CLI), args);
    const bool ok =
        p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output) *output = QString::fromUtf8(p.readAll());
    return ok;
}

// A 400-account, 6-day case with two campaigns, imported and analysed; empty on failure.
inline QString makeAnalysedCase(const QTemporaryDir& dir, QString* log) {
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString casePath = dir.filePath(QStringLiteral("t.quarry"));
    if (!runQuarryCli({QStringLiteral("generate"), QStringLiteral("--out"), data,
                       QStringLiteral("--accounts"), QStringLiteral("400"),
                       QStringLiteral("--days"), QStringLiteral("6"), QStringLiteral("--campaigns"),
                       QStringLiteral("2"), QStringLiteral("--campaign-accounts"),
                       QStringLiteral("60"), QStringLiteral("--seed"), QStringLiteral("11")},
                      log) ||
        !runQuarryCli({QStringLiteral("import"), casePath, data + QStringLiteral("/requests.csv")},
                      log) ||
        !runQuarryCli({QStringLiteral("analyze"), casePath}, log))
        return {};
    return casePath;
}

// The set-up of every dashboard suite: QStandardPaths in test mode (no user settings touched),
// the analysed case, and a read-only connection for the independent SQL the tests compare
// against. Returns the case path; `file` stays empty on failure.
inline QString openAnalysedCase(const QTemporaryDir& dir, std::unique_ptr<quarry::CaseFile>& file,
                                QString* log) {
    QStandardPaths::setTestModeEnabled(true);
    if (!dir.isValid()) {
        *log = QStringLiteral("no temporary directory");
        return {};
    }
    const QString path = makeAnalysedCase(dir, log);
    if (!path.isEmpty()) file = quarry::gui::openReadOnly(path, log);
    return path;
}

}  // namespace quarry::test
