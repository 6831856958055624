// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A removable filter shown above a table ("Accounts sharing payment fingerprint fp_9: 37 [x]"):
// the analyst always sees why rows are missing and clears it with one click.

#include <QFrame>

class QLabel;
class QToolButton;

namespace quarry::gui {

class FilterChip final : public QFrame {
    Q_OBJECT
public:
    explicit FilterChip(QWidget* parent = nullptr);

    // Shows the chip with this text (plain text: it quotes log values).
    void showFilter(const QString& text);
    QString text() const;
    QToolButton* clearButton() const { return clear_; }

signals:
    void cleared();  // the [x] was clicked; the chip has hidden itself

private:
    QLabel* label_;
    QToolButton* clear_;
};

}  // namespace quarry::gui
