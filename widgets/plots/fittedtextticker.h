// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Named ticks (a grid's rows or columns) that never draw on top of each other: every k-th label
// is drawn, k chosen from the pixels between two ticks and the font's line height, and a long
// name is elided in the middle. ticks() keeps every full name (what the other plots compare
// against and what a tooltip shows), only the drawn labels are thinned and shortened.
// plotfit's fitPlot() fits the ticker to its axis before every replot.

#include <qcustomplot.h>

namespace quarry::gui {

class FittedTextTicker final : public QCPAxisTickerText {
public:
    // The drawing a length, a font and a rotation call for.
    struct Fit {
        int stride = 1;      // every stride-th label is drawn
        int elideWidth = 0;  // pixels a drawn label may take (0: no limit)
        QFont font;
        bool operator==(const Fit& o) const {
            return stride == o.stride && elideWidth == o.elideWidth && font == o.font;
        }
    };

    // What `axis` calls for at its current length, tick label font and rotation.
    Fit fitFor(const QCPAxis* axis) const;
    // Takes the fit of `axis` now; true when it differs from the one drawn before.
    bool fitTo(const QCPAxis* axis);
    const Fit& fit() const { return fit_; }

    // The full name of the tick nearest `coord` (empty when there is none).
    QString fullLabel(double coord) const;

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    Fit fit_;
};

}  // namespace quarry::gui
