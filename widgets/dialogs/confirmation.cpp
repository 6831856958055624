// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/confirmation.h"

#include <QMessageBox>

namespace quarry::gui {

std::function<bool(const QString&, const QString&)> confirmationHook;

bool confirm(QWidget* parent, const QString& title, const QString& text) {
    if (confirmationHook) return confirmationHook(title, text);
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                    parent);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

}  // namespace quarry::gui
