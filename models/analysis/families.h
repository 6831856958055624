// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Evidence families of one account. Each is measured on its own, in [0, 1], with the reasons an
// analyst can read out; none is required. Strong evidence in some carries a verdict where the
// others are absent (a careful ring keeps human hours; most gateways store no prompts), while a
// hard negative shows one family at most (a support bot automates, a classroom shares a network).
//
//   automation  how it sends: round the clock, steady daily volume, metronome pacing
//   harvest     what it asks for: step-by-step reasoning far above this case's norm, narrow focus
//               on a high-value capability; without prompts, long completions to tightly sized
//               (templated) prompts
//   lifecycle   how the account lives: a fast pivot to a newly released model, heavy use right
//               after sign-up, several API keys
// Coordination (shared templates, infrastructure, start/stop, sign-up bursts) is measured
// between accounts: see cores.h.
#include <QStringList>

#include <vector>

#include "accountfeatures.h"
#include "baseline.h"
#include "contentpass.h"

namespace quarry {

struct TopicInfo;
struct ScoringParams;

// What this case's logs carry and how its population behaves: the yardsticks every account is
// measured against.
struct CaseContext {
    bool prompts = false, tokens = false, ips = false, userAgents = false, createdAt = false,
         payments = false, models = false, apiKeys = false, organizations = false;
    baseline::Robust cot;            // share of prompts asking for step-by-step reasoning
    baseline::Robust logCompletion;  // log mean completion tokens
    baseline::Robust promptCv;       // spread of prompt sizes
    // Evidence this case cannot show, in words ("prompt text: topics, templates and reasoning
    // requests cannot be measured").
    QStringList unavailable() const;
};
CaseContext caseContext(const std::vector<AccountFeatures>& features, const FieldCoverage& coverage,
                        const ScoringParams& p);

// Measures the three per-account families, fills f.automation, f.harvest, f.lifecycle and
// f.reasons, and returns how much own evidence the account shows (noisy-OR of the families).
double scoreFamilies(AccountFeatures& f, const CaseContext& ctx, const std::vector<TopicInfo>& topics,
                     const ScoringParams& p);

// True when the account's harvest evidence comes from its prompts (not from token shapes alone).
bool harvestFromContent(const AccountFeatures& f, const CaseContext& ctx);

}  // namespace quarry
