// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Export chart…" for every chart in the window, written once: a QCustomPlot (timeline,
// heatmaps, punchcard, hourly rate, compare, topic matrix) or a QGraphicsView (cluster graph)
// drawn at a chosen width x height into PNG, SVG or PDF (the format from the file's suffix).

#include <QSize>
#include <QString>
#include <QStringList>

class QWidget;

namespace quarry::gui {

// png, svg, pdf.
QStringList chartExportFormats();
// True if `widget` is something exportChart() can draw.
bool isChart(const QWidget* widget);
// Draws the chart at `size` (pixels for PNG, points for PDF and SVG) into `path`; false with a
// reason in *error (unknown suffix, size out of range, file not writable).
bool exportChart(QWidget* chart, const QString& path, const QSize& size, QString* error);

}  // namespace quarry::gui
