// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Named ticks (a grid's rows or columns) that never draw on top of each other: every k-th label
// is drawn, k chosen from the pixels between two ticks and the font's line height, and a long
// name is elided in the middle. ticks() keeps every full name (what the other plots compare
// against and what a tooltip shows), only the drawn labels are thinned and shortened.
// plotfit fits the ticker to its axis before every replot and again once the axes are laid out.

#include <qcustomplot.h>

namespace quarry::gui {

class FittedTextTicker final : public QCPAxisTickerText {
public:
    // Takes the fit `axis` calls for now (its length, tick label font and rotation); true when
    // it differs from the one drawn before.
    bool fitTo(const QCPAxis* axis);

    // The full name of the tick nearest `coord` (empty when there is none).
    QString fullLabel(double coord) const;

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    // The drawing a length, a font and a rotation call for.
    struct Fit {
        int stride = 1;      // every stride-th label is drawn
        int elideWidth = 0;  // pixels a drawn label may take (0: no limit)
        QFont font;
        bool operator==(const Fit& o) const {
            return stride == o.stride && elideWidth == o.elideWidth && font == o.font;
        }
    };

    Fit fitFor(const QCPAxis* axis) const;

    Fit fit_;
};

}  // namespace quarry::gui
