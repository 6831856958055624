// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// From log files to an imported case without the command line: choose files, preview them and
// map their columns, import with progress and cancel, then read the summary and the quarantined
// rows. Everything that reads many rows runs on a worker thread. The window that opens the
// wizard runs the analysis afterwards (analyseAfterImport()).

#include <QWizard>

#include "items/columnmappingmodel.h"
#include "items/importjob.h"
#include "items/importpreviewmodel.h"
#include "items/quarantinemodel.h"

namespace quarry::gui {

class ImportFilesPage;
class ImportMappingPage;
class ImportRunPage;
class ImportSummaryPage;

class ImportWizard final : public QWizard {
    Q_OBJECT
public:
    enum PageId { FilesPageId, MappingPageId, ImportPageId, SummaryPageId };
    static constexpr int kPreviewRows = 50;

    // openCase: the case the files go into; empty when none is open, then the files page asks
    // for a case file (new or existing).
    explicit ImportWizard(const QString& openCase, QWidget* parent = nullptr);
    ~ImportWizard() override;

    // The choices of the first page, also for callers that script the wizard.
    void setFiles(const QStringList& files);
    QStringList files() const;
    void setFormat(const QString& format);  // auto, csv, jsonl or combined
    QString format() const;
    void setForce(bool force);
    bool force() const;
    void setCasePath(const QString& path);
    QString casePath() const;
    bool caseWasOpen() const { return caseWasOpen_; }
    void setAnalyseAfterImport(bool on);
    bool analyseAfterImport() const;

    // What the importer gets: format, the analyst's column mapping, force.
    ImportOptions importOptions() const;

    ColumnMappingModel* mappingModel() { return &mapping_; }
    ImportPreviewModel* previewModel() { return &preview_; }
    QuarantineModel* quarantineModel() { return &quarantine_; }
    ImportJob* job() { return &job_; }
    ImportFilesPage* filesPage() const { return filesPage_; }
    ImportMappingPage* mappingPage() const { return mappingPage_; }
    ImportRunPage* runPage() const { return runPage_; }
    ImportSummaryPage* summaryPage() const { return summaryPage_; }

    // True once the import has started: the case may have changed (the opener reloads it).
    bool importStarted() const { return importStarted_; }
    bool importRunning() const { return job_.running(); }

    // Closing the wizard during the import cancels it (the file being imported rolls back) and
    // closes once the worker has finished.
    void reject() override;

signals:
    // Emitted on the GUI thread right before the import starts writing to casePath: a window
    // that holds the case open lets go of it here.
    void aboutToImport(const QString& casePath);
    void importFinished();

private:
    friend class ImportRunPage;
    void startImport();

    ColumnMappingModel mapping_;
    ImportPreviewModel preview_;
    QuarantineModel quarantine_;
    ImportJob job_;
    ImportFilesPage* filesPage_ = nullptr;
    ImportMappingPage* mappingPage_ = nullptr;
    ImportRunPage* runPage_ = nullptr;
    ImportSummaryPage* summaryPage_ = nullptr;
    bool caseWasOpen_ = false;
    bool importStarted_ = false;
    bool closeWhenDone_ = false;
};

}  // namespace quarry::gui
