// SPDX-License-Identifier: GPL-3.0-or-later
#include "temporalpass.h"

#include <sqlite3.h>

#include <cmath>

#include "aggregates.h"
#include "store/sqlite.h"

namespace quarry {
namespace {

constexpr int64_t kHourMs = 3600000;
constexpr int64_t kDayMs = 86400000;

int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

// Running statistics of one account; finish() turns them into features.
struct Walk {
    int64_t account = -1;
    int64_t n = 0, first = 0, last = 0, prevTs = 0;
    uint32_t hours[24] = {};
    int64_t curHour = INT64_MIN, curDay = INT64_MIN;
    int hourCount = 0, dayCount = 0;
    int activeHours = 0, activeDays = 0, peakHourly = 0, peakDaily = 0;
    std::vector<std::pair<int64_t, int>> days;  // (day index, count)
    double gapMean = 0, gapM2 = 0;
    int64_t gaps = 0;
    uint32_t afterRelease = 0;
    minhash::Builder hoursSig;

    void reset(int64_t acct) {
        *this = Walk();
        account = acct;
    }
    void closeHour() {
        if (hourCount > 0) {
            ++activeHours;
            peakHourly = std::max(peakHourly, hourCount);
        }
        hourCount = 0;
    }
    void closeDay() {
        if (dayCount > 0) {
            ++activeDays;
            peakDaily = std::max(peakDaily, dayCount);
            days.emplace_back(curDay, dayCount);
        }
        dayCount = 0;
    }
    void add(int64_t ts, int64_t releaseTs) {
        if (n == 0) first = ts;
        else {
            const double gap = static_cast<double>(ts - prevTs) / 1000.0;
            ++gaps;
            const double d = gap - gapMean;
            gapMean += d / static_cast<double>(gaps);
            gapM2 += d * (gap - gapMean);
        }
        prevTs = last = ts;
        ++n;
        const int64_t hour = floorDiv(ts, kHourMs);
        const int64_t day = floorDiv(ts, kDayMs);
        if (hour != curHour) {
            closeHour();
            curHour = hour;
            hoursSig.add(static_cast<uint64_t>(hour));
        }
        if (day != curDay) {
            closeDay();
            curDay = day;
        }
        ++hourCount;
        ++dayCount;
        ++hours[static_cast<int>(floorDiv(ts, kHourMs) - floorDiv(ts, kDayMs) * 24)];
        if (releaseTs > 0 && ts >= releaseTs) ++afterRelease;
    }
    void finish(AccountFeatures& f) {
        closeHour();
        closeDay();
        f.requests = n;
        f.firstTs = first;
        f.lastTs = last;
        f.activeHours = activeHours;
        f.activeDays = activeDays;
        f.peakHourly = peakHourly;
        f.peakDaily = peakDaily;
        f.meanDaily = activeDays ? static_cast<double>(n) / activeDays : 0;
        const int64_t firstDay = days.empty() ? 0 : days.front().first;
        const int64_t lastDay = days.empty() ? 0 : days.back().first;
        f.spanDays = days.empty() ? 0 : static_cast<int>(lastDay - firstDay + 1);
        // Daily spread over the whole active span, silent days included.
        if (f.spanDays >= 2) {
            const double mean = static_cast<double>(n) / f.spanDays;
            double sq = 0;
            for (const auto& d : days) sq += (d.second - mean) * (d.second - mean);
            sq += mean * mean * (f.spanDays - static_cast<int>(days.size()));
            f.dailyCv = std::sqrt(sq / f.spanDays) / mean;
        }
        // Weekend to weekday volume, per calendar day of each kind in the span.
        if (f.spanDays >= 7) {
            double we = 0, wd = 0;
            for (const auto& d : days) {
                const int dow = static_cast<int>(((d.first % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
                (dow >= 5 ? we : wd) += d.second;
            }
            int weDays = 0;
            for (int64_t d = firstDay; d <= lastDay; ++d) weDays += (((d % 7) + 7 + 3) % 7) >= 5;
            const int wdDays = f.spanDays - weDays;
            if (weDays > 0 && wdDays > 0 && wd > 0) f.weekendRatio = (we / weDays) / (wd / wdDays);
        }
        const int heavy = std::max(5, peakDaily / 2);
        for (const auto& d : days)
            if (d.second >= heavy) {
                f.firstHeavyDayTs = d.first * kDayMs;
                break;
            }
        f.gapCv = gaps >= 2 && gapMean > 0 ? std::sqrt(gapM2 / static_cast<double>(gaps)) / gapMean : 0;
        f.hourEntropy = entropyBits(hours, 24);
        // The quietest six consecutive hours of the (UTC) day, wrapping round midnight: people
        // sleep somewhere in every time zone, so only round-the-clock clients score near 25%.
        uint32_t quiet = UINT32_MAX;
        for (int h = 0; h < 24; ++h) {
            uint32_t s = 0;
            for (int k = 0; k < 6; ++k) s += hours[(h + k) % 24];
            quiet = std::min(quiet, s);
        }
        f.quietShare = n ? static_cast<double>(quiet) / static_cast<double>(n) : 0;
    }
};

}  // namespace

double entropyBits(const uint32_t* counts, int n) {
    double total = 0;
    for (int i = 0; i < n; ++i) total += counts[i];
    if (total <= 0) return 0;
    double h = 0;
    for (int i = 0; i < n; ++i)
        if (counts[i]) {
            const double p = counts[i] / total;
            h -= p * std::log2(p);
        }
    return h;
}

double entropyBits(const std::vector<double>& counts) {
    double total = 0;
    for (double c : counts) total += c;
    if (total <= 0) return 0;
    double h = 0;
    for (double c : counts)
        if (c > 0) {
            const double p = c / total;
            h -= p * std::log2(p);
        }
    return h;
}

bool runTemporalPass(sqlite3* db, int64_t releaseTs, std::vector<AccountFeatures>& features,
                     TemporalPassOutput& out, const std::atomic<bool>* cancel,
                     const std::function<void(int64_t, int64_t)>& progress, QString* error,
                     aggregates::Builder* agg) {
    out.activeHours.assign(features.size(), minhash::Signature{});
    out.afterRelease.assign(features.size(), 0);
    const int64_t total = sql::queryInt(db, "SELECT max(id) FROM requests", 0);
    sql::Statement insertDaily(db, "INSERT INTO account_daily(account_id, day, n) VALUES(?,?,?)");
    // id comes with the (account_id, ts) index entry, so the pass stays on the index.
    sql::Statement s(db, "SELECT account_id, ts, id FROM requests ORDER BY account_id, ts");
    Walk w;
    int64_t rows = 0;
    auto flush = [&]() -> bool {
        if (agg && w.account >= 0 && !agg->endAccount(w.account)) return false;
        if (w.account < 0 || static_cast<size_t>(w.account) >= features.size()) return true;
        AccountFeatures& f = features[static_cast<size_t>(w.account)];
        w.finish(f);
        f.accountId = w.account;
        out.activeHours[static_cast<size_t>(w.account)] = w.hoursSig.finish();
        out.afterRelease[static_cast<size_t>(w.account)] = w.afterRelease;
        for (const auto& [day, count] : w.days) {
            insertDaily.bind(1, w.account);
            insertDaily.bind(2, day);
            insertDaily.bind(3, count);
            if (!insertDaily.run()) return false;
        }
        return true;
    };
    while (s.step()) {
        const int64_t account = s.int64(0);
        if (account != w.account) {
            if (!flush()) break;
            w.reset(account);
        }
        const int64_t ts = s.int64(1);
        w.add(ts, releaseTs);
        if (agg) agg->add(s.int64(2), ts);
        if ((++rows & 0xFFFF) == 0) {
            if (progress) progress(rows, total);
            if (cancel && cancel->load()) {
                if (error) *error = QStringLiteral("analysis cancelled");
                return false;
            }
        }
    }
    if (s.resultCode() != SQLITE_DONE || !flush() || insertDaily.resultCode() != SQLITE_OK) {
        if (error) *error = QStringLiteral("reading request times failed: %1").arg(sql::lastError(db));
        return false;
    }
    return true;
}

}  // namespace quarry
