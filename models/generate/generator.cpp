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
    int resellers = 0;
    for (const std::string& name : o.styles) {
        Style st;
        if (!styleFromName(name, st))
            return "--styles: unknown style '" + name + "' (hydra, mimic, reseller, successor)";
    }
    for (int c = 0; c < o.campaigns && !o.styles.empty(); ++c)
        resellers += o.styles[static_cast<std::size_t>(c) % o.styles.size()] == "reseller";
    if (resellers > 0 && o.campaignAccounts < 3 * resellers + (o.campaigns - resellers))
        return "--campaign-accounts (" + std::to_string(o.campaignAccounts) +
               ") must be at least " + std::to_string(3 * resellers + (o.campaigns - resellers)) +
               ": a reseller needs 3 accounts, every other campaign 1";
    for (const std::string& name : o.drop) {
        const auto f = fieldFromName(name);
        if (!f) return "--drop: '" + name + "' is not a canonical field";
        if (*f == Field::Timestamp || *f == Field::AccountId)
            return "--drop: '" + name + "' is required by every log and cannot be dropped";
    }
    return {};
}

namespace {

// The style column of truth.csv: a successor campaign's banned first generation is told apart
// from the accounts that replaced it.
const char* styleLabel(const Population& pop, const AccountSpec& a) {
    if (a.campaign < 0) return "";
    const Style st = pop.campaigns[a.campaign].style;
    if (st == Style::Successor && a.generation == 0) return "successor_origin";
    return styleName(st);
}

}  // namespace

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
    r.truthRequestsPath = QDir(dir).filePath(QStringLiteral("truth_requests.csv")).toStdString();

    PopulationOptions po;
    po.accounts = o.accounts;
    po.campaignAccounts = o.campaignAccounts;
    po.campaigns = o.campaigns;
    po.days = o.days;
    po.seed = o.seed;
    po.startMs = o.startMs;
    po.extraNegatives = o.extraNegatives;
    if (!o.styles.empty()) {
        po.styles.clear();
        for (const std::string& name : o.styles) styleFromName(name, po.styles.emplace_back());
    }
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
    File truthRequests(std::fopen(r.truthRequestsPath.c_str(), "wb"));
    if (!truthRequests) {
        r.error = "cannot write " + r.truthRequestsPath;
        return r;
    }
    Writer out(requests.get());
    std::string& buf = out.buffer();
    std::vector<bool> keep(kFieldCount, true);
    for (const std::string& name : o.drop)
        keep[static_cast<std::size_t>(*fieldFromName(name))] = false;
    bool firstField = true;
    for (int f = 0; f < kFieldCount; ++f) {
        if (!keep[static_cast<std::size_t>(f)]) continue;
        if (!firstField) buf += ',';
        firstField = false;
        buf += fieldName(static_cast<Field>(f));
    }
    buf += '\n';
    // Which requests of a reseller carry the campaign, for the mixture check.
    Writer harvestOut(truthRequests.get());
    harvestOut.buffer() += "request_id,account_id,campaign\n";
    std::vector<std::int64_t> rowsOf(pop.accounts.size(), 0), harvestOf(pop.accounts.size(), 0);

    RowRenderer renderer(pop, o.seed, keep);
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
            renderer.render(e, day, row, buf);
            if (renderer.lastWasCampaign()) ++r.campaignRequests;
            ++rowsOf[e.account];
            const AccountSpec& a = pop.accounts[e.account];
            if (a.rhythm == Rhythm::Relay && renderer.lastWasCampaign()) {
                ++harvestOf[e.account];
                std::string& h = harvestOut.buffer();
                renderer.appendRequestId(h, row);
                h += ',';
                appendCsvField(h, a.id);
                h += ',';
                h += pop.campaigns[a.campaign].id;
                h += '\n';
            }
            ++row;
            if (!out.maybeFlush() || !harvestOut.maybeFlush()) {
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
    if (!harvestOut.flush() || std::fflush(truthRequests.get()) != 0) {
        r.error = "write failed: " + r.truthRequestsPath;
        return r;
    }
    truthRequests.reset();
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
    t += "account_id,label,campaign,kind,style,harvest_share\n";
    for (std::uint32_t i : order) {
        const AccountSpec& a = pop.accounts[i];
        appendCsvField(t, a.id);
        t += ',';
        t += labelName(a.label);
        t += ',';
        if (a.campaign >= 0) t += pop.campaigns[a.campaign].id;
        t += ',';
        t += kindName(a.kind);
        t += ',';
        t += styleLabel(pop, a);
        t += ',';
        // The share of its requests that carry a campaign: 1 for an operator's own accounts,
        // the measured share for a reseller's relay accounts.
        if (a.label != Label::Campaign) {
            t += '0';
        } else if (a.rhythm == Rhythm::Relay) {
            char share[16];
            std::snprintf(share, sizeof share, "%.4f",
                          rowsOf[i]
                              ? static_cast<double>(harvestOf[i]) / static_cast<double>(rowsOf[i])
                              : 0.0);
            t += share;
            r.harvestRequests += harvestOf[i];
        } else {
            t += '1';
        }
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
