// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One account over time: a request-rate line from the daily aggregate (hourly when zoomed in),
// and below it every request as a point in its topic's lane, colored by topic. Raw points are
// read through the (account_id, ts) index only for the visible range, and only once that range
// holds few enough requests to draw, so an account with a million requests stays smooth.

#include <QTimer>

#include <qcustomplot.h>

#include <memory>
#include <utility>
#include <vector>

#include "items/casequeries.h"
#include "plots/timemarkers.h"
#include "plots/visiblerequests.h"

namespace quarry::gui {

class RangeSelector;

class TimelinePlot final : public QCustomPlot {
    Q_OBJECT
public:
    static constexpr int64_t kRawPointLimit = VisibleRequests::kRawPointLimit;

    explicit TimelinePlot(QWidget* parent = nullptr);

    // The GUI thread's connection (not owned) and the case's topics; nullptr clears the plot.
    void setCase(sqlite3* db, const TopicTable& topics);
    void setAccount(int64_t accountId, const QString& name);
    int64_t account() const { return account_; }

    // Only this topic's points (-1: all topics).
    void setTopicFilter(int64_t topic);
    int64_t topicFilter() const { return topicFilter_; }
    // Zooms to one UTC day (floor(ts / kDayMs)).
    void showDay(int64_t day);
    void showAll();
    void setRangeMs(int64_t fromMs, int64_t toMs);

    std::pair<int64_t, int64_t> visibleRangeMs() const;
    // Requests drawn as points inside the visible range (after the topic filter).
    int64_t visiblePointCount() const;
    bool rawPointsShown() const { return requests_.shown(); }
    // Loads what the current range needs now instead of after the short debounce.
    void refreshNow();
    // Shift+drag selects a time range (Esc clears); this selects the visible one.
    void selectVisibleRange();
    RangeSelector* rangeSelector() const { return range_; }
    // The analyst's notes pinned to moments of this account (drawn as dashed lines).
    void setMarkers(const std::vector<TimeMarker>& markers);
    const std::vector<TimeMarker>& markers() const;
    // The moment under a point of the plot (UTC ms).
    int64_t msAt(const QPoint& pos) const;

    // The request drawn within a few pixels of a widget position, or -1.
    int64_t requestAt(const QPointF& pos) const;

signals:
    void rangeSelected(qint64 fromMs, qint64 toMs);
    // A right-click on a request's point (its context menu).
    void requestContextMenuRequested(qint64 requestId, QPoint globalPos);
    // Right-click › Pin a Note Here: the analyst wants a note at this moment.
    void noteRequested(qint64 atMs);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;  // back to the whole account
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void rebuildLanes();
    void reloadVisible();
    void updateRate();
    void updateTitle();
    int laneOf(int64_t topic) const;
    QString tooltipFor(int64_t requestId);

    sqlite3* db_ = nullptr;
    TopicTable topics_;
    int64_t account_ = -1;
    QString accountName_;
    int64_t topicFilter_ = -1;
    VisibleRequests requests_;
    RangeSelector* range_ = nullptr;
    std::unique_ptr<TimeMarkers> markers_;
    QCPAxisRect* rateRect_ = nullptr;
    QCPAxisRect* laneRect_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPGraph* rate_ = nullptr;
    PointLanes lanes_;
    QTimer reload_;
    int64_t tipId_ = -1;
    QString tipText_;
};

}  // namespace quarry::gui
