// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/plotfit.h"

#include <QApplication>
#include <QDateTime>
#include <QFontMetrics>

#include <qcustomplot.h>

#include <algorithm>

#include "plots/fittedtextticker.h"
#include "plots/plottheme.h"

namespace quarry::gui {
namespace {

double gScale = 1.0;
// The scale an element was last drawn at, kept on the element: elements a plot makes later
// start at 100 % and are brought to the current scale the first time they are seen.
const char* const kAppliedScale = "quarryAppliedScale";

double takeFactor(QObject* o) {
    const QVariant applied = o->property(kAppliedScale);
    const double from = applied.isValid() ? applied.toDouble() : 1.0;
    o->setProperty(kAppliedScale, gScale);
    return gScale / from;
}

QFont scaledFont(QFont f, double factor) {
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * factor);
    else if (f.pixelSize() > 0)
        f.setPixelSize(std::max(1, qRound(f.pixelSize() * factor)));
    return f;
}

QPen scaledPen(QPen p, double factor) {
    if (p.style() != Qt::NoPen) p.setWidthF(std::max(1.0, p.widthF()) * factor);
    return p;
}

void scaleAxis(QCPAxis* axis) {
    const double f = takeFactor(axis);
    if (f == 1.0) return;
    axis->setTickLabelFont(scaledFont(axis->tickLabelFont(), f));
    axis->setLabelFont(scaledFont(axis->labelFont(), f));
    axis->setTickLength(qRound(axis->tickLengthIn() * f), qRound(axis->tickLengthOut() * f));
}

// Fewer date ticks on a short axis: each label (the widest line of it) gets room and a gap.
void fitDateTicks(QCPAxis* axis) {
    auto* dates = dynamic_cast<QCPAxisTickerDateTime*>(axis->ticker().data());
    if (!dates || axis->orientation() != Qt::Horizontal) return;
    const QFontMetrics fm(axis->tickLabelFont());
    const QString sample =
        QDateTime(QDate(2026, 12, 30), QTime(23, 59), Qt::UTC).toString(dates->dateTimeFormat());
    int label = 0;
    for (const QString& line : sample.split(QLatin1Char('\n')))
        label = std::max(label, fm.horizontalAdvance(line));
    const int length = axis->axisRect() ? axis->axisRect()->width() : 0;
    if (length <= 0 || label <= 0) return;
    dates->setTickCount(std::clamp(length / (label * 2), 2, 8));
}

// Named ticks (a grid's rows and columns) thinned and shortened to the axis length; true when
// the drawing changed.
bool fitTextTicks(QCPAxis* axis) {
    auto* names = dynamic_cast<FittedTextTicker*>(axis->ticker().data());
    return names && names->fitTo(axis);
}

// A title wider than its plot breaks at its dash instead of being cut at both ends.
void wrapTitle(QCPTextElement* title, int width) {
    const QString dash = QStringLiteral(" — ");
    const QString text = title->text();
    if (!text.contains(dash) || QFontMetrics(title->font()).horizontalAdvance(text) <= width - 8)
        return;
    title->setText(QString(text).replace(dash, QStringLiteral("\n")));
}

QList<QCPAxis*> allAxes(QCustomPlot* plot) {
    QList<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects()) axes << rect->axes();
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i)))
            axes << scale->axis();
    return axes;
}

// The corrective replots in a row after a layout moved an axis: labels that fit changed the
// margins, which change what fits, so this settles in one or two; the cap stops a see-saw.
const char* const kLabelRefits = "quarryLabelRefits";
constexpr int kMaxLabelRefits = 3;

// The axes are laid out after beforeReplot, so a resize (or an export at another size) is only
// seen here: when the names fit the new lengths differently, the ticks are made again for this
// drawing and the plot is drawn once more for the margins the new labels take.
void refitAfterLayout(QCustomPlot* plot) {
    bool changed = false;
    for (QCPAxisRect* rect : plot->axisRects()) {
        bool refit = false;
        for (QCPAxis* axis : rect->axes()) refit = fitTextTicks(axis) || refit;
        if (refit) rect->update(QCPLayoutElement::upPreparation);
        changed = changed || refit;
    }
    const int refits = plot->property(kLabelRefits).toInt();
    if (!changed) {
        plot->setProperty(kLabelRefits, 0);
    } else if (refits < kMaxLabelRefits) {
        plot->setProperty(kLabelRefits, refits + 1);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

}  // namespace

void setPlotScale(double scale) {
    gScale = std::clamp(scale, 0.5, 4.0);
}

double plotScale() {
    return gScale;
}

void fitBeforeReplot(QCustomPlot* plot) {
    // The plot keeps the 100 % font for what it makes later (axes take the plot's font); the
    // scale is applied once, by fitPlot(), not again through the application font.
    const QFont appFont = QApplication::font();
    const QFont base = scaledFont(appFont, 1.0 / gScale);
    for (QCPAxis* axis : allAxes(plot)) {
        if (axis->tickLabelFont() == appFont) axis->setTickLabelFont(base);
        if (axis->labelFont() == appFont) axis->setLabelFont(base);
    }
    plot->setFont(base);
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { fitPlot(plot); });
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { refitAfterLayout(plot); });
}

void fitPlot(QCustomPlot* plot) {
    const bool rescaled = takeFactor(plot) != 1.0;
    for (QCPAxis* axis : allAxes(plot)) scaleAxis(axis);
    if (rescaled) applyPlotTheme(plot, plot->palette());  // axis pens at the new width
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* text = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) {
            const double f = takeFactor(text);
            if (f != 1.0) text->setFont(scaledFont(text->font(), f));
            wrapTitle(text,
                      text->outerRect().width() > 0 ? text->outerRect().width() : plot->width());
        }
    if (QCPLegend* legend = plot->legend) {
        const double f = takeFactor(legend);
        if (f != 1.0) legend->setFont(scaledFont(legend->font(), f));
    }
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        const double f = takeFactor(p);
        if (f == 1.0) continue;
        p->setPen(scaledPen(p->pen(), f));
        if (auto* graph = qobject_cast<QCPGraph*>(p)) {
            QCPScatterStyle dots = graph->scatterStyle();
            dots.setSize(dots.size() * f);
            dots.setPen(scaledPen(dots.pen(), f));
            graph->setScatterStyle(dots);
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        QCPAbstractItem* item = plot->item(i);
        const double f = takeFactor(item);
        if (f == 1.0) continue;
        if (auto* rect = qobject_cast<QCPItemRect*>(item)) rect->setPen(scaledPen(rect->pen(), f));
        if (auto* line = qobject_cast<QCPItemLine*>(item)) line->setPen(scaledPen(line->pen(), f));
        if (auto* text = qobject_cast<QCPItemText*>(item))
            text->setFont(scaledFont(text->font(), f));
    }
    for (QCPAxis* axis : allAxes(plot)) {
        fitDateTicks(axis);
        fitTextTicks(axis);
    }
}

}  // namespace quarry::gui
