// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one import loop: quarry-cli import, the import wizard and the demo case all bring files into
// a case through importFiles, so they share its rules: files one after another, each in its own
// transaction; a failed file does not stop the others, a cancel stops the loop (the file being
// imported rolls back, files already imported stay, the rest are not started); a case this job
// created that nothing went into is removed again, leaving things as they were before.

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

#include "ingest/importer.h"

namespace quarry::jobs {

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
    int failed() const;
    bool cancelled() const;
};

struct ImportProgress {
    int file = 0, files = 0;  // the file being imported, 0-based
    int64_t bytesDone = 0, bytesTotal = 0, rows = 0, quarantined = 0;
    double fraction() const;  // of the whole job
};

struct ImportJobCallbacks {
    // On the importing thread: when a file starts and every batch while it is read.
    std::function<void(const ImportProgress&)> progress;
    // On the importing thread, after each file that was started.
    std::function<void(const ImportFileOutcome&)> fileDone;
};

// Imports files into the case at casePath (created when it does not exist). options.cancel is
// the cancel flag; options.progress is replaced by callbacks.progress.
ImportJobResult importFiles(const QString& casePath, const QStringList& files,
                            ImportOptions options, const ImportJobCallbacks& callbacks = {});

}  // namespace quarry::jobs
