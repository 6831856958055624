// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shift+drag on a time plot selects a time range, drawn as a shaded band in each of the plot's
// time axis rects; Esc clears it. Plain drags still pan: the selector only takes presses made
// with Shift held.

#include <QObject>

#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPItemRect;

namespace quarry::gui {

class RangeSelector final : public QObject {
    Q_OBJECT
public:
    explicit RangeSelector(QCustomPlot* plot);

    // The axis rects that share the time axis (the band is drawn in each); call again when
    // they change.
    void setRects(const std::vector<QCPAxisRect*>& rects);
    // Selects (and reports) a range as if dragged.
    void select(qint64 fromMs, qint64 toMs);
    void clear();
    bool hasSelection() const { return selected_; }
    qint64 fromMs() const { return from_; }
    qint64 toMs() const { return to_; }

signals:
    void rangeSelected(qint64 fromMs, qint64 toMs);
    void cleared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QCPAxisRect* rectAt(const QPoint& pos) const;
    qint64 msAt(double x) const;
    void drawBand();

    QCustomPlot* plot_;
    std::vector<QCPAxisRect*> rects_;
    std::vector<QCPItemRect*> bands_;
    QCPAxisRect* dragRect_ = nullptr;
    qint64 anchor_ = 0, from_ = 0, to_ = 0;
    bool dragging_ = false, selected_ = false;
};

}  // namespace quarry::gui
