// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineplot.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "plottheme.h"

namespace quarry::gui {
namespace {

double toKey(int64_t ms) { return static_cast<double>(ms) / 1000.0; }
int64_t toMs(double key) { return static_cast<int64_t>(std::llround(key * 1000.0)); }

}  // namespace

TimelinePlot::TimelinePlot(QWidget* parent) : QCustomPlot(parent) {
    setMinimumHeight(220);
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

    QSharedPointer<QCPAxisTickerDateTime> dates(new QCPAxisTickerDateTime);
    dates->setDateTimeSpec(Qt::UTC);
    dates->setDateTimeFormat(QStringLiteral("MMM d\nHH:mm"));
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
    applyPlotTheme(this, palette());
}

void TimelinePlot::setCase(sqlite3* db, const TopicTable& topics) {
    db_ = db;
    topics_ = topics;
    account_ = -1;
    accountName_.clear();
    topicFilter_ = -1;
    daily_.clear();
    rebuildLanes();
    rate_->data()->clear();
    rawShown_ = false;
    updateTitle();
    replot(rpQueuedReplot);
}

void TimelinePlot::rebuildLanes() {
    for (QCPGraph* g : lanes_) removeGraph(g);
    lanes_.clear();
    laneIds_.clear();
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    const int n = static_cast<int>(topics_.topics.size());
    for (int row = 0; row <= n; ++row) {
        const QColor color = row < n ? topics_.topics[size_t(row)].color : QColor(Qt::gray);
        QCPGraph* g = addGraph(laneRect_->axis(QCPAxis::atBottom), laneRect_->axis(QCPAxis::atLeft));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 5));
        g->setAdaptiveSampling(false);
        lanes_.push_back(g);
        names->addTick(row, row < n ? topics_.topics[size_t(row)].key : tr("unclassified"));
    }
    laneIds_.resize(lanes_.size());
    QCPAxis* y = laneRect_->axis(QCPAxis::atLeft);
    y->setTicker(names);
    y->setRange(-0.6, n + 0.6);
    y->grid()->setVisible(true);
}

int TimelinePlot::laneOf(int64_t topic) const {
    const Topic* t = topics_.find(topic);
    return t ? t->row : static_cast<int>(lanes_.size()) - 1;
}

void TimelinePlot::setAccount(int64_t accountId, const QString& name) {
    account_ = accountId;
    accountName_ = name;
    daily_ = db_ && accountId >= 0 ? accountDaily(db_, accountId) : std::vector<DayCount>{};
    loadedFrom_ = 0;
    loadedTo_ = -1;
    loadedComplete_ = false;
    tipId_ = -1;
    showAll();
    refreshNow();
}

void TimelinePlot::showAll() {
    if (daily_.empty()) {
        setRangeMs(0, kDayMs);
        return;
    }
    setRangeMs(daily_.front().day * kDayMs, (daily_.back().day + 1) * kDayMs);
}

void TimelinePlot::showDay(int64_t day) { setRangeMs(day * kDayMs, (day + 1) * kDayMs); }

void TimelinePlot::setRangeMs(int64_t fromMs, int64_t toMs) {
    laneRect_->axis(QCPAxis::atBottom)->setRange(toKey(fromMs), toKey(toMs));
}

void TimelinePlot::setTopicFilter(int64_t topic) {
    topicFilter_ = topic;
    const int only = topic < 0 ? -1 : laneOf(topic);
    for (size_t i = 0; i < lanes_.size(); ++i) lanes_[i]->setVisible(only < 0 || static_cast<int>(i) == only);
    updateTitle();
    replot(rpQueuedReplot);
}

std::pair<int64_t, int64_t> TimelinePlot::visibleRangeMs() const {
    const QCPRange r = laneRect_->axis(QCPAxis::atBottom)->range();
    return {static_cast<int64_t>(std::ceil(r.lower * 1000.0)), static_cast<int64_t>(std::floor(r.upper * 1000.0))};
}

int64_t TimelinePlot::visiblePointCount() const {
    const auto [lo, hi] = visibleRangeMs();
    int64_t n = 0;
    for (QCPGraph* g : lanes_) {
        if (!g->visible()) continue;
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            const int64_t ms = toMs(it->key);
            if (ms >= lo && ms <= hi) ++n;
        }
    }
    return n;
}

void TimelinePlot::refreshNow() {
    reload_.stop();
    reloadVisible();
}

