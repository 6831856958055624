// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "items/tagtablemodel.h"

class QPushButton;
class QTableView;

namespace quarry {
class CaseFile;
}

namespace quarry::gui {

// The case's tags, and the buttons that apply the current tag to the selection. The panel only
// asks; the main window performs the change (as an undoable command) and refreshes the panel.
class TagPanel final : public QWidget {
    Q_OBJECT
public:
    enum class Scope { Accounts, Cluster };

    explicit TagPanel(QWidget* parent = nullptr);
    void setCase(CaseFile* file);  // the GUI thread's read-only connection; nullptr clears
    void refresh();
    QString currentTag() const;
    bool selectTag(const QString& name);
    TagTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QPushButton* button(const QString& objectName) const;

signals:
    void createRequested();
    void editRequested(const QString& tag);
    void deleteRequested(const QString& tag);
    void applyRequested(const QString& tag, TagPanel::Scope scope, bool add);

private:
    void updateButtons();

    CaseFile* file_ = nullptr;
    TagTableModel* model_;
    QTableView* view_;
    std::vector<QPushButton*> needTag_;
    QPushButton* create_;
};

}  // namespace quarry::gui
