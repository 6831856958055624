// SPDX-License-Identifier: GPL-3.0-or-later
#include "generator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/fields.h"
#include "population.h"
#include "render.h"
#include "schedule.h"

namespace quarry::gen {

namespace {

constexpr std::size_t kFlushBytes = 4u << 20;

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// Buffered writer: rows are appended to one string and flushed in 4 MB blocks.
class Writer {
public:
    explicit Writer(std::FILE* f) : f_(f) { buf_.reserve(kFlushBytes + (1u << 16)); }
    std::string& buffer() { return buf_; }
    bool maybeFlush() { return buf_.size() < kFlushBytes || flush(); }
    bool flush() {
        if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
            return false;
        bytes_ += static_cast<std::int64_t>(buf_.size());
        buf_.clear();
        return true;
    }
    std::int64_t bytes() const { return bytes_; }

private:
    std::FILE* f_;
    std::string buf_;
    std::int64_t bytes_ = 0;
};

}  // namespace

std::string validate(const GenerateOptions& o) {
    if (o.outDir.empty()) return "--out DIR is required";
    if (o.accounts < 1) return "--accounts must be at least 1";
    if (o.days < 1) return "--days must be at least 1";
    if (o.days > 3650) return "--days must be at most 3650";
    if (o.campaigns < 0) return "--campaigns must not be negative";
    if (o.campaigns > 100) return "--campaigns must be at most 100";
    if (o.campaignAccounts < 0) return "--campaign-accounts must not be negative";
    if (o.campaigns > 0 && o.campaignAccounts < o.campaigns)
        return "--campaign-accounts (" + std::to_string(o.campaignAccounts) +
               ") must be at least --campaigns (" + std::to_string(o.campaigns) +
               "): every campaign needs an account";
    if (o.campaigns == 0 && o.campaignAccounts > 0)
        return "--campaign-accounts needs --campaigns > 0";
    if (o.requests < 0) return "--requests must be positive";
    if (o.accounts + o.campaignAccounts > 5000000) return "too many accounts (at most 5,000,000)";
    return {};
}

GenerateResult generateDataset(const GenerateOptions& o) {
    GenerateResult r;
    QElapsedTimer timer;
    timer.start();
    if (std::string why = validate(o); !why.empty()) {
        r.error = why;
        return r;
    }
    const QString dir = QString::fromStdString(o.outDir);
    if (!QDir().mkpath(dir)) {
        r.error = "cannot create directory " + o.outDir;
        return r;
    }
    r.requestsPath = QDir(dir).filePath(QStringLiteral("requests.csv")).toStdString();
    r.truthPath = QDir(dir).filePath(QStringLiteral("truth.csv")).toStdString();

    PopulationOptions po;
    po.accounts = o.accounts;
    po.campaignAccounts = o.campaignAccounts;
    po.campaigns = o.campaigns;
    po.days = o.days;
    po.seed = o.seed;
    po.startMs = o.startMs;
    Population pop = buildPopulation(po);
    if (o.requests > 0) {
        // The per-day count rules are slightly non-linear (at least one request on an active
        // day), so a few rounds of rescaling converge on the target.
        for (int round = 0; round < 4; ++round) {
            const double expected = expectedRequests(pop);
            if (expected <= 0) break;
            scaleVolumes(pop, static_cast<double>(o.requests) / expected);
        }
    }

    File requests(std::fopen(r.requestsPath.c_str(), "wb"));
    if (!requests) {
        r.error = "cannot write " + r.requestsPath;
        return r;
    }
    Writer out(requests.get());
    std::string& buf = out.buffer();
    for (int f = 0; f < kFieldCount; ++f) {
        if (f) buf += ',';
        buf += fieldName(static_cast<Field>(f));
    }
    buf += '\n';

    RowRenderer renderer(pop, o.seed);
    std::vector<Event> events;
    std::int64_t row = 0;
    for (int day = 0; day < o.days; ++day) {
        events.clear();
        for (std::uint32_t i = 0; i < pop.accounts.size(); ++i) {
            const AccountSpec& a = pop.accounts[i];
            if (day < a.firstDay || day > a.lastDay) continue;
            Rng rng(subKey(o.seed, i, static_cast<std::uint64_t>(day), 1));
            const std::uint32_t n = requestsOnDay(a, pop, day, rng);
            if (n) scheduleDay(pop, i, day, n, rng, events);
        }
        std::sort(events.begin(), events.end());
        for (const Event& e : events) {
            renderer.render(e, day, row++, buf);
            if (renderer.lastWasCampaign()) ++r.campaignRequests;
            if (!out.maybeFlush()) {
                r.error = "write failed: " + r.requestsPath;
                return r;
            }
        }
        if (o.progress) o.progress(day + 1, o.days, row);
    }
    if (!out.flush() || std::fflush(requests.get()) != 0) {
        r.error = "write failed: " + r.requestsPath;
        return r;
    }
    requests.reset();
    r.requests = row;
    r.requestsBytes = out.bytes();

    // Truth, sorted by account id so its order says nothing about how accounts were made.
    std::vector<std::uint32_t> order(pop.accounts.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        return pop.accounts[x].id < pop.accounts[y].id;
    });
    File truth(std::fopen(r.truthPath.c_str(), "wb"));
    if (!truth) {
        r.error = "cannot write " + r.truthPath;
        return r;
    }
    Writer tw(truth.get());
    std::string& t = tw.buffer();
    t += "account_id,label,campaign,kind\n";
    for (std::uint32_t i : order) {
        const AccountSpec& a = pop.accounts[i];
        appendCsvField(t, a.id);
        t += ',';
        t += labelName(a.label);
        t += ',';
        if (a.campaign >= 0) t += pop.campaigns[a.campaign].id;
        t += ',';
        t += kindName(a.kind);
        t += '\n';
        switch (a.label) {
            case Label::Benign: ++r.benignAccounts; break;
            case Label::HardNegative: ++r.hardNegativeAccounts; break;
            case Label::Campaign: ++r.campaignAccounts; break;
        }
        if (!tw.maybeFlush()) break;
    }
    if (!tw.flush() || std::fflush(truth.get()) != 0) {
        r.error = "write failed: " + r.truthPath;
        return r;
    }
    r.campaigns = static_cast<int>(pop.campaigns.size());
    r.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    r.ok = true;
    return r;
}

}  // namespace quarry::gen
