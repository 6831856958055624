// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/fittedtextticker.h"

#include <QFontMetrics>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace quarry::gui {

FittedTextTicker::Fit FittedTextTicker::fitFor(const QCPAxis* axis) const {
    Fit fit;
    fit.font = axis->tickLabelFont();
    const QFontMetrics fm(fit.font);
    const bool vertical = axis->orientation() == Qt::Vertical;
    // A name may take a third of the plot across the axis (the margin it widens), between 6
    // and 28 average characters: "acct_212aotcxui" and most topics stay whole, a long e-mail
    // address is shortened.
    // The viewport, not the widget: an export draws at its own size.
    const QCustomPlot* plot = axis->parentPlot();
    const QRect view = plot ? plot->viewport() : QRect();
    const int across = vertical ? view.width() : view.height();
    const int avg = std::max(1, fm.averageCharWidth());
    fit.elideWidth = std::clamp(across / 3, 6 * avg, 28 * avg);
    if (mTicks.size() < 2) return fit;

    // Pixels between two neighbouring ticks (the keys are evenly spaced: rows or columns).
    const double pitch = std::abs(axis->coordToPixel(std::next(mTicks.begin()).key()) -
                                  axis->coordToPixel(mTicks.begin().key()));
    if (!(pitch > 0)) return fit;  // not laid out yet: the fit after the layout decides
    int widest = 0;
    for (const QString& label : mTicks)
        widest = std::max(widest, std::min(fm.horizontalAdvance(label), fit.elideWidth));
    const int gap = std::max(2, fm.height() / 5);
    // Two labels of the same size and angle are apart when their distance across the text is
    // a line, or along the text a label's width. The text runs at the rotation from the
    // horizontal; the axis at 0 or 90 degrees.
    const double rad = qDegreesToRadians(axis->tickLabelRotation() - (vertical ? 90.0 : 0.0));
    const double apart = pitch * std::abs(std::sin(rad));
    const double along = pitch * std::abs(std::cos(rad));
    const auto need = [](double have, int room) {
        return have > 1e-6 ? static_cast<int>(std::ceil(room / have))
                           : std::numeric_limits<int>::max();
    };
    fit.stride = std::max(1, std::min(need(apart, fm.height() + gap), need(along, widest + gap)));
    fit.stride = std::min(fit.stride, static_cast<int>(mTicks.size()));
    return fit;
}

bool FittedTextTicker::fitTo(const QCPAxis* axis) {
    const Fit fit = fitFor(axis);
    if (fit == fit_) return false;
    fit_ = fit;
    return true;
}

QString FittedTextTicker::fullLabel(double coord) const {
    auto best = mTicks.cend();
    for (auto it = mTicks.cbegin(); it != mTicks.cend(); ++it)
        if (std::abs(it.key() - coord) <= 0.5 &&
            (best == mTicks.cend() || std::abs(it.key() - coord) < std::abs(best.key() - coord)))
            best = it;
    return best == mTicks.cend() ? QString() : best.value();
}

QString FittedTextTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    const QString full = mTicks.value(tick);
    if (fit_.elideWidth <= 0) return full;
    return QFontMetrics(fit_.font).elidedText(full, Qt::ElideMiddle, fit_.elideWidth);
}

QVector<double> FittedTextTicker::createTickVector(double, const QCPRange& range) {
    // Every stride-th tick counted from the first, so a label keeps its place while the plot
    // is resized as long as the stride stays.
    QVector<double> out;
    int index = 0;
    for (auto it = mTicks.cbegin(); it != mTicks.cend(); ++it, ++index)
        if (index % fit_.stride == 0 && range.contains(it.key())) out.append(it.key());
    return out;
}

}  // namespace quarry::gui
