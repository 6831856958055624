// SPDX-License-Identifier: GPL-3.0-or-later
#include "panelshown.h"

#include <QRegion>
#include <QWidget>

namespace quarry::gui {

bool onScreen(const QWidget* panel) {
    return panel->isVisible() && !panel->visibleRegion().isEmpty();
}

bool hiddenByLayout(const QWidget* panel) {
    return panel->window()->isVisible() && !onScreen(panel);
}

}  // namespace quarry::gui
