// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include "store/casefile.h"

namespace quarry::gui {

struct ImportJob::Shared {
    std::atomic<bool> cancel{false};
    std::atomic<int> file{0};
    std::atomic<int> files{0};
    std::atomic<int64_t> bytesDone{0}, bytesTotal{0}, rows{0}, quarantined{0};
};

int ImportJobResult::imported() const {
    int n = 0;
    for (const auto& f : files) n += f.status == ImportFileOutcome::Status::Imported ? 1 : 0;
    return n;
}

bool ImportJobResult::cancelled() const {
    for (const auto& f : files)
        if (f.status == ImportFileOutcome::Status::Cancelled) return true;
    return false;
}

double ImportJob::Progress::fraction() const {
    if (files <= 0) return 0;
    const double inFile = bytesTotal > 0 ? double(bytesDone) / double(bytesTotal) : 0.0;
    return (file + std::min(inFile, 1.0)) / files;
}

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
    ImportJobResult out;
    out.casePath = casePath;
    for (const QString& f : files)
        out.files.push_back({f, ImportFileOutcome::Status::NotStarted, {}, {}});
    const bool existed = QFileInfo::exists(casePath);
    auto file = CaseFile::open(
        casePath, existed ? CaseFile::Access::ReadWrite : CaseFile::Access::CreateIfMissing,
        &out.caseError);
    if (!file) return out;
    out.createdCase = !existed;

    Shared& s = *shared;
    options.cancel = &s.cancel;
    options.progress = [&s](int64_t done, int64_t total, int64_t rows, int64_t quarantined) {
        s.bytesTotal.store(total);
        s.bytesDone.store(done);
        s.rows.store(rows);
        s.quarantined.store(quarantined);
    };
    for (int i = 0; i < files.size(); ++i) {
        if (s.cancel.load()) break;
        s.file.store(i);
        s.bytesDone.store(0);
        s.bytesTotal.store(QFileInfo(files[i]).size());
        s.rows.store(0);
        s.quarantined.store(0);
        ImportFileOutcome& o = out.files[static_cast<size_t>(i)];
        if (Importer(*file).run(files[i], options, o.result, &o.message)) {
            o.status = ImportFileOutcome::Status::Imported;
            s.rows.store(o.result.rowsImported);
            s.quarantined.store(o.result.rowsQuarantined);
        } else {
            o.status = s.cancel.load() ? ImportFileOutcome::Status::Cancelled
                                       : ImportFileOutcome::Status::Failed;
        }
    }
    file.reset();
    // A case this job created and nothing went into: as before the job, there is no case.
    if (out.createdCase && out.imported() == 0) out.removedCase = QFile::remove(casePath);
    return out;
}

}  // namespace quarry::gui
