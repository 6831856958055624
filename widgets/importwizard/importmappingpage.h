// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QWizardPage>

#include "ingest/filepreview.h"

class QLabel;
class QTableView;

namespace quarry::gui {

class ImportWizard;

// Step 2: the first rows of the (first) file as the importer's reader parses them, and the
// column mapping in a combo per source column. Next stays blocked while a required field
// (timestamp, account_id) has no column.
class ImportMappingPage final : public QWizardPage {
    Q_OBJECT
public:
    explicit ImportMappingPage(ImportWizard* wizard);
    ~ImportMappingPage() override;

    void initializePage() override;
    bool isComplete() const override;

    bool loading() const { return watcher_.isRunning(); }
    QString error() const { return error_; }
    QString statusText() const;
    QTableView* mappingView() const { return mappingView_; }
    QTableView* previewView() const { return previewView_; }

signals:
    // The preview of the current file and format is shown (or failed: see error()).
    void previewReady();

private:
    struct Loaded {
        QString path, format;
        FilePreview preview;
        QString error;
    };
    void load();
    void onLoaded();
    void updateStatus();

    ImportWizard* wizard_;
    QTableView* mappingView_ = nullptr;
    QTableView* previewView_ = nullptr;
    QLabel* status_ = nullptr;
    QFutureWatcher<Loaded> watcher_;
    QString loadedPath_, loadedFormat_;
    QString error_;
    bool ready_ = false;
};

}  // namespace quarry::gui
