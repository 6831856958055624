// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// quarry-cli generate: a seeded synthetic request log with planted distillation campaigns and
// hard negatives (requests.csv) and its ground truth (truth.csv). Same options, same bytes.
//
// What the data carries, so detectors learn real evidence rather than generator quirks (ids, key,
// org and payment formats are identical across populations; topic is always empty):
// - Campaigns: hydra waves of accounts created within hours, later waves replacing "banned" ones;
//   a few shared datacenter /24s plus residential-proxy exits shared across accounts; payment
//   fingerprints shared by subsets; 3-4 pinned templates per campaign with slot and paraphrase
//   variation and a house output format; heavy chain-of-thought elicitation; every account paced
//   at 85-99.5% of a daily cap, flat over 24 hours (some campaigns evenly spaced); mostly crowd
//   SDK user agents, some one library string; all traffic on the new model within 24 h of its
//   release; a few percent ordinary-looking cover prompts.
// - Hard negatives: support bots (24x7, steady, templated, datacenter IPs, custom UA), benchmark
//   runs (evenly paced exam bursts with "Let's think step by step", on the new model at once),
//   SDK-heavy production apps (24 h, crowd UA), office teams (shared org, NAT /24, work hours),
//   classrooms (created within a day, one campus /24, same assignment, short-lived).
// - Benign: local-time diurnal and weekly rhythms over UTC-8..+9, heavy-tailed volumes, sessions,
//   mobile churn, shared family/company orgs and cards, gradual adoption of the new model.
// - With --styles, the careful operators of public reports besides the hydra above: mimic rings
//   (one time zone's office hours, power-user volumes, own residential /24s and cards, crowd SDK
//   strings, their own phrasing bank with reasoning requested in most prompts, a shared window),
//   resellers (a few relay accounts whose real end users carry 5-50% harvest; those requests are
//   listed in truth_requests.csv) and successors (a generation banned in one sweep, replaced
//   within hours by accounts on the same payment or subnet pool). campaign_styles.cpp.
// - With --negatives all, their look-alikes: cron jobs, agentic-coding power users, a campus
//   NAT, SaaS apps with one template and an SDK crowd (population_extra.cpp).
// - With --drop / --metadata-only, prompt-less logs: the same rows without those columns.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace quarry::gen {

struct GenerateOptions {
    std::string outDir;
    int accounts = 2000;          // benign + hard negatives
    int days = 14;
    int campaigns = 3;
    int campaignAccounts = 300;   // across all campaigns
    std::uint64_t seed = 1;
    std::int64_t requests = 0;    // approximate total; 0 = natural volumes
    std::int64_t startMs = 1788220800000;  // 2026-09-01T00:00:00Z, never "now"
    // Campaign styles by name (hydra, mimic, reseller, successor); campaign c runs
    // styles[c % size]. Empty = hydra only, today's data byte for byte.
    std::vector<std::string> styles;
    // Also plant the look-alikes of the careful styles (cron jobs, agentic-coding power users,
    // a campus NAT, SaaS apps with one template, an SDK crowd).
    bool extraNegatives = false;
    // Canonical field names left out of requests.csv (prompt-less logs, e.g. LiteLLM by default).
    std::vector<std::string> drop;
    // Called after each generated day with (day, days, rows so far).
    std::function<void(int, int, std::int64_t)> progress;
};

struct GenerateResult {
    bool ok = false;
    std::string error;
    std::int64_t requests = 0;
    std::int64_t campaignRequests = 0;
    int benignAccounts = 0, hardNegativeAccounts = 0, campaignAccounts = 0, campaigns = 0;
    std::string requestsPath, truthPath, truthRequestsPath;
    std::int64_t harvestRequests = 0;  // reseller rows that carry the campaign (truth_requests.csv)
    std::int64_t requestsBytes = 0;
    double seconds = 0;
};

// Checks the options; empty when they are usable, otherwise the reason.
std::string validate(const GenerateOptions& o);

GenerateResult generateDataset(const GenerateOptions& o);

}  // namespace quarry::gen
