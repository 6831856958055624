// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every plot does before it draws (hooked in by followPalette, which every plot calls):
// date axes get as many ticks as their labels have room for, so a narrow plot shows fewer dates
// instead of overlapping ones; named ticks (FittedTextTicker: a grid's members, topics, days) are
// thinned and elided to the axis length the same way; fonts, line widths and dot sizes follow
// the UI scale that presentation mode sets for projectors.

class QCustomPlot;

namespace quarry::gui {

// 1.0 is 100 %. Plots pick it up at their next replot.
void setPlotScale(double scale);
double plotScale();

// Connects the plot's beforeReplot to fitPlot(), and its afterLayout to a refit of the named
// ticks to the lengths the layout gave the axes (one more replot when they fit differently).
void fitBeforeReplot(QCustomPlot* plot);
// Date tick count and named ticks for the axis lengths now; fonts and pens at plotScale().
void fitPlot(QCustomPlot* plot);

}  // namespace quarry::gui
