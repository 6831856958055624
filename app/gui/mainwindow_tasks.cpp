// SPDX-License-Identifier: GPL-3.0-or-later
// Import (through the import wizard), analysis and the demo case: heavy work on a worker thread
// behind a progress dialog.
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

#include "analysis/analyzer.h"
#include "backgroundtask.h"
#include "generate/generator.h"
#include "importwizard.h"
#include "ingest/importer.h"
#include "mainwindow.h"
#include "store/casefile.h"

namespace quarry::gui {
namespace {

const QString kCancelled = QStringLiteral("cancelled");

// Imports files into a case (creating it when missing), each file its own transaction.
QString importInto(const QString& casePath, const QStringList& files, TaskProgress& p, double from, double to) {
    QString error;
    auto file = CaseFile::open(casePath, CaseFile::Access::CreateIfMissing, &error);
    if (!file) return error;
    for (int i = 0; i < files.size(); ++i) {
        const double lo = from + (to - from) * i / files.size(), span = (to - from) / files.size();
        const QString name = QFileInfo(files[i]).fileName();
        ImportOptions options;
        options.cancel = &p.cancel;
        options.progress = [&](int64_t done, int64_t total, int64_t rows, int64_t quarantined) {
            p.report(lo + span * (total > 0 ? double(done) / double(total) : 0.0),
                     QObject::tr("Importing %1: %2 rows, %3 quarantined").arg(name).arg(rows).arg(quarantined));
        };
        ImportResult result;
        if (!Importer(*file).run(files[i], options, result, &error))
            return p.cancel.load() ? kCancelled : QObject::tr("%1: %2").arg(name, error);
    }
    return {};
}

QString analyze(const QString& casePath, TaskProgress& p, double from, double to) {
    QString error;
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite, &error);
    if (!file) return error;
    AnalysisOptions options;
    options.cancel = &p.cancel;
    options.progress = [&](const QString& stage, double fraction) {
        p.report(from + (to - from) * fraction, QObject::tr("Analysing: %1").arg(stage));
    };
    AnalysisSummary summary;
    if (!analyzeCase(*file, options, summary, &error)) return p.cancel.load() ? kCancelled : error;
    return {};
}

}  // namespace

ImportWizard* MainWindow::importLogs(const QStringList& files) {
    auto* wizard = new ImportWizard(casePath(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setFiles(files);
    // The worker writes to the case: let go of the window's connection until it is done.
    connect(wizard, &ImportWizard::aboutToImport, this, [this] { closeCase(); });
    connect(wizard, &QDialog::finished, this, [this, wizard](int result) {
        if (!wizard->importStarted()) return;
        const QString target = wizard->casePath();
        if (result == QDialog::Accepted && wizard->analyseAfterImport()) {
            analyzeAndOpen(target);
            return;
        }
        QString openError;
        if (QFileInfo::exists(target) && !openCase(target, &openError))
            QMessageBox::warning(this, tr("Open case"), openError);
    });
    wizard->open();
    return wizard;
}

void MainWindow::analyzeAndOpen(const QString& path) {
    closeCase();
    runBackgroundTask(
        this, tr("Analysing case"), [path](TaskProgress& p) { return analyze(path, p, 0.0, 1.0); },
        [this, path](const QString& error) {
            if (!error.isEmpty() && error != kCancelled) QMessageBox::warning(this, tr("Analyze"), error);
            QString openError;
            if (!openCase(path, &openError)) QMessageBox::warning(this, tr("Open case"), openError);
        });
}

void MainWindow::openDemo() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/demo");
    const QString casePath = dir + QStringLiteral("/demo.quarry");
    if (QFileInfo::exists(casePath)) {
        auto existing = openReadOnly(casePath);
        if (existing && hasAnalysis(existing->db())) {
            existing.reset();
            QString error;
            if (openCase(casePath, &error)) return;
        }
        QFile::remove(casePath);
    }
    QDir().mkpath(dir);
    closeCase();
    runBackgroundTask(
        this, tr("Building the demo case"),
        [dir, casePath](TaskProgress& p) -> QString {
            gen::GenerateOptions o;
            o.outDir = (dir + QStringLiteral("/data")).toStdString();
            o.seed = 7;
            o.progress = [&p](int day, int days, std::int64_t rows) {
                p.report(0.3 * day / days, QObject::tr("Generating demo logs: day %1 of %2, %3 requests")
                                               .arg(day).arg(days).arg(rows));
            };
            const gen::GenerateResult r = gen::generateDataset(o);
            if (!r.ok) return QString::fromStdString(r.error);
            if (p.cancel.load()) return kCancelled;
            QString error = importInto(casePath, {QString::fromStdString(r.requestsPath)}, p, 0.3, 0.6);
            return error.isEmpty() ? analyze(casePath, p, 0.6, 1.0) : error;
        },
        [this, casePath](const QString& error) {
            if (!error.isEmpty()) {
                if (error != kCancelled) QMessageBox::warning(this, tr("Demo"), error);
                QFile::remove(casePath);
                return;
            }
            QString openError;
            if (!openCase(casePath, &openError)) QMessageBox::warning(this, tr("Open case"), openError);
        });
}

}  // namespace quarry::gui
