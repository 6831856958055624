// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The import wizard's view of a running import: jobs::importFiles (the one import loop, shared
// with quarry-cli) on a worker thread. Cancel sets the importer's cancel flag. Progress is read
// from atomics by a GUI-thread timer, so the worker never waits for the GUI.

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>

#include "jobs/importfiles.h"

namespace quarry::gui {

using jobs::ImportFileOutcome;
using jobs::ImportJobResult;

class ImportJob final : public QObject {
    Q_OBJECT
public:
    using Progress = jobs::ImportProgress;

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
