// SPDX-License-Identifier: GPL-3.0-or-later
#include "families.h"

#include <cmath>

#include "scoring.h"

namespace quarry {
namespace {

using baseline::clamp01;

QString pct(double share) { return QString::number(qRound(share * 100)) + QLatin1Char('%'); }

// A daily rhythm needs some requests over more than a couple of (partial) days to show.
bool rhythmKnown(const AccountFeatures& f, const ScoringParams& p) {
    return f.requests >= p.minRequestsForRhythm && f.activeDays >= 3;
}

bool contentMeasurable(const AccountFeatures& f, const CaseContext& ctx) {
    return ctx.prompts && f.promptShare >= 0.5;
}

// A few intense days and nothing else: an evaluation or batch run, not a sustained harvest.
bool burstShaped(const AccountFeatures& f) {
    return f.activeDays <= 3 && f.requests >= 50 && f.peakDaily * 2 >= f.requests;
}

// Volume that comes in bursts: daily counts spread wider than their mean and a tenth of all
// requests in a single hour. Evaluation runs and batch jobs look like this; harvesting campaigns
// sustain their volume, round the clock or through every working day, paced against rate limits.
bool bursty(const AccountFeatures& f, const ScoringParams& p) {
    return f.requests >= p.minRequestsForRhythm && f.spanDays >= 3 && f.dailyCv >= 1.2 &&
           f.peakHourly * 10 >= f.requests;
}

struct Harvest {
    double cot = 0, focus = 0, longCompletions = 0, tightPrompts = 0, value = 0;
    bool fromContent = false, measurable = false;
};

Harvest harvestOf(const AccountFeatures& f, const CaseContext& ctx, const std::vector<TopicInfo>& topics) {
    Harvest h;
    if (contentMeasurable(f, ctx)) {
        h.measurable = h.fromContent = true;
        const double n = static_cast<double>(f.requests) * f.promptShare;
        // Reasoning elicitation counts when it is both common in absolute terms (a third of
        // prompts or more, on enough prompts to be sure) and far above this case's norm.
        const double lower = baseline::wilsonLower(f.cotShare * n, n);
        const double absolute = clamp01((lower - 0.2) / 0.3);
        const double relative = clamp01((ctx.cot.z(f.cotShare) - 2.0) / 3.0);
        h.cot = std::min(absolute, relative);
        const bool highValue = f.topTopic >= 0 && f.topTopic < static_cast<int>(topics.size()) &&
                               topics[static_cast<size_t>(f.topTopic)].highValue;
        // Narrow focus on a high-value capability is common among developers, so on its own it
        // never makes the family strong.
        if (highValue) h.focus = clamp01((baseline::wilsonLower(f.topTopicShare * n, n) - 0.5) / 0.3);
        h.value = 1.0 - (1.0 - h.cot) * (1.0 - 0.4 * h.focus);
        return h;
    }
    if (ctx.tokens && f.meanCompletionTokens > 0 && f.requests >= 30) {
        // Without prompts: reasoning elicitation shows as completions far longer than this
        // case's norm, templates as tightly sized prompts. Agents also write long answers, so
        // long completions alone stay just short of certain; with tight prompts they are the
        // shape of harvesting. Either way the family needs a second one to carry a verdict.
        h.measurable = true;
        h.longCompletions = clamp01((ctx.logCompletion.z(std::log(f.meanCompletionTokens)) - 1.0) / 2.0);
        if (f.promptTokenCv >= 0) h.tightPrompts = clamp01((-ctx.promptCv.z(f.promptTokenCv) - 0.5) / 1.5);
        h.value = std::max(std::sqrt(h.longCompletions * h.tightPrompts), 0.8 * h.longCompletions);
    }
    return h;
}

}  // namespace

QStringList CaseContext::unavailable() const {
    QStringList out;
    if (!prompts)
        out << QStringLiteral("prompt text (topics, shared templates, reasoning requests and mixture cannot be "
                              "measured; harvest is judged from token counts)");
    if (!tokens) out << QStringLiteral("token counts (prompt and completion sizes)");
    if (!ips) out << QStringLiteral("client IP addresses (shared addresses and subnets)");
    if (!userAgents) out << QStringLiteral("user agents");
    if (!createdAt) out << QStringLiteral("account creation times (sign-up bursts, age at heavy use)");
    if (!payments) out << QStringLiteral("payment fingerprints");
    if (!organizations) out << QStringLiteral("organisation ids");
    if (!models) out << QStringLiteral("model names (pivot to a new model)");
    return out;
}

CaseContext caseContext(const std::vector<AccountFeatures>& features, const FieldCoverage& c,
                        const ScoringParams& p) {
    CaseContext ctx;
    ctx.prompts = FieldCoverage::enough(c.prompt, c.rows);
    ctx.tokens = FieldCoverage::enough(c.tokens, c.rows);
    ctx.ips = FieldCoverage::enough(c.ip, c.rows);
    ctx.userAgents = FieldCoverage::enough(c.userAgent, c.rows);
    ctx.createdAt = FieldCoverage::enough(c.createdAt, c.rows);
    ctx.payments = FieldCoverage::enough(c.payment, c.rows);
    ctx.models = FieldCoverage::enough(c.model, c.rows);
    ctx.apiKeys = FieldCoverage::enough(c.apiKey, c.rows);
    ctx.organizations = FieldCoverage::enough(c.organization, c.rows);
    std::vector<double> cot, completion, promptCv;
    for (const AccountFeatures& f : features) {
        if (f.requests < p.minRequestsForRhythm) continue;
        if (f.promptShare >= 0.5) cot.push_back(f.cotShare);
        if (f.meanCompletionTokens > 0) completion.push_back(std::log(f.meanCompletionTokens));
        if (f.promptTokenCv >= 0) promptCv.push_back(f.promptTokenCv);
    }
    ctx.cot = baseline::robust(std::move(cot), 0.05);
    ctx.logCompletion = baseline::robust(std::move(completion), 0.15);
    ctx.promptCv = baseline::robust(std::move(promptCv), 0.05);
    return ctx;
}

bool harvestFromContent(const AccountFeatures& f, const CaseContext& ctx) { return contentMeasurable(f, ctx); }

double scoreFamilies(AccountFeatures& f, const CaseContext& ctx, const std::vector<TopicInfo>& topics,
                     const ScoringParams& p) {
    QStringList r;
    // Automation. People sleep somewhere in every time zone: a person's quietest six hours
    // carry almost nothing, a flat 24x7 client's carry 25%.
    double roundClock = 0, steady = 0, metronome = 0;
    const bool rhythm = rhythmKnown(f, p) && !burstShaped(f);
    if (rhythm) {
        roundClock = clamp01((f.quietShare - 0.04) / 0.14);
        if (f.spanDays >= 3) steady = clamp01((1.2 - f.dailyCv) / 0.9);
        metronome = clamp01((0.5 - f.gapCv) / 0.4);
    }
    f.automation = clamp01(0.75 * roundClock + 0.25 * steady + 0.2 * metronome);
    if (roundClock >= 0.5)
        r << QStringLiteral("active round the clock: its quietest 6 hours still carry %1 of its requests (a "
                            "person's carry almost none)")
                 .arg(pct(f.quietShare));
    if (steady >= 0.5)
        r << QStringLiteral("steady machine pacing: daily volume varies by only %1 over %2 days (peak %3 "
                            "requests in one day)")
                 .arg(pct(f.dailyCv))
                 .arg(f.spanDays)
                 .arg(f.peakDaily);
    if (metronome >= 0.5)
        r << QStringLiteral("metronome pacing: gaps between requests vary by only %1").arg(pct(f.gapCv));
    if (burstShaped(f))
        r << QStringLiteral("a burst: %1 of its %2 requests on one day (the shape of an evaluation or batch run)")
                 .arg(f.peakDaily)
                 .arg(f.requests);
    else if (!rhythmKnown(f, p))
        r << QStringLiteral("too few requests (%1) to judge its daily rhythm").arg(f.requests);

    // Harvest.
    const Harvest h = harvestOf(f, ctx, topics);
    const bool inBursts = bursty(f, p) && f.automation < 0.5;
    f.harvest = inBursts ? 0.4 * h.value : h.value;
    if (inBursts)
        r << QStringLiteral("volume comes in bursts (daily counts vary by %1, peak %2 in one day): the shape of "
                            "evaluation runs and batch jobs, not of a paced harvest")
                 .arg(pct(f.dailyCv))
                 .arg(f.peakDaily);
    if (h.fromContent) {
        if (f.cotShare >= 0.2)
            r << QStringLiteral("%1 of prompts ask for step-by-step reasoning (typical in this case: %2)")
                     .arg(pct(f.cotShare), pct(ctx.cot.median));
        if (h.focus >= 0.3)
            r << QStringLiteral("%1 of prompts on one high-value capability (%2)")
                     .arg(pct(f.topTopicShare), topics[static_cast<size_t>(f.topTopic)].name);
    } else if (h.measurable) {
        if (h.longCompletions >= 0.5)
            r << QStringLiteral("long completions: %1 tokens on average, far above this case's typical %2")
                     .arg(qRound(f.meanCompletionTokens))
                     .arg(qRound(std::exp(ctx.logCompletion.median)));
        if (h.tightPrompts >= 0.5)
            r << QStringLiteral("tightly sized prompts (size varies by %1; typical %2): the mark of a template")
                     .arg(pct(f.promptTokenCv), pct(ctx.promptCv.median));
    }
    if (f.sharedTemplateShare >= 0.4)
        r << QStringLiteral("%1 of sampled prompts near-duplicate other accounts' prompts (shared templates)")
                 .arg(pct(f.sharedTemplateShare));

    // Lifecycle.
    // An evaluation run tries a new model at once by design, so a burst's pivot says nothing.
    const bool pivot = f.pivotHours >= 0 && f.pivotHours <= 48 && f.newModelShare >= 0.6 && !inBursts;
    const bool young = f.ageAtHeavyUseDays >= 0 && f.ageAtHeavyUseDays < 3;
    const bool keys = ctx.apiKeys && f.distinctKeys >= 3;
    f.lifecycle = clamp01((pivot ? 0.5 : 0) + (young ? 0.35 : 0) + (keys ? 0.15 : 0));
    if (pivot)
        r << QStringLiteral("moved %1 of its traffic to a newly released model within %2 h")
                 .arg(pct(f.newModelShare))
                 .arg(f.pivotHours, 0, 'f', 0);
    if (young) r << QStringLiteral("heavy use began %1 days after the account was created").arg(f.ageAtHeavyUseDays, 0, 'f', 1);
    if (keys) r << QStringLiteral("used %1 API keys").arg(f.distinctKeys);

    f.reasons = r;
    return 1.0 - (1.0 - f.automation) * (1.0 - f.harvest) * (1.0 - 0.6 * f.lifecycle);
}

}  // namespace quarry
