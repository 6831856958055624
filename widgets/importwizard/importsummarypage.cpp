// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/importsummarypage.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "importwizard/importwizard.h"
#include "items/tooltiptext.h"

namespace quarry::gui {
namespace {

QString number(int64_t n) {
    return QLocale().toString(static_cast<qlonglong>(n));
}

QString statusText(ImportFileOutcome::Status s) {
    switch (s) {
        case ImportFileOutcome::Status::Imported:
            return QObject::tr("imported");
        case ImportFileOutcome::Status::Failed:
            return QObject::tr("failed");
        case ImportFileOutcome::Status::Cancelled:
            return QObject::tr("cancelled, rolled back");
        case ImportFileOutcome::Status::NotStarted:
            return QObject::tr("not started");
    }
    return {};
}

}  // namespace

ImportSummaryPage::ImportSummaryPage(ImportWizard* wizard) : QWizardPage(wizard), wizard_(wizard) {
    setTitle(tr("Summary"));
    setFinalPage(true);
    headline_ = new QLabel;
    headline_->setTextFormat(Qt::PlainText);
    headline_->setWordWrap(true);

    files_ = new QTreeWidget;
    files_->setColumnCount(FileColumnCount);
    files_->setHeaderLabels({tr("File / reason"), tr("Status"), tr("Rows read"), tr("Imported"),
                             tr("Quarantined"), tr("Skipped (not requests)")});
    files_->setRootIsDecorated(true);
    files_->header()->setStretchLastSection(false);
    files_->header()->setSectionResizeMode(FileName, QHeaderView::Stretch);

    quarantineNote_ = new QLabel(tr("Quarantined rows (nothing is dropped silently):"));
    quarantine_ = new QTableView;
    quarantine_->setModel(wizard->quarantineModel());
    quarantine_->setWordWrap(false);
    quarantine_->verticalHeader()->hide();
    quarantine_->horizontalHeader()->setStretchLastSection(true);
    quarantine_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Widths from the first page of rows; the raw text takes the rest.
    connect(wizard->quarantineModel(), &QuarantineModel::pageLoaded, quarantine_, [this] {
        if (wizard_->quarantineModel()->rowCount() > wizard_->quarantineModel()->pageSize()) return;
        for (int c = QuarantineModel::File; c < QuarantineModel::Raw; ++c)
            quarantine_->resizeColumnToContents(c);
        quarantine_->setColumnWidth(
            QuarantineModel::Reason,
            std::min(quarantine_->columnWidth(QuarantineModel::Reason), 360));
    });

    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(quarantineNote_);
    bottomLayout->addWidget(quarantine_, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(files_);
    split->addWidget(bottom);

    analyse_ = new QCheckBox(tr("&Analyse the case after import (scores, clusters, timelines)"));
    analyse_->setChecked(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline_);
    layout->addWidget(split, 1);
    layout->addWidget(analyse_);
}

QString ImportSummaryPage::headline() const {
    return headline_->text();
}

void ImportSummaryPage::initializePage() {
    const ImportJobResult& r = wizard_->job()->result();
    files_->clear();
    std::vector<QuarantineModel::Source> sources;
    int64_t imported = 0, quarantined = 0;
    QStringList warnings;  // what the sources lack and what that costs the analysis
    for (const ImportFileOutcome& f : r.files) {
        auto* item = new QTreeWidgetItem(files_);
        item->setText(FileName, QFileInfo(f.path).fileName());
        item->setToolTip(FileName, logTextToolTip(f.path));
        item->setText(Status, statusText(f.status));
        if (f.status != ImportFileOutcome::Status::Imported) {
            if (!f.message.isEmpty()) item->setToolTip(Status, logTextToolTip(f.message));
            continue;
        }
        const ImportResult& res = f.result;
        item->setText(Read, number(res.rowsRead));
        item->setText(Imported, number(res.rowsImported));
        item->setText(Quarantined, number(res.rowsQuarantined));
        item->setText(Skipped, number(res.rowsSkipped));
        for (int c = Read; c < FileColumnCount; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        for (const auto& [reason, count] : res.quarantineByReason) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(FileName, QString::fromStdString(reason));
            child->setText(Quarantined, number(count));
            child->setTextAlignment(Quarantined, Qt::AlignRight | Qt::AlignVCenter);
        }
        for (const auto& [reason, count] : res.skippedByReason) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(FileName, QString::fromStdString(reason));
            child->setText(Skipped, number(count));
            child->setTextAlignment(Skipped, Qt::AlignRight | Qt::AlignVCenter);
        }
        for (const QString& warning : res.warnings)
            warnings << tr("%1: %2").arg(QFileInfo(f.path).fileName(), warning);
        imported += res.rowsImported;
        quarantined += res.rowsQuarantined;
        if (res.rowsQuarantined > 0)
            sources.push_back({res.sourceId, QFileInfo(f.path).fileName()});
    }
    files_->expandAll();
    const int ok = r.imported();
    headline_->setText(
        tr("%1 of %2 file(s) imported into %3: %4 rows, %5 quarantined.")
            .arg(ok)
            .arg(r.files.size())
            .arg(QFileInfo(r.casePath).fileName(), number(imported), number(quarantined)) +
        (warnings.isEmpty() ? QString() : QLatin1Char('\n') + warnings.join(QLatin1Char('\n'))));
    quarantineNote_->setVisible(!sources.empty());
    quarantine_->setVisible(!sources.empty());
    if (sources.empty())
        wizard_->quarantineModel()->clear();
    else
        wizard_->quarantineModel()->setSources(r.casePath, std::move(sources));
    analyse_->setEnabled(ok > 0);
    if (ok == 0) analyse_->setChecked(false);
}

}  // namespace quarry::gui
