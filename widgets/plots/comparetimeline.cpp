// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/comparetimeline.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "plots/plottheme.h"
#include "plots/rangeselector.h"
#include "items/viewqueries.h"
#include "core/displaytext.h"

namespace quarry::gui {

CompareTimeline::CompareTimeline(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(160, 120);  // usable size: app/gui/usablesizes.cpp
    range_ = new RangeSelector(this);
    connect(range_, &RangeSelector::rangeSelected, this, &CompareTimeline::rangeSelected);
    reload_.setSingleShot(true);
    reload_.setInterval(40);
    connect(&reload_, &QTimer::timeout, this, &CompareTimeline::reloadVisible);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setMouseTracking(true);
    rebuild();
    followPalette(this);
}

void CompareTimeline::setCase(sqlite3* db, const TopicTable& topics) {
    db_ = db;
    topics_ = topics;
    requested_ = 0;
    page_ = 0;
    all_.clear();
    what_.clear();
    rows_.clear();
    rebuild();
}

void CompareTimeline::setAccounts(const std::vector<int64_t>& accounts, const QString& what) {
    all_ = accounts;
    requested_ = static_cast<int>(accounts.size());
    what_ = what;
    setPage(0);
}

int CompareTimeline::pageCount() const {
    return std::max(1, (requested_ + kMaxRows - 1) / kMaxRows);
}

QString CompareTimeline::pageText() const {
    if (requested_ <= kMaxRows) return {};
    const int first = page_ * kMaxRows + 1, last = std::min(requested_, first + kMaxRows - 1);
    return tr("%1–%2 of %3").arg(first).arg(last).arg(requested_);
}

void CompareTimeline::setPage(int page) {
    page_ = std::clamp(page, 0, pageCount() - 1);
    rows_.clear();
    tipId_ = -1;
    if (db_) {
        const size_t from = static_cast<size_t>(page_) * kMaxRows;
        for (size_t i = from; i < all_.size() && i < from + static_cast<size_t>(kMaxRows); ++i) {
            Row row;
            row.account = all_[i];
            row.name = accountName(db_, all_[i]);
            row.requests.reset(accountDaily(db_, all_[i]));
            rows_.push_back(std::move(row));
        }
    }
    rebuild();
    showAll();
    refreshNow();
}

std::vector<int64_t> CompareTimeline::accounts() const {
    std::vector<int64_t> out;
    for (const Row& r : rows_) out.push_back(r.account);
    return out;
}

void CompareTimeline::rebuild() {
    range_->setRects({});
    clearGraphs();
    plotLayout()->clear();  // deletes the old rects and the title
    title_ = new QCPTextElement(this, QString(), QFont(font().family(), 10, QFont::Bold));
    plotLayout()->addElement(0, 0, title_);
    plotLayout()->setRowSpacing(0);
    auto* margins = new QCPMarginGroup(this);
    std::vector<QCPAxisRect*> rects;
    for (size_t i = 0; i < rows_.size(); ++i) {
        Row& row = rows_[i];
        row.rect = new QCPAxisRect(this);
        plotLayout()->addElement(static_cast<int>(i) + 1, 0, row.rect);
        row.rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        addRow(row, i + 1 == rows_.size());
        rects.push_back(row.rect);
    }
    plotLayout()->setRowStretchFactor(0, 0.01);
    range_->setRects(rects);
    updateTitle();
    applyPlotTheme(this, palette());
    replot(rpQueuedReplot);
}

void CompareTimeline::addRow(Row& row, bool last) {
    QCPAxisRect* rect = row.rect;
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* y2 = rect->axis(QCPAxis::atRight);
    rect->setAutoMargins(QCP::msLeft | QCP::msRight | (last ? QCP::msBottom : QCP::msNone));
    rect->setMargins(QMargins(0, 2, 0, last ? 0 : 2));
    x->setTicker(utcTicker(QStringLiteral("MMM d\nHH:mm")));
    x->setTickLabels(last);
    if (last) x->setLabel(tr("time (UTC)"));
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->setRangeDragAxes(x, nullptr);
    rect->setRangeZoomAxes(x, nullptr);

    const int n = static_cast<int>(topics_.topics.size());
    QSharedPointer<QCPAxisTickerText> name(new QCPAxisTickerText);
    name->addTick(n / 2.0, displayText(row.name).left(24));
    y->setTicker(name);
    y->setRangeReversed(true);
    y->setRange(-0.8, n + 0.8);
    y->grid()->setVisible(false);
    y2->setVisible(true);
    y2->setTickLabels(false);
    y2->setTicks(false);
    y2->grid()->setVisible(false);

    row.rate = addGraph(x, y2);
    row.rate->setLineStyle(QCPGraph::lsStepLeft);
    row.rate->setPen(QPen(QColor(0x2b, 0x7b, 0xd6, 160), 1.2));
    row.rate->setBrush(QColor(0x2b, 0x7b, 0xd6, 35));
    QVector<double> keys, values;
    dailyStepLine(row.requests.daily(), &keys, &values);
    row.rate->setData(keys, values, true);
    double top = 1;
    for (double v : values) top = std::max(top, v);
    y2->setRange(0, top * 1.1);

    row.lanes = PointLanes{};
    row.lanes.create(this, x, y, topics_, 4);
    connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, x] { syncFrom(x); });
}

