// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The requests of the current selection (accounts, time range, topic) in a lazily fetched
// table, with every field and the full prompt of the current row beside it. Log text is shown
// as plain text only: a prompt is never interpreted as HTML.

#include <QVector>
#include <QWidget>

#include "items/requesttablemodel.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace quarry::gui {

class PromptWindow;

class RequestPanel final : public QWidget {
    Q_OBJECT
public:
    explicit RequestPanel(QWidget* parent = nullptr);

    void setCase(const QString& casePath, const TopicTable& topics);
    RequestTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QPlainTextEdit* details() const { return details_; }
    QLabel* status() const { return status_; }
    // Ids of the selected (loaded) rows, in view order.
    std::vector<int64_t> selectedRequests() const;
    QSplitter* splitter() const { return split_; }
    // Opens the current request in a window of its own (also on double-click and from the
    // "Open in window" button); nullptr when no request is current.
    PromptWindow* openInWindow();

public slots:
    // Empty accounts = whole case; fromMs / toMs < 0 = unbounded; topicId -1 = any topic.
    void setSelection(const QVector<qint64>& accountIds, qint64 fromMs, qint64 toMs,
                      qint64 topicId);

private:
    void showCurrent(const QModelIndex& index);
    // Every field of a row, then the prompt (its preview until the detail arrives).
    QString describe(const RequestRow& r, const RequestDetail* detail) const;
    void updateStatus();

    RequestTableModel* model_;
    QTableView* view_;
    QPlainTextEdit* details_;
    QLabel* status_;
    QSplitter* split_;
    QPushButton* openWindow_;
    qint64 shownRequest_ = -1;
};

}  // namespace quarry::gui
