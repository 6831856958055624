// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A yes/no question before an action that replaces work (re-analysing a case). Tests answer
// through the hook instead of a modal box: it gets the title and the text the box would show.

#include <QString>

#include <functional>

class QWidget;

namespace quarry::gui {

extern std::function<bool(const QString& title, const QString& text)> confirmationHook;
// True when the analyst answered Yes (plain text: the question may quote log content).
bool confirm(QWidget* parent, const QString& title, const QString& text);

}  // namespace quarry::gui
