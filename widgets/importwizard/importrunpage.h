// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace quarry::gui {

class ImportWizard;

// Step 3: the import itself, on a worker thread: overall progress, rows imported and
// quarantined so far, Cancel; then what happened, in words (cancelled, already imported,
// locked case, unreadable file).
class ImportRunPage final : public QWizardPage {
    Q_OBJECT
public:
    explicit ImportRunPage(ImportWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;

    QString messageText() const;
    int progressValue() const;  // of 1000
    QPushButton* cancelButton() const { return cancel_; }

private:
    void showProgress();
    void onFinished();

    ImportWizard* wizard_;
    QLabel* file_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QLabel* counts_ = nullptr;
    QLabel* message_ = nullptr;
    QPushButton* cancel_ = nullptr;
    bool done_ = false;
};

}  // namespace quarry::gui
