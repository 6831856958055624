// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The default arrangement of the window's docks for the window's current size, used at first
// start and by View › Reset Layout. Docks are found by objectName; a dock this file does not
// know (a panel added later) goes tabbed with the right-hand group, so it is never lost.
//
// Wide (height >= kTallHeight): overview above clusters on the left; accounts (audit tabbed
// behind) beside requests at the bottom; tags, notes/history and the rest on the right.
// Short (a 1366x768 laptop): not enough height for a bottom row of tables and two plots, so the
// left column tabs accounts, clusters, overview and audit (accounts in front, full height) and
// only the request table stays at the bottom. Narrow windows tab the whole right-hand group.

#include <QSize>

class QMainWindow;

namespace quarry::gui {

enum class LayoutShape { Short, Tall };

constexpr int kTallHeight = 900;
LayoutShape layoutShape(const QSize& windowSize);

// Re-docks every dock (shown, not floating) in the default places and sizes for the window's
// size now. Sizes that need the laid-out widgets are fixed once more by fitDockSizes().
void applyDefaultLayout(QMainWindow* window);
// Grows docks whose tables show fewer rows than usablesizes.h asks, once the window is laid out.
void fitDockSizes(QMainWindow* window);

}  // namespace quarry::gui
