// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One request in a window of its own, to read a long prompt at full size: every field, the
// completion's summary and the full prompt as plain text (log content is never rendered as
// HTML), selectable and copyable.

#include <QWidget>

class QPlainTextEdit;

namespace quarry::gui {

class PromptWindow final : public QWidget {
    Q_OBJECT
public:
    explicit PromptWindow(QWidget* parent = nullptr);

    void setRequest(qint64 requestId, const QString& title, const QString& text);
    qint64 requestId() const { return requestId_; }
    QPlainTextEdit* text() const { return text_; }

private:
    QPlainTextEdit* text_;
    qint64 requestId_ = -1;
};

}  // namespace quarry::gui
