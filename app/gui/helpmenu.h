// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Help › Keyboard Shortcuts (read from the window's actions, so it never drifts from what the
// keys do) and Help › How a Score Is Built (docs/how-a-score-is-built.md, compiled in).

#include <QString>

#include <vector>

class QMainWindow;
class QMenu;

namespace quarry::gui {

struct ShortcutRow {
    QString keys;    // as the platform shows them ("Ctrl+T")
    QString action;  // with its menu path ("Edit › Tag Selection")
};
// Every action of the window that has a shortcut, each once, sorted by menu path.
std::vector<ShortcutRow> shortcutRows(QMainWindow* window);
// The help page's text (Markdown).
QString scoreHelpText();
// Adds the two entries to the Help menu.
void addHelpEntries(QMainWindow* window, QMenu* help);

}  // namespace quarry::gui
