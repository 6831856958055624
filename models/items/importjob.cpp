// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace quarry::gui {

struct ImportJob::Shared {
    std::atomic<bool> cancel{false};
    std::atomic<int> file{0};
    std::atomic<int> files{0};
    std::atomic<int64_t> bytesDone{0}, bytesTotal{0}, rows{0}, quarantined{0};
};

ImportJob::ImportJob(QObject* parent) : QObject(parent), shared_(std::make_shared<Shared>()) {
    poll_.setInterval(100);
    connect(&poll_, &QTimer::timeout, this, &ImportJob::progressChanged);
    connect(&watcher_, &QFutureWatcher<ImportJobResult>::finished, this, [this] {
        poll_.stop();
        result_ = watcher_.result();
        emit progressChanged();
        emit finished();
    });
}

ImportJob::~ImportJob() {
    shared_->cancel.store(true);
    watcher_.waitForFinished();
}

void ImportJob::start(const QString& casePath, const QStringList& files,
                      const ImportOptions& options) {
    if (running()) return;
    shared_ = std::make_shared<Shared>();
    shared_->files.store(static_cast<int>(files.size()));
    result_ = ImportJobResult();
    poll_.start();
    watcher_.setFuture(QtConcurrent::run(&ImportJob::run, casePath, files, options, shared_));
}

void ImportJob::cancel() {
    shared_->cancel.store(true);
}

bool ImportJob::cancelRequested() const {
    return shared_->cancel.load();
}

ImportJob::Progress ImportJob::progress() const {
    Progress p;
    p.file = shared_->file.load();
    p.files = shared_->files.load();
    p.bytesDone = shared_->bytesDone.load();
    p.bytesTotal = shared_->bytesTotal.load();
    p.rows = shared_->rows.load();
    p.quarantined = shared_->quarantined.load();
    return p;
}

ImportJobResult ImportJob::run(QString casePath, QStringList files, ImportOptions options,
                               std::shared_ptr<Shared> shared) {
    Shared& s = *shared;
    options.cancel = &s.cancel;
    jobs::ImportJobCallbacks callbacks;
    callbacks.progress = [&s](const Progress& p) {
        s.file.store(p.file);
        s.bytesTotal.store(p.bytesTotal);
        s.bytesDone.store(p.bytesDone);
        s.rows.store(p.rows);
        s.quarantined.store(p.quarantined);
    };
    return jobs::importFiles(casePath, files, options, callbacks);
}

}  // namespace quarry::gui
