// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/importwizard.h"

#include <QCheckBox>

#include "importwizard/importfilespage.h"
#include "importwizard/importmappingpage.h"
#include "importwizard/importrunpage.h"
#include "importwizard/importsummarypage.h"

namespace quarry::gui {

ImportWizard::ImportWizard(const QString& openCase, QWidget* parent)
    : QWizard(parent), caseWasOpen_(!openCase.isEmpty()) {
    setWindowTitle(tr("Import Logs"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(860, 620);
    preview_.setMappingModel(&mapping_);

    filesPage_ = new ImportFilesPage(openCase);
    mappingPage_ = new ImportMappingPage(this);
    runPage_ = new ImportRunPage(this);
    summaryPage_ = new ImportSummaryPage(this);
    setPage(FilesPageId, filesPage_);
    setPage(MappingPageId, mappingPage_);
    setPage(ImportPageId, runPage_);
    setPage(SummaryPageId, summaryPage_);

    // After the run page has shown the outcome: a clean import goes straight on to the summary;
    // a cancelled or failed one stays so its message is read.
    connect(&job_, &ImportJob::finished, this, [this] {
        emit importFinished();
        if (closeWhenDone_) {
            QWizard::reject();
            return;
        }
        const ImportJobResult& r = job_.result();
        if (currentId() == ImportPageId && r.caseError.isEmpty() &&
            r.imported() == static_cast<int>(r.files.size()))
            next();
    });
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFiles(const QStringList& files) {
    filesPage_->setFiles(files);
}
QStringList ImportWizard::files() const {
    return filesPage_->files();
}
void ImportWizard::setFormat(const QString& format) {
    filesPage_->setFormat(format);
}
QString ImportWizard::format() const {
    return filesPage_->format();
}
void ImportWizard::setForce(bool force) {
    filesPage_->setForce(force);
}
bool ImportWizard::force() const {
    return filesPage_->force();
}
void ImportWizard::setCasePath(const QString& path) {
    filesPage_->setCasePath(path);
}
QString ImportWizard::casePath() const {
    return filesPage_->casePath();
}
void ImportWizard::setAnalyseAfterImport(bool on) {
    summaryPage_->analyseCheck()->setChecked(on);
}

bool ImportWizard::analyseAfterImport() const {
    return summaryPage_->analyseCheck()->isEnabled() && summaryPage_->analyseCheck()->isChecked();
}

ImportOptions ImportWizard::importOptions() const {
    ImportOptions o;
    o.format = format();
    o.mapping = mapping_.mapping();
    o.force = force();
    return o;
}

void ImportWizard::startImport() {
    if (importStarted_) return;
    importStarted_ = true;
    emit aboutToImport(casePath());
    job_.start(casePath(), files(), importOptions());
}

void ImportWizard::reject() {
    if (job_.running()) {
        job_.cancel();
        closeWhenDone_ = true;
        return;
    }
    QWizard::reject();
}

}  // namespace quarry::gui
