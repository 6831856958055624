// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The selected cluster's shared prompt templates: pick one, read its skeleton, and compare what
// each member puts into its slots (rows = members, columns = slots).

#include <QWidget>

#include "items/templateslotmodel.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace quarry::gui {

class TemplatePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TemplatePanel(QWidget* parent = nullptr);

    // What the panel says instead of templates ("Select a cluster", "loading…").
    void showMessage(const QString& text);
    void setTemplates(int64_t cluster, const ClusterTemplates& templates);

    QComboBox* chooser() const { return chooser_; }
    QLabel* status() const { return status_; }
    QPlainTextEdit* skeleton() const { return skeleton_; }
    QTableView* view() const { return view_; }
    TemplateSlotModel* model() const { return model_; }

private:
    void showTemplate(int index);

    ClusterTemplates data_;
    TemplateSlotModel* model_;
    QComboBox* chooser_;
    QLabel* status_;
    QPlainTextEdit* skeleton_;
    QTableView* view_;
};

}  // namespace quarry::gui
