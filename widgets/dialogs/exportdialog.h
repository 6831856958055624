// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <vector>

#include "items/casequeries.h"
#include "evidence/bundle.h"
#include "evidence/tags.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace quarry::gui {

struct ExportChoices {
    QString casePath;
    std::vector<ClusterRecord> clusters;  // flagged ones start checked
    QStringList selectedAccounts;         // account names as in the logs
    std::vector<evidence::TagInfo> tags;
    QString suggestedOutput;
};

// Case › Export Evidence: what to export, where, redacted and/or signed; runs the export on a
// worker thread with progress and Cancel, then shows the summary and can verify the bundle.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const ExportChoices& choices, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // The options as chosen in the dialog (without progress and cancel).
    evidence::BundleOptions options() const;
    void setOutputPath(const QString& path);
    QString outputPath() const;
    void setClusterChecked(int64_t clusterId, bool checked);

    void start();
    void cancel();
    void verifyNow();
    bool running() const { return watcher_.isRunning(); }
    bool succeeded() const { return succeeded_; }
    const evidence::BundleResult& result() const { return result_; }
    QString errorText() const { return error_; }

    QProgressBar* progressBar() const { return progress_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* verifyButton() const { return verify_; }
    QTextBrowser* summary() const { return summary_; }
    QCheckBox* redactBox() const { return redact_; }
    QCheckBox* signBox() const { return sign_; }
    QCheckBox* accountsBox() const { return accounts_; }

signals:
    void exportFinished(bool ok);
    void verifyFinished(bool ok);

protected:
    void reject() override;

private:
    void chooseOutput();
    void onFinished();
    void updateButtons();

    QString casePath_;
    QStringList selectedAccounts_;
    QListWidget* clusters_;
    QListWidget* tags_;
    QCheckBox* accounts_;
    QLineEdit* output_;
    QCheckBox* redact_;
    QCheckBox* sign_;
    QProgressBar* progress_;
    QLabel* stage_;
    QTextBrowser* summary_;
    QPushButton* export_;
    QPushButton* cancel_;
    QPushButton* verify_;
    QPushButton* close_;

    struct Progress;
    std::shared_ptr<Progress> shared_;  // outlives the dialog if the worker is still reporting
    QFutureWatcher<bool> watcher_;
    QFutureWatcher<evidence::BundleVerification> verifyWatcher_;
    QTimer* poll_;
    evidence::BundleResult result_;
    QString error_;
    bool succeeded_ = false;
};

}  // namespace quarry::gui
