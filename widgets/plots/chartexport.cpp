// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/chartexport.h"

#include <QFileInfo>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <functional>

namespace quarry::gui {
namespace {

constexpr int kMaxSide = 10000;

// Paints the chart into an active painter over a device of exactly `size`.
void paintChart(QWidget* chart, QCPPainter& painter, const QSize& size) {
    if (auto* plot = qobject_cast<QCustomPlot*>(chart)) {
        plot->toPainter(&painter, size.width(), size.height());
        // toPainter() drew at the export size; the widget redraws at its own.
        plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (auto* view = qobject_cast<QGraphicsView*>(chart); view && view->scene()) {
        painter.fillRect(QRect(QPoint(0, 0), size), view->backgroundBrush().style() == Qt::NoBrush
                                                        ? chart->palette().base()
                                                        : view->backgroundBrush());
        QRectF source = view->scene()->itemsBoundingRect();
        source.adjust(-10, -10, 10, 10);
        view->scene()->render(&painter, QRectF(QPoint(0, 0), size), source, Qt::KeepAspectRatio);
        return;
    }
    chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
}

bool paintTo(QPaintDevice* device, QWidget* chart, const QSize& size, bool vector) {
    QCPPainter painter;
    if (!painter.begin(device)) return false;
    if (vector) painter.setMode(QCPPainter::pmVectorized);
    painter.setRenderHint(QPainter::Antialiasing);
    paintChart(chart, painter, size);
    return painter.end();
}

}  // namespace

QStringList chartExportFormats() {
    return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")};
}

bool isChart(const QWidget* widget) {
    return qobject_cast<const QCustomPlot*>(widget) || qobject_cast<const QGraphicsView*>(widget);
}

bool exportChart(QWidget* chart, const QString& path, const QSize& size, QString* error) {
    const QString format = QFileInfo(path).suffix().toLower();
    if (!chart || !isChart(chart)) {
        *error = QObject::tr("Nothing to export: no chart");
        return false;
    }
    if (!chartExportFormats().contains(format)) {
        *error = QObject::tr("Charts are exported as PNG, SVG or PDF, not \"%1\"").arg(format);
        return false;
    }
    if (size.width() < 16 || size.height() < 16 || size.width() > kMaxSide ||
        size.height() > kMaxSide) {
        *error = QObject::tr("A chart is 16 to %1 units on each side").arg(kMaxSide);
        return false;
    }
    bool ok = false;
    if (format == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(chart->palette().base().color());
        ok = paintTo(&image, chart, size, false) && image.save(path, "PNG");
    } else if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart->objectName());
        ok = paintTo(&svg, chart, size, true) && QFileInfo(path).size() > 0;
    } else {
        // One PDF point per unit, no margins: the page is exactly the chart.
        QPdfWriter pdf(path);
        pdf.setResolution(72);
        pdf.setPageLayout(
            QPageLayout(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch),
                        QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
        pdf.setCreator(QStringLiteral("Quarry"));
        pdf.setTitle(chart->objectName());
        ok = paintTo(&pdf, chart, size, true);
    }
    if (!ok) *error = QObject::tr("Cannot write %1").arg(path);
    return ok;
}

}  // namespace quarry::gui
