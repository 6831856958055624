// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

#include "ingest/importer.h"

namespace quarry::gui {

struct ImportFileOutcome {
    enum class Status { Imported, Failed, Cancelled, NotStarted };
    QString path;
    Status status = Status::NotStarted;
    QString message;  // the importer's error for Failed and Cancelled
    ImportResult result;
};

struct ImportJobResult {
    QString casePath;
    std::vector<ImportFileOutcome> files;
    QString caseError;         // the case could not be opened or created: nothing was imported
    bool createdCase = false;  // the case did not exist before this job
    bool removedCase = false;  // ... and was removed again because no file got into it
    int imported() const;
    bool cancelled() const;
};

// Imports files into a case on a worker thread, one after the other, each in its own
// transaction through its own CaseFile (created when the path does not exist). Cancel sets the
// importer's cancel flag: the file being imported rolls back, files already imported stay, the
// rest are not started. Progress is read from atomics by a GUI-thread timer, so the worker never
// waits for the GUI.
class ImportJob final : public QObject {
    Q_OBJECT
public:
    struct Progress {
        int file = 0, files = 0;  // the file being imported, 0-based
        int64_t bytesDone = 0, bytesTotal = 0, rows = 0, quarantined = 0;
        double fraction() const;  // of the whole job
    };

    explicit ImportJob(QObject* parent = nullptr);
    ~ImportJob() override;  // cancels a running job and waits for its rollback

    void start(const QString& casePath, const QStringList& files, const ImportOptions& options);
    void cancel();
    bool running() const { return watcher_.isRunning(); }
    bool cancelRequested() const;
    Progress progress() const;
    const ImportJobResult& result() const { return result_; }

signals:
    void progressChanged();
    void finished();

private:
    struct Shared;
    static ImportJobResult run(QString casePath, QStringList files, ImportOptions options,
                               std::shared_ptr<Shared> shared);

    std::shared_ptr<Shared> shared_;
    QFutureWatcher<ImportJobResult> watcher_;
    QTimer poll_;
    ImportJobResult result_;
};

}  // namespace quarry::gui
