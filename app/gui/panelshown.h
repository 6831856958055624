// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whether the analyst can see a panel, for the panels that read only when seen (story,
// templates). Qt keeps a dock that sits behind another dock's tab "visible" (isVisible() is
// true) and only moves it out of the window, so visibility alone reads those as shown.

class QWidget;

namespace quarry::gui {

// Shown and inside the window: not hidden, not a dock tab behind another.
bool onScreen(const QWidget* panel);
// The window is on screen and this panel is not on it (a dock tab behind another, a closed
// dock). A window that is not shown hides nothing: its panels load as they always did.
bool hiddenByLayout(const QWidget* panel);

}  // namespace quarry::gui
