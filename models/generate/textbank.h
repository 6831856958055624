// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Prompt text as a small weighted grammar. Phrase pools are authored as plain text blobs
// (phrases_*.cpp) so they stay easy to read and extend; this file compiles them once into
// rules that expand with a few pool picks and appends per prompt, cheap enough for millions of
// rows. Grammar syntax, one alternative per line:
//   @rule            starts a rule; the lines below are its alternatives
//   ~3 text          weight 3 (default 1)
//   {{rule}}         expands another rule
//   {{a|b|}}         inline choice among literals (empty allowed: light paraphrase)
//   {{#2-99}}        a random integer in [2, 99]
//   \n  \t  \\       newline, tab, backslash (multi-line prompts stay one line in the source)
//   // ...           comment line

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rng.h"

namespace quarry::gen {

class TextBank {
public:
    // The bank with every built-in phrase pool; compiled on first use, then read-only (thread-safe).
    static const TextBank& builtin();

    explicit TextBank(const std::vector<std::string_view>& sources);

    // Rule id for a name; aborts on an unknown name (a grammar bug, caught by any test run).
    int rule(std::string_view name) const;
    bool hasRule(std::string_view name) const;
    int alternativeCount(int rule) const;
    void expand(int rule, Rng& rng, std::string& out) const;
    // Expands one given alternative of a rule (campaigns pin their own template subset).
    void expandAlternative(int rule, int alternative, Rng& rng, std::string& out) const;

private:
    struct Piece {
        enum Kind : std::uint8_t { Literal, Rule, Choice, Number } kind;
        std::uint32_t a = 0, b = 0;  // literal: offset,len; rule: id; choice: first,count; number
    };
    struct Alternative {
        std::uint32_t firstPiece = 0, pieceCount = 0, weight = 1;
    };
    struct Rule {
        std::string name;
        std::uint32_t firstAlt = 0, altCount = 0, totalWeight = 0;
        bool uniform = true;
    };

    void parse(std::string_view source);
    void compileAlternative(std::string_view text, std::uint32_t weight);
    std::uint32_t addLiteral(std::string_view text);
    void expandPieces(const Alternative& alt, Rng& rng, std::string& out, int depth) const;
    void expandRule(int rule, Rng& rng, std::string& out, int depth) const;

    std::string text_;  // all literal bytes
    std::vector<Piece> pieces_;
    std::vector<Alternative> alts_;
    std::vector<Rule> rules_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> choiceItems_;  // literal offset,len
};

// The phrase pools, one blob per population (phrases_*.cpp).
std::string_view benignPhrases();
std::string_view everydayPhrases();
std::string_view technicalPhrases();
std::string_view hardNegativePhrases();
std::string_view campaignPhrases();
std::string_view mimicPhrases();
std::string_view lookalikePhrases();

}  // namespace quarry::gen
