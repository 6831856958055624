// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportmembers.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include "reportcharts.h"

namespace quarry::report {
namespace {

constexpr qreal kChartWidth = 500, kTimelineHeight = 220, kHeatmapHeight = 240;
constexpr qreal kPngScale = 2;  // 1000 px wide PNGs

using Painter = void (*)(QPainter&, const QRectF&, const ChartGroup&);

QByteArray chartPdf(Painter paint, const ChartGroup& g, qreal height) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter w(&buffer);
        w.setResolution(72);  // one logical unit = one point
        w.setPageSize(QPageSize(QSizeF(kChartWidth + 20, height + 20), QPageSize::Point));
        w.setPageMargins(QMarginsF(0, 0, 0, 0));
        w.setCreator(QStringLiteral("Quarry"));
        QPainter p(&w);
        paint(p, QRectF(10, 10, kChartWidth, height), g);
    }
    return bytes;
}

QByteArray chartPng(Painter paint, const ChartGroup& g, qreal height) {
    QImage img(QSize(qRound((kChartWidth + 20) * kPngScale), qRound((height + 20) * kPngScale)),
               QImage::Format_RGB32);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.scale(kPngScale, kPngScale);
        paint(p, QRectF(10, 10, kChartWidth, height), g);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

}  // namespace

bool renderReportMembers(const evidence::BundleContext& ctx,
                         std::vector<evidence::ExtraMember>& out, QString* error) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        if (error) *error = QStringLiteral("rendering report.pdf needs a QGuiApplication");
        return false;
    }
    const QByteArray pdf = reportPdf(ctx);
    if (pdf.isEmpty()) {
        if (error) *error = QStringLiteral("QPdfWriter produced no report.pdf");
        return false;
    }
    out.push_back({QStringLiteral("report.pdf"), pdf});
    const auto groups = chartGroups(ctx);
    int n = 0;
    for (const auto& g : groups) {
        ++n;
        const struct {
            const char* kind;
            Painter paint;
            qreal height;
        } kinds[] = {{"timeline", paintTimeline, kTimelineHeight},
                     {"heatmap", paintHeatmap, kHeatmapHeight}};
        for (const auto& k : kinds) {
            const QString base = QStringLiteral("charts/%1-%2").arg(n).arg(QLatin1String(k.kind));
            out.push_back({base + QStringLiteral(".png"), chartPng(k.paint, g, k.height)});
            out.push_back({base + QStringLiteral(".pdf"), chartPdf(k.paint, g, k.height)});
            if (out.back().data.isEmpty() || out[out.size() - 2].data.isEmpty()) {
                if (error) *error = QStringLiteral("cannot render %1").arg(base);
                return false;
            }
        }
    }
    return true;
}

void addReportMembers(evidence::BundleOptions& options) {
    options.extraMembers = renderReportMembers;
}

}  // namespace quarry::report
