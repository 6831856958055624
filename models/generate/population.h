// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who sends traffic: one compact spec per account (identity, infrastructure, rhythm, volume,
// topic mix) and one per planted campaign. Built once in memory; the day-by-day writer reads them.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "world.h"

namespace quarry::gen {

enum class Label : std::uint8_t { Benign, HardNegative, Campaign };

// How an operator runs a campaign (--styles). Hydra is the original picture; the others are the
// careful operators public reports describe (DESIGN.md, "Once one style is caught...").
enum class Style : std::uint8_t {
    Hydra,      // 24x7, paced under a cap, datacenter subnets, shared payments, waves
    Mimic,      // one time zone's office hours, residential proxies, crowd SDKs, own payments
    Reseller,   // a few relay accounts: real end-user traffic with 5-50% harvest mixed in
    Successor,  // a generation banned in one sweep, replaced by fresh accounts with its traits
};
const char* styleName(Style s);
// Parses one style name; false when unknown.
bool styleFromName(const std::string& name, Style& out);

enum class Kind : std::uint8_t {
    // benign
    Casual,
    Developer,
    Student,
    Writer,
    Analyst,
    // hard negatives
    SupportBot,
    BenchmarkRun,
    SdkHeavy,
    OfficeTeam,
    Classroom,
    // campaign focuses
    AgenticCoding,
    ReasoningTraces,
    RubricGrading,
    CensorshipRewrites,
    // hard negatives added with --negatives all (appended so existing names keep their values)
    CronJob,
    AgenticPowerUser,
    CampusNat,
    SaasTemplate,
    SdkCrowd,
};
const char* labelName(Label l);
const char* kindName(Kind k);

// When in the (local) day an account sends.
enum class Rhythm : std::uint8_t {
    Evening,    // casual users: evenings and weekends
    WorkHours,  // developers, office teams: weekdays 9-18
    Student,    // afternoons and late nights
    App,        // production apps: follows their end users' day, never zero
    Bot24x7,    // support bots: 24x7, mild customer-driven swing
    Flat,       // campaigns: load-balanced, flat over all 24 hours
    Bursts,     // benchmark runs: a few intense hours on a few days
    Office,     // mimic rings: one time zone's business hours, weekends nearly silent
    Relay,      // resellers: end users over several time zones plus the harvest client's load
    Metronome,  // cron jobs: one request every periodMinutes, to the second
    Marathon,   // agentic-coding power users: long tool-loop sessions at work and at night
};

// Topics the benign grammar covers; each kind mixes them with its own weights.
enum class Topic : std::uint8_t {
    Coding,
    Debug,
    Math,
    Writing,
    Translation,
    Knowledge,
    Business,
    Chitchat,
    Agentic,
    Data,
    Health,
    Travel,
    Cooking,
    Legal,
    Sensitive,
    Count
};

enum class IpMode : std::uint8_t {
    Fixed,        // 1-3 stable addresses (home, office, cloud VM)
    Mobile,       // carrier NAT: a new /24 inside the carrier's /16 per session
    Residential,  // campaign behind a residential proxy pool: a pool address per request
};

struct AccountSpec {
    std::string id, org, payment;  // payment empty = free tier
    std::array<std::string, 2> keys;
    std::uint8_t keyCount = 1;
    Label label = Label::Benign;
    Kind kind = Kind::Casual;
    Rhythm rhythm = Rhythm::Evening;
    IpMode ipMode = IpMode::Fixed;
    std::int8_t campaign = -1;  // index into Population::campaigns
    std::uint8_t country = 0;   // index into world countries
    std::int16_t tzMinutes = 0;
    std::uint8_t ipCount = 1;
    std::array<std::uint32_t, 3> ips{};
    std::uint8_t ua = 0, ua2 = 0;  // indices into world user agents; ua2 used ~15% of requests
    std::uint8_t model = 0;        // preferred model before adopting the new one
    std::uint8_t apiStyle = 0;     // 0 chat/completions, 1 messages, 2 responses
    float embedShare = 0;          // share of requests that are embeddings calls
    float rate = 1;                // mean requests on an active day (after --requests scaling)
    float backgroundRate = 0;      // benchmark runs: mean requests on a non-burst active day
    float activeDayProb = 1;       // chance a given weekday is active
    float weekendFactor = 1;       // multiplies activeDayProb on Saturday/Sunday
    float tokenScale = 1;
    float errorRate = 0.01f;
    std::int16_t firstDay = 0, lastDay = 0;  // active UTC day range, inclusive
    std::int16_t guaranteedDay = 0;          // always >= 1 request here, so truth == requests
    std::int64_t createdMs = 0;
    std::int64_t adoptNewModelMs = 0;        // INT64_MAX = never in the window
    std::array<std::int16_t, 4> burstDay{{-1, -1, -1, -1}};  // benchmark runs
    std::array<std::uint8_t, 4> burstHour{};
    std::uint8_t burstHours = 3;
    std::uint16_t group = 0;       // support org / classroom / office team index
    std::uint8_t topicProfile = 0; // which row of the kind's topic weights
    std::uint8_t nativeLanguage = 0;  // 0 = English only, else a t_native_* rule (render.cpp)
    std::uint8_t generation = 0;      // successor campaigns: 0 banned originals, 1 replacements
    float harvestShare = 0;           // resellers: share of requests that are the campaign's
    std::uint16_t periodMinutes = 0;  // cron jobs: the fixed interval
    std::array<std::int16_t, 3> relayTz{};  // resellers: time zones of their end users (minutes)
};

struct CampaignSpec {
    std::string id;  // "C1"
    Style style = Style::Hydra;
    int cotRule = -1;          // mimic: its own reasoning request, appended at cotShare
    double newModelShare = 1;  // share of requests on the new model once adopted
    Kind focus = Kind::AgenticCoding;
    int rule = 0;                    // TextBank rule of the focus
    std::vector<int> templates;      // pinned alternatives of that rule
    std::vector<double> templateWeights;
    std::string houseStyle;          // fixed output-format line appended to most prompts
    double houseStyleShare = 0.7;
    double cotShare = 0.8;           // extra CoT line on prompts whose template lacks one
    double coverShare = 0.06;        // ordinary-looking prompts mixed into the harvest
    int dailyCap = 20;               // per-account requests/day the operator stays under
    bool stratified = false;         // scheduler spaces requests evenly instead of randomly
    int batchMinutes = 0;            // >0: an orchestrator fires across accounts in batches
    std::uint64_t pacingKey = 0;     // seeds the batch phase of each day
    std::vector<std::uint32_t> dcSubnets;      // /24 bases shared by the campaign
    std::vector<std::uint32_t> proxyPool;      // residential exit addresses
    std::vector<std::uint8_t> proxyCountry;    // country of each exit
    std::int64_t adoptMs = 0;                  // when its traffic moves to the new model
    int accounts = 0;
};

struct SupportOrg {
    std::string preamble;  // company-specific system text, fixed per org
};

struct ClassroomSpec {
    int rule = 0;  // the assignment's grammar rule
};

// A cron job or a SaaS app: one fixed template (and a fixed preamble) for every request.
struct TemplateJob {
    int rule = 0;
    std::string preamble;
};

struct Population {
    std::vector<AccountSpec> accounts;
    std::vector<CampaignSpec> campaigns;
    std::vector<SupportOrg> supportOrgs;
    std::vector<ClassroomSpec> classrooms;
    std::vector<TemplateJob> templateJobs;
    World world;
    std::int64_t startMs = 0;
    int days = 0;
    std::int64_t newModelReleaseMs = 0;
};

struct PopulationOptions {
    int accounts = 2000;
    int campaignAccounts = 300;
    int campaigns = 3;
    int days = 14;
    std::uint64_t seed = 1;
    std::int64_t startMs = 0;
    std::vector<Style> styles{Style::Hydra};  // campaign c runs styles[c % size]
    bool extraNegatives = false;  // cron jobs, agentic power users, campus NATs, SaaS, SDK crowds
};

Population buildPopulation(const PopulationOptions& o);
// Plants the campaigns (campaigns.cpp); called by buildPopulation.
void plantCampaigns(Population& pop, const PopulationOptions& o, Rng& rng);
// Pins minPinned..maxPinned alternatives of rule as cs's templates, weighted lowWeight..1 and
// the first one times favourite.
void pickTemplates(CampaignSpec& cs, int rule, int minPinned, int maxPinned, double lowWeight,
                   double favourite, Rng& rng);
// The careful styles (campaign_styles.cpp); plantCampaigns calls the one of each campaign.
void plantMimic(Population& pop, const PopulationOptions& o, CampaignSpec& cs, int mimicIndex,
                Rng& rng);
void plantReseller(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng);
void plantSuccessor(Population& pop, const PopulationOptions& o, CampaignSpec& cs, Rng& rng);

// Rows of per-topic weights (indexed by Topic) that accounts' topicProfile points at.
int topicProfileCount();
const double* topicWeights(int profile);

// Shared identity helpers so campaign ids look exactly like everyone else's.
std::string randomAccountId(Rng& rng);
std::string randomToken(Rng& rng, const char* prefix, int length);

}  // namespace quarry::gen
