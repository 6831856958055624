// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;

namespace quarry::gui {

// Step 1: the log files (CSV, JSONL, combined access log), their format, whether to import a
// file the case already holds, and the case they go into when no case is open.
class ImportFilesPage final : public QWizardPage {
    Q_OBJECT
public:
    ImportFilesPage(const QString& openCase, QWidget* parent = nullptr);

    void setFiles(const QStringList& files);
    QStringList files() const;
    void setFormat(const QString& format);
    QString format() const;
    void setForce(bool force);
    bool force() const;
    void setCasePath(const QString& path);
    QString casePath() const;

    bool isComplete() const override;

private:
    void addFiles();
    void chooseCase();
    void suggestCasePath();

    QListWidget* list_ = nullptr;
    QComboBox* format_ = nullptr;
    QCheckBox* force_ = nullptr;
    QLineEdit* case_ = nullptr;
    bool caseEdited_ = false;
};

}  // namespace quarry::gui