void TimelinePlot::reloadVisible() {
    if (!db_ || account_ < 0) {
        for (QCPGraph* g : lanes_) g->data()->clear();
        rawShown_ = false;
        updateRate();
        updateTitle();
        replot(rpQueuedReplot);
        return;
    }
    const auto [lo, hi] = visibleRangeMs();
    // How many requests the range holds, from the daily aggregate (whole days it touches).
    int64_t estimate = 0;
    for (const DayCount& d : daily_)
        if ((d.day + 1) * kDayMs > lo && d.day * kDayMs <= hi) estimate += d.n;
    const bool covered = loadedComplete_ && lo >= loadedFrom_ && hi <= loadedTo_;
    if (!covered) {
        if (estimate > kRawPointLimit) {
            for (QCPGraph* g : lanes_) g->data()->clear();
            loadedTs_.clear();
            loadedComplete_ = false;
            rawShown_ = false;
        } else {
            // Load the visible range plus half a width each side so short pans need no query.
            const int64_t margin = (hi - lo) / 2;
            bool truncated = false;
            std::vector<RequestPoint> points =
                accountRequests(db_, account_, lo - margin, hi + margin, 2 * kRawPointLimit, &truncated);
            int64_t from = lo - margin, to = hi + margin;
            if (truncated) {  // keep exactly the visible range then
                points = accountRequests(db_, account_, lo, hi, 2 * kRawPointLimit, &truncated);
                from = lo;
                to = hi;
            }
            std::vector<QVector<double>> keys(lanes_.size()), values(lanes_.size());
            for (auto& ids : laneIds_) ids.clear();
            loadedTs_.clear();
            loadedTs_.reserve(points.size());
            for (const RequestPoint& p : points) {
                const size_t lane = static_cast<size_t>(laneOf(p.topic));
                keys[lane].push_back(toKey(p.ts));
                values[lane].push_back(static_cast<double>(lane));
                laneIds_[lane].push_back(p.id);
                loadedTs_.push_back(p.ts);
            }
            for (size_t i = 0; i < lanes_.size(); ++i) lanes_[i]->setData(keys[i], values[i], true);
            loadedFrom_ = from;
            loadedTo_ = to;
            loadedComplete_ = !truncated;
            rawShown_ = true;
        }
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
        int64_t prev = INT64_MIN;
        for (const DayCount& d : daily_) {
            if (prev != INT64_MIN && d.day > prev + 1) {  // idle days drop to zero
                keys.push_back(toKey((prev + 1) * kDayMs));
                values.push_back(0);
            }
            keys.push_back(toKey(d.day * kDayMs));
            values.push_back(static_cast<double>(d.n));
            prev = d.day;
        }
        if (!daily_.empty()) {
            keys.push_back(toKey((daily_.back().day + 1) * kDayMs));
            values.push_back(static_cast<double>(daily_.back().n));
        }
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
        int64_t total = 0;
        for (const DayCount& d : daily_) total += d.n;
        text = tr("%1 — %2 requests").arg(accountName_).arg(total);
        if (topicFilter_ >= 0) {
            const Topic* t = topics_.find(topicFilter_);
            text += tr("  ·  topic: %1").arg(t ? t->name : QString::number(topicFilter_));
        }
        text += rawShown_ ? tr("  ·  %1 requests in view").arg(visiblePointCount())
                          : tr("  ·  zoom in to see individual requests");
    }
    title_->setText(text);
}

QString TimelinePlot::tooltipFor(int64_t requestId) {
    if (requestId == tipId_) return tipText_;
    const RequestDetail d = requestDetail(db_, requestId);
    tipId_ = requestId;
    if (!d.found) return tipText_ = QString();
    const Topic* t = topics_.find(d.topic);
    QString tokens = d.promptTokens < 0 ? tr("n/a") : QString::number(d.promptTokens);
    if (d.completionTokens >= 0) tokens += QStringLiteral(" → %1").arg(d.completionTokens);
    tipText_ = QStringLiteral("<b>%1</b><br>%2: %3%4<br>%5: %6<br>%7: %8 &nbsp; %9: %10<br><i>%11</i>")
                   .arg(formatUtc(d.ts), tr("Topic"), t ? t->name.toHtmlEscaped() : tr("unclassified"),
                        d.cot ? tr(" (asks for step-by-step reasoning)") : QString(), tr("Tokens"), tokens,
                        tr("Model"), d.model.toHtmlEscaped(), tr("IP"), d.ip.toHtmlEscaped(),
                        d.prompt.toHtmlEscaped());
    return tipText_;
}

void TimelinePlot::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    if (!rawShown_ || !db_ || !laneRect_->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    QCPAxis* x = laneRect_->axis(QCPAxis::atBottom);
    QCPAxis* y = laneRect_->axis(QCPAxis::atLeft);
    const QPointF pos = event->position();
    double best = 8.0;
    int64_t bestId = -1;
    for (size_t lane = 0; lane < lanes_.size(); ++lane) {
        QCPGraph* g = lanes_[lane];
        if (!g->visible() || g->data()->isEmpty()) continue;
        const double dy = std::abs(y->coordToPixel(static_cast<double>(lane)) - pos.y());
        if (dy > best) continue;
        const double key = x->pixelToCoord(pos.x());
        auto it = g->data()->findBegin(key, false);
        const auto begin = g->data()->constBegin();
        for (int k = -1; k <= 1; ++k) {
            auto c = it + k;
            if (c < begin || c >= g->data()->constEnd()) continue;
            const double dist = std::hypot(x->coordToPixel(c->key) - pos.x(), dy);
            if (dist < best) {
                best = dist;
                bestId = laneIds_[lane][static_cast<size_t>(c - begin)];
            }
        }
    }
    if (bestId < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), tooltipFor(bestId), this);
}

void TimelinePlot::mouseDoubleClickEvent(QMouseEvent* event) {
    QCustomPlot::mouseDoubleClickEvent(event);
    setTopicFilter(-1);
    showAll();
}

void TimelinePlot::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotTheme(this, palette());
        replot(rpQueuedReplot);
    }
}

}  // namespace quarry::gui
