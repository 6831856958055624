// SPDX-License-Identifier: GPL-3.0-or-later
#include "render.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/fields.h"

namespace quarry::gen {

namespace {

const char* const kTopicRules[] = {"t_coding",   "t_debug",    "t_math",      "t_writing",
                                   "t_translation", "t_knowledge", "t_business", "t_chitchat",
                                   "t_agentic",  "t_data",     "t_health",    "t_travel",
                                   "t_cooking",  "t_legal",    "t_sensitive"};

struct TokenShape {
    double completionMedian;
    double contextMin, contextMax;  // tokens of system prompt / history not in the logged text
    double contextShare;            // how often there is such context
};
// Indexed by RowRenderer::Shape.
const TokenShape kShapes[] = {
    {90, 50, 1500, 0.4},     // Chat
    {260, 50, 1200, 0.3},    // Knowledge
    {380, 50, 2000, 0.3},    // Writing
    {480, 100, 4000, 0.5},   // Code
    {320, 20, 600, 0.2},     // Math
    {60, 10, 200, 0.1},      // Translation
    {220, 600, 5000, 0.9},   // Agentic
    {160, 200, 900, 1.0},    // Support (knowledge base)
    {4, 300, 900, 0.8},      // BenchChoice (few-shot examples)
    {190, 300, 900, 0.5},    // BenchMath
    {950, 1500, 8000, 0.9},  // CampAgentic
    {1500, 0, 200, 0.2},     // CampReason
    {520, 50, 400, 0.4},     // CampRubric
    {640, 20, 300, 0.3},     // CampCensor
    {0, 0, 0, 0},            // Embed
    {170, 0, 0, 0},          // Report: a cron job's fixed template, nothing unlogged
};

// ms per generated token: bigger models decode slower.
const double kMsPerToken[] = {22, 9, 6, 14, 0, 17};

void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

inline void put2(std::string& out, unsigned v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
}

void appendTimeOfDay(std::string& out, std::int64_t msInDay) {
    const auto ms = static_cast<unsigned>(msInDay % 1000);
    const auto s = static_cast<unsigned>(msInDay / 1000);
    put2(out, s / 3600);
    out += ':';
    put2(out, (s / 60) % 60);
    out += ':';
    put2(out, s % 60);
    out += '.';
    out += static_cast<char>('0' + ms / 100);
    put2(out, ms % 100);
    out += 'Z';
}

void appendInt(std::string& out, std::int64_t v) {
    char buf[24];
    char* p = buf + sizeof buf;
    const bool neg = v < 0;
    std::uint64_t u = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    do {
        *--p = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

void appendBase36(std::string& out, std::uint64_t v) {
    static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char buf[13];
    for (int i = 12; i >= 0; --i) {
        buf[i] = kDigits[v % 36];
        v /= 36;
    }
    out.append(buf, sizeof buf);
}

}  // namespace

void appendIsoTime(std::string& out, std::int64_t epochMs) {
    const std::int64_t days = (epochMs >= 0 ? epochMs : epochMs - (kMsPerDay - 1)) / kMsPerDay;
    int y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    appendInt(out, y);
    out += '-';
    put2(out, m);
    out += '-';
    put2(out, d);
    out += 'T';
    appendTimeOfDay(out, epochMs - days * kMsPerDay);
}

void appendCsvField(std::string& out, std::string_view v) {
    bool quote = false;
    for (char c : v)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) {
        out.append(v);
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

RowRenderer::RowRenderer(const Population& pop, std::uint64_t seed, std::vector<bool> keep)
    : pop_(pop), tb_(TextBank::builtin()), seed_(seed), keep_(std::move(keep)) {
    keep_.resize(kFieldCount, true);
    createdText_.reserve(pop.accounts.size());
    for (const AccountSpec& a : pop.accounts) {
        createdText_.emplace_back();
        appendIsoTime(createdText_.back(), a.createdMs);
    }
    for (int d = 0; d < pop.days; ++d) {
        std::string s;
        appendIsoTime(s, pop.startMs + d * kMsPerDay);
        dayPrefix_.push_back(s.substr(0, 11));
    }
    for (int t = 0; t < static_cast<int>(Topic::Count); ++t) topicRules_[t] = tb_.rule(kTopicRules[t]);
    static const char* const native[] = {"t_native_de", "t_native_es", "t_native_fr",
                                         "t_native_pt", "t_native_zh", "t_native_ja"};
    for (int i = 0; i < 6; ++i) nativeRules_[i + 1] = tb_.rule(native[i]);
    embedRule_ = tb_.rule("t_embed");
    supportRule_ = tb_.rule("hn_support_turn");
    mmluRule_ = tb_.rule("hn_bench_mmlu");
    gsmRule_ = tb_.rule("hn_bench_gsm8k");
    officeRule_ = tb_.rule("hn_office");
    agentLoopRule_ = tb_.rule("hn_agent_loop");
}

RowRenderer::Shape RowRenderer::benignTopic(int profile, Rng& rng, std::string& prompt) {
    const auto topic = static_cast<Topic>(
        rng.weighted(topicWeights(profile), static_cast<std::size_t>(Topic::Count)));
    tb_.expand(topicRules_[static_cast<int>(topic)], rng, prompt);
    switch (topic) {
        case Topic::Coding:
        case Topic::Debug:
        case Topic::Data: return Shape::Code;
        case Topic::Math: return Shape::Math;
        case Topic::Writing:
        case Topic::Business: return Shape::Writing;
        case Topic::Translation: return Shape::Translation;
        case Topic::Chitchat:
        case Topic::Cooking: return Shape::Chat;
        case Topic::Agentic: return Shape::Agentic;
        default: return Shape::Knowledge;
    }
}

RowRenderer::Shape RowRenderer::renderPrompt(const AccountSpec& a, int day, bool harvest, Rng& rng,
                                             std::string& prompt) {
    switch (a.kind) {
        case Kind::SupportBot:
            prompt = pop_.supportOrgs[a.group].preamble;
            prompt += "\n\n";
            tb_.expand(supportRule_, rng, prompt);
            return Shape::Support;
        case Kind::BenchmarkRun:
            if (std::find(a.burstDay.begin(), a.burstDay.end(), day) != a.burstDay.end()) {
                tb_.expand(a.group == 0 ? mmluRule_ : gsmRule_, rng, prompt);
                return a.group == 0 ? Shape::BenchChoice : Shape::BenchMath;
            }
            return benignTopic(a.topicProfile, rng, prompt);
        case Kind::OfficeTeam:
            if (rng.chance(0.3)) {
                tb_.expand(officeRule_, rng, prompt);
                return Shape::Code;
            }
            return benignTopic(a.topicProfile, rng, prompt);
        case Kind::Classroom:
            if (rng.chance(0.7)) {
                tb_.expand(pop_.classrooms[a.group].rule, rng, prompt);
                return Shape::Math;
            }
            return benignTopic(a.topicProfile, rng, prompt);
        case Kind::CronJob:
        case Kind::SaasTemplate: {
            const TemplateJob& job = pop_.templateJobs[a.group];
            prompt = job.preamble;
            prompt += "\n\n";
            tb_.expand(job.rule, rng, prompt);
            return a.kind == Kind::CronJob ? Shape::Report : Shape::Writing;
        }
        case Kind::AgenticPowerUser: {
            const double r = rng.uniform();
            if (r < 0.45) {
                tb_.expand(agentLoopRule_, rng, prompt);
                return Shape::Agentic;
            }
            if (r < 0.8) {
                tb_.expand(topicRules_[static_cast<int>(Topic::Agentic)], rng, prompt);
                return Shape::Agentic;
            }
            return benignTopic(a.topicProfile, rng, prompt);
        }
        default: break;
    }
    if (a.label != Label::Campaign) return ordinaryPrompt(a, rng, prompt);
    const CampaignSpec& c = pop_.campaigns[a.campaign];
    // A reseller's end users write their own prompts.
    if (a.rhythm == Rhythm::Relay && !harvest) {
        if (rng.chance(0.2)) {
            tb_.expand(nativeRules_[5], rng, prompt);
            return Shape::Knowledge;
        }
        return benignTopic(static_cast<int>(rng.below(5)), rng, prompt);
    }
    // Operators mix some ordinary traffic in, so a sample of one account looks mixed.
    if (c.coverShare > 0 && rng.chance(c.coverShare))
        return benignTopic(rng.below(2) ? 0 : 1, rng, prompt);
    return harvestPrompt(c, rng, prompt);
}

RowRenderer::Shape RowRenderer::ordinaryPrompt(const AccountSpec& a, Rng& rng,
                                               std::string& prompt) {
    if (a.nativeLanguage && rng.chance(0.6)) {
        tb_.expand(nativeRules_[a.nativeLanguage], rng, prompt);
        return Shape::Knowledge;
    }
    return benignTopic(a.topicProfile, rng, prompt);
}

RowRenderer::Shape RowRenderer::harvestPrompt(const CampaignSpec& c, Rng& rng,
                                              std::string& prompt) {
    const std::size_t t = rng.weighted(c.templateWeights.data(), c.templateWeights.size());
    tb_.expandAlternative(c.rule, c.templates[t], rng, prompt);
    if (!c.houseStyle.empty() && rng.chance(c.houseStyleShare)) {
        prompt += '\n';
        prompt += c.houseStyle;
    }
    // Mimic rings ask for the reasoning in their own words, after the question or before it.
    briefAnswer_ = c.cotRule >= 0;
    if (c.cotRule >= 0 && rng.chance(c.cotShare)) {
        briefAnswer_ = false;
        std::string cot;
        tb_.expand(c.cotRule, rng, cot);
        const bool after = rng.chance(0.75);
        const char* gap = rng.chance(0.5) ? "\n\n" : " ";
        if (after) {
            prompt += gap;
            prompt += cot;
        } else {
            prompt.insert(0, cot + gap);
        }
    }
    switch (c.focus) {
        case Kind::AgenticCoding: return Shape::CampAgentic;
        case Kind::ReasoningTraces: return Shape::CampReason;
        case Kind::RubricGrading: return Shape::CampRubric;
        default: return Shape::CampCensor;
    }
}

namespace {
// Empty optional slots leave stray spaces at the ends; people do not type those.
void trimSpaces(std::string& s) {
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n')) --end;
    std::size_t begin = 0;
    while (begin < end && s[begin] == ' ') ++begin;
    if (begin > 0 || end < s.size()) s = s.substr(begin, end - begin);
}
}  // namespace

void RowRenderer::appendRequestId(std::string& out, std::int64_t rowIndex) const {
    out.append("req_");
    appendBase36(out, mix64(static_cast<std::uint64_t>(rowIndex) ^ mix64(seed_)));
}

void RowRenderer::render(const Event& e, int day, std::int64_t rowIndex, std::string& out) {
    const AccountSpec& a = pop_.accounts[e.account];
    Rng rng(subKey(seed_, e.account, static_cast<std::uint64_t>(day), 0x10000u + e.seq));
    const bool harvest = (e.seq & kHarvestSeq) != 0;
    // A reseller's own end users are not the campaign; only its harvest rows are.
    const bool operatorRow = a.label == Label::Campaign && (a.rhythm != Rhythm::Relay || harvest);
    lastCampaign_ = operatorRow;

    const bool embed = a.embedShare > 0 && rng.chance(a.embedShare);
    prompt_.clear();
    briefAnswer_ = false;
    Shape shape = Shape::Embed;
    if (embed)
        tb_.expand(embedRule_, rng, prompt_);
    else
        shape = renderPrompt(a, day, harvest, rng, prompt_);
    trimSpaces(prompt_);

    // Model: the new release takes over campaign traffic at once, benign traffic gradually.
    int model = a.model;
    if (embed) {
        model = kEmbed;
    } else if (e.ts >= a.adoptNewModelMs && e.ts >= pop_.newModelReleaseMs) {
        const double share = operatorRow ? pop_.campaigns[a.campaign].newModelShare : 1.0;
        if ((operatorRow && (share >= 1 || rng.chance(share))) || a.kind == Kind::BenchmarkRun)
            model = kFrontier2;
        else if (!operatorRow && rng.chance(a.model == kFrontier1 ? 0.75 : 0.3))
            model = kFrontier2;
    } else if (!operatorRow && rng.chance(0.08)) {
        model = static_cast<int>(rng.below(4));  // people try other models now and then
    }

    // Tokens: prompt text plus unlogged context; completion by shape, longer when CoT is asked.
    const TokenShape& ts = kShapes[static_cast<int>(shape)];
    std::int64_t promptTokens = static_cast<std::int64_t>(static_cast<double>(prompt_.size()) / 3.7) + 8;
    if (rng.chance(ts.contextShare))
        promptTokens += static_cast<std::int64_t>(rng.uniform(ts.contextMin, ts.contextMax) * a.tokenScale);
    std::int64_t completion = 0;
    if (!embed) {
        double median = ts.completionMedian;
        // A mimic question without the reasoning request gets a plain answer, not a trace.
        if (briefAnswer_ && operatorRow) median *= 0.35;
        if (shape == Shape::BenchChoice || shape == Shape::Math || shape == Shape::BenchMath ||
            shape == Shape::Knowledge) {
            if (prompt_.find("step") != std::string::npos) median *= 3;
        }
        completion = std::max<std::int64_t>(
            1, static_cast<std::int64_t>(rng.lognormal(median * a.tokenScale, 0.45)));
        completion = std::min<std::int64_t>(completion, 16000);
    }

    // Status: mostly 200; throttling, bad requests and the odd server error.
    int status = 200;
    if (rng.chance(a.errorRate)) {
        const double r = rng.uniform();
        status = r < 0.55 ? 429 : r < 0.85 ? 400 : r < 0.95 ? 500 : 503;
    }
    std::int64_t latency;
    if (status == 200) {
        latency = static_cast<std::int64_t>(rng.uniform(180, 900) + static_cast<double>(promptTokens) * 0.05 +
                                            static_cast<double>(completion) * kMsPerToken[model] *
                                                rng.uniform(0.8, 1.3));
    } else {
        completion = 0;
        latency = status == 429 ? rng.range(15, 90) : status == 400 ? rng.range(40, 250)
                                                                    : rng.range(1000, 30000);
    }

    // Address and country.
    std::uint32_t ip = a.ips[0];
    std::uint8_t country = a.country;
    switch (a.ipMode) {
        case IpMode::Residential: {
            const CampaignSpec& c = pop_.campaigns[a.campaign];
            const std::uint32_t k = rng.below(static_cast<std::uint32_t>(c.proxyPool.size()));
            ip = c.proxyPool[k];
            country = c.proxyCountry[k];
            break;
        }
        case IpMode::Mobile: {
            // Carrier NAT churns per session; derive from the hour so a session keeps its address.
            Rng session(subKey(seed_, e.account, static_cast<std::uint64_t>(e.ts / 3600000), 7));
            ip = pop_.world.mobileIp(session, a.country);
            break;
        }
        default:
            if (a.ipCount > 1) ip = a.ips[rng.chance(0.75) ? 0 : 1 + rng.below(a.ipCount - 1u)];
            break;
    }
    const std::uint8_t ua = rng.chance(0.15) ? a.ua2 : a.ua;

    // Fields in canonical order; a dropped one leaves no cell (nor its comma) behind.
    bool first = true;
    auto cell = [&](Field f) {
        if (!keep_[static_cast<std::size_t>(f)]) return false;
        if (!first) out += ',';
        first = false;
        return true;
    };
    if (cell(Field::RequestId)) appendRequestId(out, rowIndex);
    if (cell(Field::Timestamp)) {
        out += dayPrefix_[static_cast<std::size_t>(day)];
        appendTimeOfDay(out, e.ts - pop_.startMs - std::int64_t{day} * kMsPerDay);
    }
    if (cell(Field::AccountId)) appendCsvField(out, a.id);
    if (cell(Field::ApiKeyId)) out += a.keys[a.keyCount > 1 ? rng.below(a.keyCount) : 0];
    if (cell(Field::OrganizationId)) out += a.org;
    if (cell(Field::Ip)) appendIp(out, ip);
    if (cell(Field::UserAgent)) appendCsvField(out, pop_.world.userAgents[ua]);
    if (cell(Field::Model)) out += World::modelName(model);
    if (cell(Field::Endpoint)) out += World::endpoint(a.apiStyle, embed);
    if (cell(Field::PromptTokens)) appendInt(out, promptTokens);
    if (cell(Field::CompletionTokens)) appendInt(out, completion);
    if (cell(Field::StatusCode)) appendInt(out, status);
    if (cell(Field::LatencyMs)) appendInt(out, latency);
    if (cell(Field::Prompt)) appendCsvField(out, prompt_);
    if (cell(Field::AccountCreatedAt)) out += createdText_[e.account];
    if (cell(Field::PaymentFingerprint)) out += a.payment;
    if (cell(Field::Country)) out += World::countries()[country].code;
    cell(Field::Topic);  // topic stays empty: inferring it is the analysis' job
    out += '\n';
}

}  // namespace quarry::gen
