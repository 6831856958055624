// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/importmappingpage.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "importwizard/fieldcombodelegate.h"
#include "importwizard/importwizard.h"

namespace quarry::gui {

ImportMappingPage::ImportMappingPage(ImportWizard* wizard) : QWizardPage(wizard), wizard_(wizard) {
    setTitle(tr("Preview and column mapping"));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));

    mappingView_ = new QTableView;
    mappingView_->setModel(wizard->mappingModel());
    mappingView_->setItemDelegateForColumn(ColumnMappingModel::Field,
                                           new FieldComboDelegate(mappingView_));
    mappingView_->setSelectionMode(QAbstractItemView::NoSelection);
    mappingView_->verticalHeader()->hide();
    mappingView_->horizontalHeader()->setStretchLastSection(true);
    mappingView_->setWordWrap(false);

    previewView_ = new QTableView;
    previewView_->setModel(wizard->previewModel());
    previewView_->setWordWrap(false);
    previewView_->verticalHeader()->hide();
    previewView_->horizontalHeader()->setDefaultSectionSize(140);

    status_ = new QLabel;
    status_->setTextFormat(Qt::PlainText);
    status_->setWordWrap(true);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(mappingView_);
    split->addWidget(previewView_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(status_);

    connect(&watcher_, &QFutureWatcher<Loaded>::finished, this, &ImportMappingPage::onLoaded);
    connect(wizard->mappingModel(), &ColumnMappingModel::mappingChanged, this, [this] {
        updateStatus();
        emit completeChanged();
    });
}

ImportMappingPage::~ImportMappingPage() {
    watcher_.waitForFinished();
}

void ImportMappingPage::initializePage() {
    const QStringList files = wizard_->files();
    setSubTitle(files.size() > 1
                    ? tr("Up to the first %1 rows of %2. The mapping applies to all %3 files.")
                          .arg(ImportWizard::kPreviewRows)
                          .arg(QFileInfo(files.value(0)).fileName())
                          .arg(files.size())
                    : tr("Up to the first %1 rows of %2, read as the importer reads them.")
                          .arg(ImportWizard::kPreviewRows)
                          .arg(QFileInfo(files.value(0)).fileName()));
    // Coming back with the same file and format keeps the analyst's edits.
    if (ready_ && loadedPath_ == files.value(0) && loadedFormat_ == wizard_->format()) return;
    load();
}

void ImportMappingPage::load() {
    if (watcher_.isRunning()) return;  // onLoaded() starts again for the current choice
    ready_ = false;
    error_.clear();
    wizard_->previewModel()->clear();
    wizard_->mappingModel()->clear();
    updateStatus();
    emit completeChanged();
    const QString path = wizard_->files().value(0);
    const QString format = wizard_->format();
    watcher_.setFuture(QtConcurrent::run([path, format] {
        Loaded l{path, format, {}, {}};
        previewFile(path, format, ImportWizard::kPreviewRows, l.preview, &l.error);
        return l;
    }));
}

void ImportMappingPage::onLoaded() {
    Loaded l = watcher_.result();
    if (l.path != wizard_->files().value(0) || l.format != wizard_->format()) {
        load();  // the choice changed while this one was read
        return;
    }
    loadedPath_ = l.path;
    loadedFormat_ = l.format;
    error_ = l.error;
    ready_ = true;
    if (error_.isEmpty()) {
        wizard_->previewModel()->setPreview(l.preview);
        wizard_->mappingModel()->setPreview(l.preview);
        auto* model = wizard_->mappingModel();
        for (int r = 0; r < model->rowCount(); ++r)
            mappingView_->openPersistentEditor(model->index(r, ColumnMappingModel::Field));
        mappingView_->resizeColumnToContents(ColumnMappingModel::Source);
        mappingView_->setColumnWidth(ColumnMappingModel::Field, 200);
        previewView_->resizeColumnToContents(wizard_->previewModel()->lineColumn());
    }
    updateStatus();
    emit completeChanged();
    emit previewReady();
}

QString ImportMappingPage::statusText() const {
    return status_->text();
}

void ImportMappingPage::updateStatus() {
    QString text;
    bool bad = false;
    if (!ready_) {
        text = tr("Reading the first rows…");
    } else if (!error_.isEmpty()) {
        text = tr("Cannot read this file: %1").arg(error_);
        bad = true;
    } else {
        const FilePreview& p = wizard_->previewModel()->preview();
        const QStringList missing = wizard_->mappingModel()->missingRequired();
        int problems = 0;
        for (const PreviewRow& r : p.rows) problems += r.problem.isEmpty() ? 0 : 1;
        text = tr("Read as %1: %n column(s)", nullptr, static_cast<int>(p.columns.size()))
                   .arg(p.format);
        text += tr(", %n row(s) shown", nullptr, static_cast<int>(p.rows.size()));
        if (problems)
            text += tr(" (%n will be quarantined whatever the mapping)", nullptr, problems);
        text += QLatin1Char('.');
        if (!missing.isEmpty()) {
            text += QLatin1Char(' ') +
                    tr("Required field not mapped: %1. Choose the column that holds it.")
                        .arg(missing.join(QStringLiteral(", ")));
            bad = true;
        }
    }
    status_->setText(text);
    status_->setStyleSheet(bad ? QStringLiteral("color: #b00020; font-weight: bold") : QString());
}

bool ImportMappingPage::isComplete() const {
    return ready_ && error_.isEmpty() && wizard_->mappingModel()->rowCount() > 0 &&
           wizard_->mappingModel()->missingRequired().isEmpty();
}

}  // namespace quarry::gui
