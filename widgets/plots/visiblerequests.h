// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the time plots (the account timeline, the compare rows) share: one account's daily
// overview and the raw requests of the visible range, read through the (account_id, ts) index
// only once the range holds few enough requests to draw; plus the time axis and the request
// tooltip they all show.

#include <QSharedPointer>
#include <QVector>

#include <vector>

#include "items/casequeries.h"

class QCPAxis;
class QCPAxisTickerDateTime;
class QCPGraph;
class QCustomPlot;
class QPointF;

namespace quarry::gui {

class VisibleRequests {
public:
    static constexpr int64_t kRawPointLimit = 20000;

    void reset(std::vector<DayCount> daily);
    const std::vector<DayCount>& daily() const { return daily_; }
    int64_t total() const;
    // Requests in the whole days the range touches (from the daily aggregate).
    int64_t estimate(int64_t lo, int64_t hi) const;

    enum class Change { None, Loaded, Cleared };
    // Makes points() cover [lo, hi] when it holds at most kRawPointLimit requests (with a half
    // width margin each side so short pans need no query), or clears them when it holds more.
    Change update(sqlite3* db, int64_t account, int64_t lo, int64_t hi);
    const std::vector<RequestPoint>& points() const { return points_; }  // by time
    bool shown() const { return shown_; }
    int64_t loadedFrom() const { return from_; }
    int64_t loadedTo() const { return to_; }

private:
    std::vector<DayCount> daily_;
    std::vector<RequestPoint> points_;
    int64_t from_ = 0, to_ = -1;
    bool complete_ = false, shown_ = false;
};

// Requests as points, one scatter graph per topic lane (plus "unclassified" last) at y = lane,
// with the request ids parallel to each graph's data for hover tooltips.
struct PointLanes {
    std::vector<QCPGraph*> graphs;
    std::vector<std::vector<int64_t>> ids;

    void create(QCustomPlot* plot, QCPAxis* x, QCPAxis* y, const TopicTable& topics, double size);
    void remove(QCustomPlot* plot);
    void fill(const std::vector<RequestPoint>& points, const TopicTable& topics);
    static int laneOf(const TopicTable& topics, int64_t topic);
    // Points of visible lanes with lo <= ts <= hi.
    int64_t countIn(int64_t lo, int64_t hi) const;
    // The request drawn nearest to pos, if closer than *bestPx (which it then lowers); else -1.
    int64_t nearest(QCPAxis* x, QCPAxis* y, const QPointF& pos, double* bestPx) const;
};

inline double toPlotKey(int64_t ms) {
    return static_cast<double>(ms) / 1000.0;
}
int64_t fromPlotKey(double key);
// The daily counts as a step line that drops to zero over idle days.
void dailyStepLine(const std::vector<DayCount>& daily, QVector<double>* keys,
                   QVector<double>* values);
QSharedPointer<QCPAxisTickerDateTime> utcTicker(const QString& format);
// Rich text (log text escaped): time, account when given, topic, tokens, model, IP, prompt preview.
QString requestToolTip(const RequestDetail& d, const TopicTable& topics,
                       const QString& account = QString());

}  // namespace quarry::gui
