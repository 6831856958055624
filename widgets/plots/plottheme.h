// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

}  // namespace quarry::gui
