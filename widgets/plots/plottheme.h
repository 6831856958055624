// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QPalette>

class QCustomPlot;

namespace quarry::gui {

// Colors a plot's background, axes, grids and legend from a widget palette, so plots follow
// the light and dark application palettes.
void applyPlotTheme(QCustomPlot* plot, const QPalette& palette);
// Themes the plot from its palette now and again whenever the palette changes; fits its date
// ticks and UI scale before every replot (plotfit.h).
void followPalette(QCustomPlot* plot);

// The application palettes: the style's own light one, and a dark one readable on a projector.
QPalette lightPalette();
QPalette darkPalette();
// The icon's shape drawn in one colour (its alpha kept): style icons are drawn for a light
// window, so toolbar icons are redrawn in the palette's ButtonText to stay visible on the dark.
QIcon tintedIcon(const QIcon& icon, const QColor& colour, QSize size = QSize(32, 32));

}  // namespace quarry::gui
