// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Several accounts on one synchronised time axis, one row each: zooming or panning any row
// moves them all, so coordinated accounts line up. Each row shows its daily rate and, once the
// visible range is small enough, every request as a point colored by topic (VisibleRequests,
// as in TimelinePlot). Shift+drag selects a time range.

#include <QTimer>

#include <qcustomplot.h>

#include <utility>
#include <vector>

#include "plots/visiblerequests.h"

namespace quarry::gui {

class RangeSelector;

class CompareTimeline final : public QCustomPlot {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 12;

    explicit CompareTimeline(QWidget* parent = nullptr);

    // The GUI thread's connection (not owned) and the case's topics; nullptr clears the plot.
    void setCase(sqlite3* db, const TopicTable& topics);
    // One row per account, kMaxRows a page (the first page shown); `what` names the set.
    void setAccounts(const std::vector<int64_t>& accounts, const QString& what = QString());
    // Pages of kMaxRows accounts: "13–24 of 121" (empty when one page holds them all).
    void setPage(int page);
    int page() const { return page_; }
    int pageCount() const;
    QString pageText() const;
    std::vector<int64_t> accounts() const;
    int rowCount() const { return static_cast<int>(rows_.size()); }
    int requestedCount() const { return requested_; }
    QString title() const;
    QCPAxisRect* rowRect(int row) const { return rows_[static_cast<size_t>(row)].rect; }

    void showAll();
    void setRangeMs(int64_t fromMs, int64_t toMs);
    std::pair<int64_t, int64_t> visibleRangeMs(int row = 0) const;
    int64_t visiblePointCount(int row) const;
    bool rawPointsShown(int row) const { return rows_[static_cast<size_t>(row)].requests.shown(); }
    void refreshNow();
    void selectVisibleRange();
    RangeSelector* rangeSelector() const { return range_; }

signals:
    void rangeSelected(qint64 fromMs, qint64 toMs);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;  // back to everything

private:
    struct Row {
        int64_t account = -1;
        QString name;
        QCPAxisRect* rect = nullptr;
        QCPGraph* rate = nullptr;
        PointLanes lanes;
        VisibleRequests requests;
    };
    void rebuild();
    void addRow(Row& row, bool last);
    void syncFrom(QCPAxis* source);
    void reloadVisible();
    void updateTitle();

    sqlite3* db_ = nullptr;
    TopicTable topics_;
    std::vector<Row> rows_;
    int requested_ = 0;
    int page_ = 0;
    std::vector<int64_t> all_;  // every account asked for; rows_ hold the page shown
    QString what_;
    QCPTextElement* title_ = nullptr;
    RangeSelector* range_ = nullptr;
    QTimer reload_;
    bool syncing_ = false;
    int64_t tipId_ = -1;
    QString tipText_;
};

}  // namespace quarry::gui
