// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/importrunpage.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "importwizard/importwizard.h"

namespace quarry::gui {
namespace {

QString fileName(const QString& path) {
    return QFileInfo(path).fileName();
}

}  // namespace

ImportRunPage::ImportRunPage(ImportWizard* wizard) : QWizardPage(wizard), wizard_(wizard) {
    setTitle(tr("Importing"));
    file_ = new QLabel;
    file_->setTextFormat(Qt::PlainText);
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    counts_ = new QLabel;
    message_ = new QLabel;
    message_->setTextFormat(Qt::PlainText);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cancel_ = new QPushButton(tr("&Cancel Import"));
    connect(cancel_, &QPushButton::clicked, this, [this] {
        wizard_->job()->cancel();
        cancel_->setEnabled(false);
        file_->setText(tr("Cancelling: rolling back the file being imported…"));
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(file_);
    layout->addWidget(bar_);
    layout->addWidget(counts_);
    layout->addWidget(cancel_, 0, Qt::AlignLeft);
    layout->addWidget(message_);
    layout->addStretch();

    connect(wizard->job(), &ImportJob::progressChanged, this, &ImportRunPage::showProgress);
    connect(wizard->job(), &ImportJob::finished, this, &ImportRunPage::onFinished);
}

void ImportRunPage::initializePage() {
    done_ = false;
    message_->clear();
    bar_->setValue(0);
    cancel_->setEnabled(true);
    setSubTitle(tr("Into %1. Each file is one transaction: a cancelled or failed file leaves the "
                   "case exactly as it was before that file.")
                    .arg(QFileInfo(wizard_->casePath()).fileName()));
    wizard_->startImport();
}

bool ImportRunPage::isComplete() const {
    return done_;
}

QString ImportRunPage::messageText() const {
    return message_->text();
}
int ImportRunPage::progressValue() const {
    return bar_->value();
}

void ImportRunPage::showProgress() {
    const ImportJob::Progress p = wizard_->job()->progress();
    const QStringList files = wizard_->files();
    bar_->setValue(static_cast<int>(p.fraction() * 1000.0));
    counts_->setText(tr("%Ln row(s) imported, ", nullptr, static_cast<int>(p.rows)) +
                     tr("%Ln quarantined", nullptr, static_cast<int>(p.quarantined)));
    if (wizard_->job()->running() && !wizard_->job()->cancelRequested())
        file_->setText(tr("File %1 of %2: %3")
                           .arg(p.file + 1)
                           .arg(p.files)
                           .arg(fileName(files.value(p.file))));
}

void ImportRunPage::onFinished() {
    const ImportJobResult& r = wizard_->job()->result();
    cancel_->setEnabled(false);
    QStringList lines;
    if (!r.caseError.isEmpty()) lines << tr("Cannot open the case: %1").arg(r.caseError);
    for (const ImportFileOutcome& f : r.files) {
        switch (f.status) {
            case ImportFileOutcome::Status::Imported:
                lines << tr("%1: imported.").arg(fileName(f.path));
                break;
            case ImportFileOutcome::Status::Cancelled:
                lines << tr("%1: cancelled. Its rows were rolled back: the case is exactly as it "
                            "was before this file.")
                             .arg(fileName(f.path));
                break;
            case ImportFileOutcome::Status::Failed:
                lines << tr("%1: not imported. %2").arg(fileName(f.path), f.message);
                break;
            case ImportFileOutcome::Status::NotStarted:
                if (r.caseError.isEmpty()) lines << tr("%1: not started.").arg(fileName(f.path));
                break;
        }
    }
    if (r.removedCase)
        lines << tr("Nothing was imported, so the new case %1 was not kept.")
                     .arg(fileName(r.casePath));
    const bool allImported =
        r.caseError.isEmpty() && r.imported() == static_cast<int>(r.files.size());
    file_->setText(allImported     ? tr("Import finished.")
                   : r.cancelled() ? tr("Import cancelled.")
                                   : tr("Import finished with problems."));
    message_->setText(lines.join(QLatin1Char('\n')));
    message_->setStyleSheet(allImported ? QString() : QStringLiteral("color: #b00020"));
    done_ = true;
    emit completeChanged();
}

}  // namespace quarry::gui
