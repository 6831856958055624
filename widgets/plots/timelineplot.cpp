// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/timelineplot.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "dialogs/chartexportdialog.h"
#include "plots/plottheme.h"
#include "plots/rangeselector.h"
#include "core/displaytext.h"

namespace quarry::gui {
namespace {

double toKey(int64_t ms) { return toPlotKey(ms); }

}  // namespace

TimelinePlot::TimelinePlot(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(160, 120);  // usable size: app/gui/usablesizes.cpp
    plotLayout()->clear();
    title_ = new QCPTextElement(this, tr("Select an account"), QFont(font().family(), 10, QFont::Bold));
    rateRect_ = new QCPAxisRect(this);
    laneRect_ = new QCPAxisRect(this);
    plotLayout()->addElement(0, 0, title_);
    plotLayout()->addElement(1, 0, rateRect_);
    plotLayout()->addElement(2, 0, laneRect_);
    plotLayout()->setRowStretchFactor(0, 0.01);
    plotLayout()->setRowStretchFactor(1, 1);
    plotLayout()->setRowStretchFactor(2, 3);
    plotLayout()->setRowSpacing(0);
    auto* margins = new QCPMarginGroup(this);
    rateRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    laneRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    rateRect_->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
    rateRect_->setMargins(QMargins(0, 0, 0, 4));
    laneRect_->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    laneRect_->setMargins(QMargins(0, 0, 0, 0));

    QSharedPointer<QCPAxisTickerDateTime> dates = utcTicker(QStringLiteral("MMM d\nHH:mm"));
    for (QCPAxisRect* rect : {rateRect_, laneRect_}) {
        rect->axis(QCPAxis::atBottom)->setTicker(dates);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeDragAxes(rect->axis(QCPAxis::atBottom), nullptr);
        rect->setRangeZoomAxes(rect->axis(QCPAxis::atBottom), nullptr);
    }
    rateRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    rateRect_->axis(QCPAxis::atLeft)->setLabel(tr("requests / day"));
    laneRect_->axis(QCPAxis::atBottom)->setLabel(tr("time (UTC)"));
    laneRect_->axis(QCPAxis::atLeft)->setRangeReversed(true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    rate_ = addGraph(rateRect_->axis(QCPAxis::atBottom), rateRect_->axis(QCPAxis::atLeft));
    rate_->setLineStyle(QCPGraph::lsStepLeft);
    rate_->setPen(QPen(QColor(0x2b, 0x7b, 0xd6), 1.6));
    rate_->setBrush(QColor(0x2b, 0x7b, 0xd6, 50));

    QCPAxis* rateX = rateRect_->axis(QCPAxis::atBottom);
    QCPAxis* laneX = laneRect_->axis(QCPAxis::atBottom);
    connect(laneX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), rateX,
            qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(rateX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), laneX,
            qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(laneX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] { reload_.start(); });

    reload_.setSingleShot(true);
    reload_.setInterval(40);
    connect(&reload_, &QTimer::timeout, this, &TimelinePlot::reloadVisible);
    setMouseTracking(true);
    range_ = new RangeSelector(this);
    range_->setRects({rateRect_, laneRect_});
    connect(range_, &RangeSelector::rangeSelected, this, &TimelinePlot::rangeSelected);
    markers_ = std::make_unique<TimeMarkers>(this, std::vector<QCPAxisRect*>{rateRect_, laneRect_});
    followPalette(this);
}

void TimelinePlot::setMarkers(const std::vector<TimeMarker>& markers) { markers_->set(markers); }

const std::vector<TimeMarker>& TimelinePlot::markers() const { return markers_->markers(); }

int64_t TimelinePlot::msAt(const QPoint& pos) const {
    return fromPlotKey(laneRect_->axis(QCPAxis::atBottom)->pixelToCoord(pos.x()));
}

// On a request's point: that request's pivots (the pivot controller builds the menu). Elsewhere
// on an account's timeline: pin a note to the moment under the pointer, or export the chart.
void TimelinePlot::contextMenuEvent(QContextMenuEvent* event) {
    const int64_t id = requestAt(event->pos());
    if (id >= 0) {
        emit requestContextMenuRequested(id, event->globalPos());
        return;
    }
    if (account_ < 0) return QCustomPlot::contextMenuEvent(event);
    const int64_t at = msAt(event->pos());
    QMenu menu(this);
    menu.addAction(tr("Pin a Note Here (%1 UTC)…").arg(formatUtc(at)), this,
                   [this, at] { emit noteRequested(at); });
    menu.addAction(tr("Export Chart…"), this, [this] { exportChartInteractively(this, window()); });
    menu.exec(event->globalPos());
}

void TimelinePlot::selectVisibleRange() {
    const auto [lo, hi] = visibleRangeMs();
    range_->select(lo, hi);
}

void TimelinePlot::setCase(sqlite3* db, const TopicTable& topics) {
    db_ = db;
    topics_ = topics;
    account_ = -1;
    accountName_.clear();
    topicFilter_ = -1;
    requests_.reset({});
    range_->clear();
    rebuildLanes();
    rate_->data()->clear();
    markers_->set({});
    showAll();  // no account yet: nothing of the previous case's zoom stays
    updateTitle();
    replot(rpQueuedReplot);
}

void TimelinePlot::rebuildLanes() {
    lanes_.remove(this);
    lanes_.create(this, laneRect_->axis(QCPAxis::atBottom), laneRect_->axis(QCPAxis::atLeft), topics_, 5);
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    const int n = static_cast<int>(topics_.topics.size());
    const QStringList labels = topicRowLabels(topics_);  // as the heatmaps name them
    for (int row = 0; row <= n; ++row)
        names->addTick(row, row < n ? labels[row] : topicLabel(topics_, -1));
    QCPAxis* y = laneRect_->axis(QCPAxis::atLeft);
    y->setTicker(names);
    y->setRange(-0.6, n + 0.6);
    y->grid()->setVisible(true);
}

int TimelinePlot::laneOf(int64_t topic) const {
    return PointLanes::laneOf(topics_, topic);
}

void TimelinePlot::setAccount(int64_t accountId, const QString& name) {
    account_ = accountId;
    accountName_ = displayText(name);  // drawn in titles: hidden characters shown
    requests_.reset(db_ && accountId >= 0 ? accountDaily(db_, accountId) : std::vector<DayCount>{});
    range_->clear();
    markers_->set({});  // the account's own markers come from whoever keeps them
    tipId_ = -1;
    showAll();
    refreshNow();
}

void TimelinePlot::showAll() {
    const std::vector<DayCount>& daily = requests_.daily();
    if (daily.empty()) {
        setRangeMs(0, kDayMs);
        return;
    }
    setRangeMs(daily.front().day * kDayMs, (daily.back().day + 1) * kDayMs);
}

void TimelinePlot::showDay(int64_t day) { setRangeMs(day * kDayMs, (day + 1) * kDayMs); }

void TimelinePlot::setRangeMs(int64_t fromMs, int64_t toMs) {
    laneRect_->axis(QCPAxis::atBottom)->setRange(toKey(fromMs), toKey(toMs));
}

void TimelinePlot::setTopicFilter(int64_t topic) {
    topicFilter_ = topic;
    const int only = topic < 0 ? -1 : laneOf(topic);
    for (size_t i = 0; i < lanes_.graphs.size(); ++i)
        lanes_.graphs[i]->setVisible(only < 0 || static_cast<int>(i) == only);
    updateTitle();
    replot(rpQueuedReplot);
}

std::pair<int64_t, int64_t> TimelinePlot::visibleRangeMs() const {
    const QCPRange r = laneRect_->axis(QCPAxis::atBottom)->range();
    return {static_cast<int64_t>(std::ceil(r.lower * 1000.0)), static_cast<int64_t>(std::floor(r.upper * 1000.0))};
}

int64_t TimelinePlot::visiblePointCount() const {
    const auto [lo, hi] = visibleRangeMs();
    return lanes_.countIn(lo, hi);
}

void TimelinePlot::refreshNow() {
    reload_.stop();
    reloadVisible();
}

void TimelinePlot::reloadVisible() {
    const auto [lo, hi] = visibleRangeMs();
    if (requests_.update(account_ >= 0 ? db_ : nullptr, account_, lo, hi) != VisibleRequests::Change::None) {
        lanes_.fill(requests_.points(), topics_);
    }
    updateRate();
    updateTitle();
    replot(rpQueuedReplot);
}

void TimelinePlot::updateRate() {
    QVector<double> keys, values;
    const auto [lo, hi] = visibleRangeMs();
    QCPAxis* y = rateRect_->axis(QCPAxis::atLeft);
    if (db_ && account_ >= 0 && hi >= lo && hi - lo <= 3 * kDayMs) {
        // Zoomed in: requests per hour from account_hourly (at most 72 rows through its key), so
        // the line is there even when the range holds too many requests to draw as points.
        const std::vector<HourCount> hourly = accountHourly(db_, account_, lo, hi);
        const int64_t first = lo / kHourMs, last = hi / kHourMs;
        std::vector<double> counts(static_cast<size_t>(last - first + 1), 0.0);
        for (const HourCount& h : hourly)
            if (h.hour >= first && h.hour <= last) counts[size_t(h.hour - first)] = static_cast<double>(h.n);
        for (size_t i = 0; i < counts.size(); ++i) {
            keys.push_back(toKey((first + int64_t(i)) * kHourMs));
            values.push_back(counts[i]);
        }
        keys.push_back(toKey((last + 1) * kHourMs));
        values.push_back(counts.back());
        y->setLabel(tr("requests / hour"));
    } else {
        dailyStepLine(requests_.daily(), &keys, &values);
        y->setLabel(tr("requests / day"));
    }
    rate_->setData(keys, values, true);
    double top = 1;
    for (double v : values) top = std::max(top, v);
    y->setRange(0, top * 1.15);
}

void TimelinePlot::updateTitle() {
    QString text;
    if (account_ < 0) {
        text = tr("Select an account");
    } else {
        text = tr("%1 — %Ln request(s)", nullptr, static_cast<int>(requests_.total())).arg(accountName_);
        if (topicFilter_ >= 0) {
            const Topic* t = topics_.find(topicFilter_);
            text += tr("  ·  topic: %1").arg(t ? t->name : QString::number(topicFilter_));
        }
        text += requests_.shown() ? tr("  ·  %Ln request(s) in view", nullptr, static_cast<int>(visiblePointCount()))
                          : tr("  ·  zoom in to see individual requests");
    }
    title_->setText(text);
}

QString TimelinePlot::tooltipFor(int64_t requestId) {
    if (requestId == tipId_) return tipText_;
    tipId_ = requestId;
    tipText_ = requestToolTip(requestDetail(db_, requestId), topics_);
    return tipText_;
}

void TimelinePlot::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const int64_t bestId = requestAt(event->position());
    if (bestId < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), tooltipFor(bestId), this);
}

int64_t TimelinePlot::requestAt(const QPointF& pos) const {
    if (!requests_.shown() || !db_ || !laneRect_->rect().contains(pos.toPoint())) return -1;
    double best = 8.0;
    return lanes_.nearest(laneRect_->axis(QCPAxis::atBottom), laneRect_->axis(QCPAxis::atLeft), pos,
                          &best);
}


void TimelinePlot::mouseDoubleClickEvent(QMouseEvent* event) {
    QCustomPlot::mouseDoubleClickEvent(event);
    setTopicFilter(-1);
    showAll();
}

}  // namespace quarry::gui
