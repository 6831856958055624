// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turns one scheduled event into its CSV row: prompt text, model, endpoint, tokens, status,
// latency, address. Everything derives from (seed, account, day, seq), so rows render
// independently and identically on every run.

#include <string>
#include <vector>

#include "population.h"
#include "schedule.h"
#include "textbank.h"

namespace quarry::gen {

class RowRenderer {
public:
    // keep[f]: whether field f is written (prompt-less logs leave some out); empty = all.
    RowRenderer(const Population& pop, std::uint64_t seed, std::vector<bool> keep = {});

    // Appends the row (with its LF) for the rowIndex-th row of the file.
    void render(const Event& e, int day, std::int64_t rowIndex, std::string& out);
    // The row carried an operator's harvest: every campaign row but a reseller's end-user rows.
    bool lastWasCampaign() const { return lastCampaign_; }
    // The request id of the rowIndex-th row.
    void appendRequestId(std::string& out, std::int64_t rowIndex) const;

private:
    enum class Shape : std::uint8_t {
        Chat,
        Knowledge,
        Writing,
        Code,
        Math,
        Translation,
        Agentic,
        Support,
        BenchChoice,
        BenchMath,
        CampAgentic,
        CampReason,
        CampRubric,
        CampCensor,
        Embed,
        Report
    };
    Shape renderPrompt(const AccountSpec& a, int day, bool harvest, Rng& rng, std::string& prompt);
    Shape harvestPrompt(const CampaignSpec& c, Rng& rng, std::string& prompt);
    Shape ordinaryPrompt(const AccountSpec& a, Rng& rng, std::string& prompt);
    Shape benignTopic(int profile, Rng& rng, std::string& prompt);

    const Population& pop_;
    const TextBank& tb_;
    std::uint64_t seed_;
    std::vector<std::string> createdText_;  // account_created_at, formatted once
    std::vector<std::string> dayPrefix_;    // "2026-09-01T"
    int topicRules_[static_cast<int>(Topic::Count)];
    int nativeRules_[7] = {};
    int embedRule_, supportRule_, mmluRule_, gsmRule_, officeRule_, agentLoopRule_;
    std::vector<bool> keep_;
    std::string prompt_;
    bool lastCampaign_ = false;
    bool briefAnswer_ = false;  // a harvest prompt of a style that asks for reasoning, without it
};

// "2026-09-01T13:04:05.123Z"
void appendIsoTime(std::string& out, std::int64_t epochMs);
// RFC 4180: quoted (quotes doubled) only when the value holds a comma, quote, CR or LF.
void appendCsvField(std::string& out, std::string_view value);

}  // namespace quarry::gen
