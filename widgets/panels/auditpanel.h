// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include "items/audittablemodel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace quarry {
class CaseFile;
}

namespace quarry::gui {

// The case's audit trail, and a button that walks its hash chain (on a worker thread, with its
// own connection) and names the first broken entry.
class AuditPanel final : public QWidget {
    Q_OBJECT
public:
    explicit AuditPanel(QWidget* parent = nullptr);
    ~AuditPanel() override;
    void setCase(CaseFile* file);  // the GUI thread's read-only connection; nullptr clears
    void refresh();
    void verifyChain();

    AuditTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QPushButton* verifyButton() const { return verify_; }
    QLabel* resultLabel() const { return result_; }

signals:
    void verified(bool ok, qint64 brokenSeq, const QString& reason);

private:
    CaseFile* file_ = nullptr;
    AuditTableModel* model_;
    QTableView* view_;
    QPushButton* verify_;
    QLabel* result_;
    QFutureWatcher<evidence::AuditVerification> watcher_;
};

}  // namespace quarry::gui
