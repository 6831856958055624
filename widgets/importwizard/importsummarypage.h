// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QTableView;
class QTreeWidget;

namespace quarry::gui {

class ImportWizard;

// Step 4: per file rows read, imported and quarantined, quarantine counts by reason, the
// quarantined rows themselves (line, reason, raw text), and whether to analyse the case now.
class ImportSummaryPage final : public QWizardPage {
    Q_OBJECT
public:
    enum FileColumn { FileName, Status, Read, Imported, Quarantined, Skipped, FileColumnCount };

    explicit ImportSummaryPage(ImportWizard* wizard);

    void initializePage() override;

    QTreeWidget* fileTable() const { return files_; }
    QTableView* quarantineView() const { return quarantine_; }
    QCheckBox* analyseCheck() const { return analyse_; }
    QString headline() const;

private:
    ImportWizard* wizard_;
    QLabel* headline_ = nullptr;
    QTreeWidget* files_ = nullptr;
    QTableView* quarantine_ = nullptr;
    QLabel* quarantineNote_ = nullptr;
    QCheckBox* analyse_ = nullptr;
};

}  // namespace quarry::gui