void CompareTimeline::syncFrom(QCPAxis* source) {
    if (syncing_) return;
    syncing_ = true;
    for (Row& row : rows_) row.rect->axis(QCPAxis::atBottom)->setRange(source->range());
    syncing_ = false;
    reload_.start();
}

void CompareTimeline::showAll() {
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const Row& row : rows_) {
        if (row.requests.daily().empty()) continue;
        lo = std::min(lo, row.requests.daily().front().day * kDayMs);
        hi = std::max(hi, (row.requests.daily().back().day + 1) * kDayMs);
    }
    if (lo > hi)
        setRangeMs(0, kDayMs);
    else
        setRangeMs(lo, hi);
}

void CompareTimeline::setRangeMs(int64_t fromMs, int64_t toMs) {
    if (rows_.empty()) return;
    rows_.front().rect->axis(QCPAxis::atBottom)->setRange(toPlotKey(fromMs), toPlotKey(toMs));
}

std::pair<int64_t, int64_t> CompareTimeline::visibleRangeMs(int row) const {
    if (rows_.empty()) return {0, 0};
    const QCPRange r = rows_[static_cast<size_t>(row)].rect->axis(QCPAxis::atBottom)->range();
    return {static_cast<int64_t>(std::ceil(r.lower * 1000.0)),
            static_cast<int64_t>(std::floor(r.upper * 1000.0))};
}

int64_t CompareTimeline::visiblePointCount(int row) const {
    const auto [lo, hi] = visibleRangeMs(row);
    return rows_[static_cast<size_t>(row)].lanes.countIn(lo, hi);
}

void CompareTimeline::refreshNow() {
    reload_.stop();
    reloadVisible();
}

void CompareTimeline::selectVisibleRange() {
    const auto [lo, hi] = visibleRangeMs();
    range_->select(lo, hi);
}

void CompareTimeline::reloadVisible() {
    const auto [lo, hi] = visibleRangeMs();
    for (Row& row : rows_) {
        if (row.requests.update(db_, row.account, lo, hi) != VisibleRequests::Change::None)
            row.lanes.fill(row.requests.points(), topics_);
    }
    updateTitle();
    replot(rpQueuedReplot);
}

QString CompareTimeline::title() const {
    return title_ ? title_->text() : QString();
}

void CompareTimeline::updateTitle() {
    if (rows_.empty()) {
        title_->setText(tr("Select several accounts (or a cluster) and choose Compare"));
        return;
    }
    QString text = what_.isEmpty() ? tr("Comparing %n account(s)", nullptr, static_cast<int>(rows_.size())) : what_;
    if (requested_ > rowCount()) text += QStringLiteral("  ·  ") + pageText();
    bool raw = true;
    for (const Row& row : rows_) raw = raw && row.requests.shown();
    text += raw ? tr("  ·  one point per request, colored by topic")
                : tr("  ·  zoom in to see individual requests");
    title_->setText(text);
}

void CompareTimeline::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const QPointF pos = event->position();
    double best = 8.0;
    int64_t bestId = -1;
    const Row* bestRow = nullptr;
    for (const Row& row : rows_) {
        if (!row.requests.shown() || !row.rect->rect().contains(event->pos())) continue;
        const int64_t id = row.lanes.nearest(row.rect->axis(QCPAxis::atBottom),
                                             row.rect->axis(QCPAxis::atLeft), pos, &best);
        if (id >= 0) {
            bestId = id;
            bestRow = &row;
        }
    }
    if (bestId < 0 || !db_) {
        QToolTip::hideText();
        return;
    }
    if (bestId != tipId_) {
        tipId_ = bestId;
        tipText_ = requestToolTip(requestDetail(db_, bestId), topics_, bestRow->name);
    }
    QToolTip::showText(event->globalPosition().toPoint(), tipText_, this);
}

void CompareTimeline::mouseDoubleClickEvent(QMouseEvent* event) {
    QCustomPlot::mouseDoubleClickEvent(event);
    showAll();
}

}  // namespace quarry::gui
