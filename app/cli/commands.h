// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QStringList>

// One function per quarry-cli subcommand. Each gets the arguments after the subcommand name
// (args[0] is "quarry-cli <command>" for help texts), prints results on stdout, progress and
// the one-line failure reason on stderr, and returns the process exit code.
namespace quarry::cli {

int cmdGenerate(const QStringList& args);
int cmdImport(const QStringList& args);
int cmdInspect(const QStringList& args);
int cmdStats(const QStringList& args);
int cmdAnalyze(const QStringList& args);
int cmdAccounts(const QStringList& args);
int cmdClusters(const QStringList& args);
int cmdAccount(const QStringList& args);
int cmdTag(const QStringList& args);
int cmdExport(const QStringList& args);
int cmdVerify(const QStringList& args);
int cmdAudit(const QStringList& args);

// Parses args; returns the exit code when the command is already over (a parse error, printed
// through fail(), or --help, printed on stdout), or -1 when the command should go on.
int parseCommandLine(QCommandLineParser& parser, const QStringList& args);

// Prints "quarry-cli: <message>" on stderr and returns 1: the single failure path of all commands.
int fail(const QString& message);
// Progress line on stderr, overwritten in place when stderr is a terminal.
void progress(const QString& line);
void progressDone();

}  // namespace quarry::cli
