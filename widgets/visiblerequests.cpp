// SPDX-License-Identifier: GPL-3.0-or-later
#include "visiblerequests.h"

#include <QObject>

#include <qcustomplot.h>

#include <cmath>

namespace quarry::gui {

void VisibleRequests::reset(std::vector<DayCount> daily) {
    daily_ = std::move(daily);
    points_.clear();
    from_ = 0;
    to_ = -1;
    complete_ = shown_ = false;
}

int64_t VisibleRequests::total() const {
    int64_t n = 0;
    for (const DayCount& d : daily_) n += d.n;
    return n;
}

int64_t VisibleRequests::estimate(int64_t lo, int64_t hi) const {
    int64_t n = 0;
    for (const DayCount& d : daily_)
        if ((d.day + 1) * kDayMs > lo && d.day * kDayMs <= hi) n += d.n;
    return n;
}

VisibleRequests::Change VisibleRequests::update(sqlite3* db, int64_t account, int64_t lo,
                                                int64_t hi) {
    if (!db || account < 0) {
        points_.clear();
        complete_ = shown_ = false;
        return Change::Cleared;
    }
    if (complete_ && lo >= from_ && hi <= to_) return Change::None;
    if (estimate(lo, hi) > kRawPointLimit) {
        points_.clear();
        complete_ = shown_ = false;
        return Change::Cleared;
    }
    const int64_t margin = (hi - lo) / 2;
    bool truncated = false;
    points_ =
        accountRequests(db, account, lo - margin, hi + margin, 2 * kRawPointLimit, &truncated);
    from_ = lo - margin;
    to_ = hi + margin;
    if (truncated) {  // keep exactly the visible range then
        points_ = accountRequests(db, account, lo, hi, 2 * kRawPointLimit, &truncated);
        from_ = lo;
        to_ = hi;
    }
    complete_ = !truncated;
    shown_ = true;
    return Change::Loaded;
}

int64_t fromPlotKey(double key) {
    return static_cast<int64_t>(std::llround(key * 1000.0));
}

void dailyStepLine(const std::vector<DayCount>& daily, QVector<double>* keys,
                   QVector<double>* values) {
    int64_t prev = INT64_MIN;
    for (const DayCount& d : daily) {
        if (prev != INT64_MIN && d.day > prev + 1) {  // idle days drop to zero
            keys->push_back(toPlotKey((prev + 1) * kDayMs));
            values->push_back(0);
        }
        keys->push_back(toPlotKey(d.day * kDayMs));
        values->push_back(static_cast<double>(d.n));
        prev = d.day;
    }
    if (!daily.empty()) {
        keys->push_back(toPlotKey((daily.back().day + 1) * kDayMs));
        values->push_back(static_cast<double>(daily.back().n));
    }
}

QSharedPointer<QCPAxisTickerDateTime> utcTicker(const QString& format) {
    QSharedPointer<QCPAxisTickerDateTime> dates(new QCPAxisTickerDateTime);
    dates->setDateTimeSpec(Qt::UTC);
    dates->setDateTimeFormat(format);
    return dates;
}

QString requestToolTip(const RequestDetail& d, const TopicTable& topics, const QString& account) {
    if (!d.found) return {};
    const Topic* t = topics.find(d.topic);
    QString tokens = d.promptTokens < 0 ? QObject::tr("n/a") : QString::number(d.promptTokens);
    if (d.completionTokens >= 0) tokens += QStringLiteral(" → %1").arg(d.completionTokens);
    QString head = QStringLiteral("<b>%1</b>").arg(formatUtc(d.ts));
    if (!account.isEmpty())
        head = QStringLiteral("<b>%1</b><br>%2").arg(account.toHtmlEscaped(), formatUtc(d.ts));
    return QStringLiteral("%1<br>%2: %3%4<br>%5: %6<br>%7: %8 &nbsp; %9: %10<br><i>%11</i>")
        .arg(head, QObject::tr("Topic"), t ? t->name.toHtmlEscaped() : QObject::tr("unclassified"),
             d.cot ? QObject::tr(" (asks for step-by-step reasoning)") : QString(),
             QObject::tr("Tokens"), tokens, QObject::tr("Model"), d.model.toHtmlEscaped(),
             QObject::tr("IP"), d.ip.toHtmlEscaped(), d.prompt.toHtmlEscaped());
}

}  // namespace quarry::gui
