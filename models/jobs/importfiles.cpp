// SPDX-License-Identifier: GPL-3.0-or-later
#include "importfiles.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include "store/casefile.h"

namespace quarry::jobs {

int ImportJobResult::imported() const {
    return static_cast<int>(
        std::count_if(files.begin(), files.end(), [](const ImportFileOutcome& f) {
            return f.status == ImportFileOutcome::Status::Imported;
        }));
}

int ImportJobResult::failed() const {
    return static_cast<int>(std::count_if(
        files.begin(), files.end(),
        [](const ImportFileOutcome& f) { return f.status == ImportFileOutcome::Status::Failed; }));
}

bool ImportJobResult::cancelled() const {
    return std::any_of(files.begin(), files.end(), [](const ImportFileOutcome& f) {
        return f.status == ImportFileOutcome::Status::Cancelled;
    });
}

double ImportProgress::fraction() const {
    if (files <= 0) return 0;
    const double inFile = bytesTotal > 0 ? double(bytesDone) / double(bytesTotal) : 0.0;
    return (file + std::min(inFile, 1.0)) / files;
}

ImportJobResult importFiles(const QString& casePath, const QStringList& files,
                            ImportOptions options, const ImportJobCallbacks& callbacks) {
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

    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    ImportProgress p;
    p.files = static_cast<int>(files.size());
    auto report = [&] {
        if (callbacks.progress) callbacks.progress(p);
    };
    options.progress = [&](int64_t done, int64_t total, int64_t rows, int64_t quarantined) {
        p.bytesDone = done;
        p.bytesTotal = total;
        p.rows = rows;
        p.quarantined = quarantined;
        report();
    };
    for (int i = 0; i < files.size(); ++i) {
        if (cancelled()) break;
        p.file = i;
        p.bytesDone = 0;
        p.bytesTotal = QFileInfo(files[i]).size();
        p.rows = p.quarantined = 0;
        report();
        ImportFileOutcome& o = out.files[static_cast<size_t>(i)];
        if (Importer(*file).run(files[i], options, o.result, &o.message)) {
            o.status = ImportFileOutcome::Status::Imported;
            p.rows = o.result.rowsImported;
            p.quarantined = o.result.rowsQuarantined;
            report();
        } else {
            o.status = cancelled() ? ImportFileOutcome::Status::Cancelled
                                   : ImportFileOutcome::Status::Failed;
        }
        if (callbacks.fileDone) callbacks.fileDone(o);
    }
    file.reset();
    if (out.createdCase && out.imported() == 0) {
        out.removedCase = QFile::remove(casePath);
        for (const char* suffix : {"-wal", "-shm", "-journal"}) QFile::remove(casePath + QLatin1String(suffix));
    }
    return out;
}

}  // namespace quarry::jobs
