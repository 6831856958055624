// SPDX-License-Identifier: GPL-3.0-or-later
#include "importcontroller.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStyle>

#include "backgroundtask.h"
#include "casesession.h"
#include "generate/generator.h"
#include "importwizard/importwizard.h"
#include "dialogs/confirmation.h"
#include "jobs/analysecase.h"
#include "jobs/importfiles.h"
#include "mainframe.h"
#include "store/casefile.h"

namespace quarry::gui {
namespace {

// Imports files into a case through the one import loop (jobs::importFiles); the first file
// that fails is the task's error.
QString importInto(const QString& casePath, const QStringList& files, TaskProgress& p, double from,
                   double to) {
    ImportOptions options;
    options.cancel = &p.cancel;
    jobs::ImportJobCallbacks callbacks;
    callbacks.progress = [&](const jobs::ImportProgress& progress) {
        p.report(from + (to - from) * progress.fraction(),
                 QObject::tr("Importing %1: %Ln row(s), ", nullptr, static_cast<int>(progress.rows))
                         .arg(QFileInfo(files[progress.file]).fileName()) +
                     QObject::tr("%Ln quarantined", nullptr, static_cast<int>(progress.quarantined)));
    };
    const jobs::ImportJobResult r = jobs::importFiles(casePath, files, options, callbacks);
    if (!r.caseError.isEmpty()) return r.caseError;
    if (p.cancel.load()) return CaseSession::kCancelled;
    for (const jobs::ImportFileOutcome& o : r.files)
        if (o.status != jobs::ImportFileOutcome::Status::Imported)
            return QObject::tr("%1: %2").arg(QFileInfo(o.path).fileName(), o.message);
    return {};
}

QString analyze(const QString& casePath, TaskProgress& p, double from, double to) {
    AnalysisOptions options;
    options.cancel = &p.cancel;
    options.progress = [&](const QString& stage, double fraction) {
        p.report(from + (to - from) * fraction, QObject::tr("Analysing: %1").arg(stage));
    };
    AnalysisSummary summary;
    QString error;
    if (!jobs::analyseCase(casePath, options, summary, &error))
        return p.cancel.load() ? CaseSession::kCancelled : error;
    return {};
}

}  // namespace

ImportController::ImportController(CaseSession* session, MainFrame* frame)
    : QObject(frame->mainWindow()), session_(session), frame_(frame) {
    QStyle* st = frame->mainWindow()->style();
    QMenu* file = frame->menu(MainFrame::Menu::File);
    QAction* import =
        file->addAction(st->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&Import Logs…"), this,
                        [this] { importLogs({}); });  // the wizard's first page picks the files
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("importAction"));
    QAction* demo = file->addAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Open &Demo Case"),
                                    this, [this] { openDemo(); });
    demo->setObjectName(QStringLiteral("demoAction"));
    QAction* analyze =
        frame->menu(MainFrame::Menu::Case)
            ->addAction(st->standardIcon(QStyle::SP_BrowserReload), tr("&Analyze"), this,
                        [this] { reanalyze(); });
    analyze->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    analyze->setObjectName(QStringLiteral("analyzeAction"));
}

ImportWizard* ImportController::importLogs(const QStringList& files) {
    QMainWindow* window = frame_->mainWindow();
    auto* wizard = new ImportWizard(session_->path(), window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setFiles(files);
    // The worker writes to the case: let go of the window's connection until it is done.
    connect(wizard, &ImportWizard::aboutToImport, this, [this] { session_->close(); });
    connect(wizard, &QDialog::finished, this, [this, wizard](int result) {
        if (!wizard->importStarted()) return;
        const QString target = wizard->casePath();
        if (result == QDialog::Accepted && wizard->analyseAfterImport()) {
            analyzeAndOpen(target);
            return;
        }
        if (QFileInfo::exists(target)) reopen(target);
    });
    wizard->open();
    return wizard;
}

void ImportController::reopen(const QString& path) {
    QString error;
    if (!session_->open(path, &error))
        QMessageBox::warning(frame_->mainWindow(), tr("Open case"), error);
}

bool ImportController::reanalyze() {
    if (!session_->isOpen()) return false;
    if (session_->analysed() &&
        !confirm(frame_->mainWindow(), tr("Analyze Again"),
                 tr("This case is already analysed. Analyse it again?\n\n"
                    "The clusters, scores and reasons are computed anew and clusters may be "
                    "renumbered. Your tags, notes, starred requests and the audit trail are kept; "
                    "tags and notes on clusters of the previous analysis stay on record but no "
                    "longer show on the new clusters (tag the members to keep a verdict).")))
        return false;
    analyzeAndOpen(session_->path());
    return true;
}

void ImportController::analyzeAndOpen(const QString& path) {
    session_->close();
    QMainWindow* window = frame_->mainWindow();
    session_->runJob(
        window, tr("Analysing case"),
        [path](TaskProgress& p) { return analyze(path, p, 0.0, 1.0); },
        [this, window, path](const QString& error) {
            if (!error.isEmpty() && error != CaseSession::kCancelled)
                QMessageBox::warning(window, tr("Analyze"), error);
            reopen(path);
        });
}

void ImportController::openDemo() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                        QStringLiteral("/demo");
    const QString casePath = dir + QStringLiteral("/demo.quarry");
    if (QFileInfo::exists(casePath)) {
        auto existing = openReadOnly(casePath);
        if (existing && hasAnalysis(existing->db())) {
            existing.reset();
            if (session_->open(casePath)) return;
        }
        QFile::remove(casePath);
    }
    QDir().mkpath(dir);
    session_->close();
    QMainWindow* window = frame_->mainWindow();
    session_->runJob(
        window, tr("Building the demo case"),
        [dir, casePath](TaskProgress& p) -> QString {
            gen::GenerateOptions o;
            o.outDir = (dir + QStringLiteral("/data")).toStdString();
            o.seed = 7;
            o.progress = [&p](int day, int days, std::int64_t rows) {
                p.report(0.3 * day / days,
                         QObject::tr("Generating demo logs: day %1 of %2, %Ln request(s)", nullptr,
                                     static_cast<int>(rows))
                             .arg(day)
                             .arg(days));
            };
            const gen::GenerateResult r = gen::generateDataset(o);
            if (!r.ok) return QString::fromStdString(r.error);
            if (p.cancel.load()) return CaseSession::kCancelled;
            QString error =
                importInto(casePath, {QString::fromStdString(r.requestsPath)}, p, 0.3, 0.6);
            return error.isEmpty() ? analyze(casePath, p, 0.6, 1.0) : error;
        },
        [this, window, casePath](const QString& error) {
            if (!error.isEmpty()) {
                if (error != CaseSession::kCancelled)
                    QMessageBox::warning(window, tr("Demo"), error);
                QFile::remove(casePath);
                return;
            }
            reopen(casePath);
        });
}

}  // namespace quarry::gui
