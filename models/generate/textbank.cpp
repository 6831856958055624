// SPDX-License-Identifier: GPL-3.0-or-later
#include "textbank.h"

#include <QtGlobal>

namespace quarry::gen {

namespace {

// Recursion guard: the grammar is acyclic by construction, a cycle is a typo.
constexpr int kMaxDepth = 24;

std::string_view trimRight(std::string_view s) {
    // Only CR: trailing spaces are content ("Please " joins the next slot).
    while (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[i + 1];
            if (c == 'n' || c == 't' || c == '\\') {
                out += c == 'n' ? '\n' : c == 't' ? '\t' : '\\';
                ++i;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

}  // namespace

const TextBank& TextBank::builtin() {
    static const TextBank bank({benignPhrases(), everydayPhrases(), technicalPhrases(),
                                hardNegativePhrases(), campaignPhrases(), mimicPhrases(),
                                lookalikePhrases()});
    return bank;
}

TextBank::TextBank(const std::vector<std::string_view>& sources) {
    // First pass: rule names, so alternatives may refer to rules defined further down.
    for (std::string_view src : sources) {
        std::size_t pos = 0;
        while (pos < src.size()) {
            std::size_t end = src.find('\n', pos);
            if (end == std::string_view::npos) end = src.size();
            const std::string_view line = trimRight(src.substr(pos, end - pos));
            if (line.size() > 1 && line[0] == '@') {
                if (hasRule(line.substr(1)))
                    qFatal("textbank: duplicate rule %s", std::string(line.substr(1)).c_str());
                rules_.push_back(Rule{std::string(line.substr(1)), 0, 0, 0, true});
            }
            pos = end + 1;
        }
    }
    for (std::string_view src : sources) parse(src);
    for (const Rule& r : rules_)
        if (r.altCount == 0) qFatal("textbank: rule %s has no alternatives", r.name.c_str());
}

bool TextBank::hasRule(std::string_view name) const {
    for (const Rule& r : rules_)
        if (r.name == name) return true;
    return false;
}

int TextBank::rule(std::string_view name) const {
    for (std::size_t i = 0; i < rules_.size(); ++i)
        if (rules_[i].name == name) return static_cast<int>(i);
    qFatal("textbank: unknown rule %s", std::string(name).c_str());
    return -1;
}

int TextBank::alternativeCount(int r) const { return static_cast<int>(rules_[r].altCount); }

void TextBank::parse(std::string_view src) {
    int current = -1;
    std::size_t pos = 0;
    while (pos < src.size()) {
        std::size_t end = src.find('\n', pos);
        if (end == std::string_view::npos) end = src.size();
        std::string_view line = trimRight(src.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty() || (line.size() >= 2 && line[0] == '/' && line[1] == '/')) continue;
        if (line[0] == '@') {
            current = rule(line.substr(1));
            rules_[current].firstAlt = static_cast<std::uint32_t>(alts_.size());
            continue;
        }
        if (current < 0) qFatal("textbank: text before the first rule");
        std::uint32_t weight = 1;
        if (line[0] == '~') {
            std::size_t i = 1;
            weight = 0;
            while (i < line.size() && line[i] >= '0' && line[i] <= '9')
                weight = weight * 10 + static_cast<std::uint32_t>(line[i++] - '0');
            if (i < line.size() && line[i] == ' ') ++i;
            line.remove_prefix(i);
        }
        compileAlternative(line, weight);
        Rule& r = rules_[current];
        ++r.altCount;
        r.totalWeight += weight;
        if (weight != 1) r.uniform = false;
    }
}

std::uint32_t TextBank::addLiteral(std::string_view text) {
    const auto offset = static_cast<std::uint32_t>(text_.size());
    text_.append(text);
    return offset;
}

void TextBank::compileAlternative(std::string_view raw, std::uint32_t weight) {
    Alternative alt;
    alt.firstPiece = static_cast<std::uint32_t>(pieces_.size());
    alt.weight = weight;
    const std::string text = unescape(raw);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find("{{", pos);
        const std::size_t literalEnd = open == std::string::npos ? text.size() : open;
        if (literalEnd > pos) {
            const std::string_view lit(text.data() + pos, literalEnd - pos);
            pieces_.push_back(Piece{Piece::Literal, addLiteral(lit),
                                    static_cast<std::uint32_t>(lit.size())});
        }
        if (open == std::string::npos) break;
        const std::size_t close = text.find("}}", open + 2);
        if (close == std::string::npos) qFatal("textbank: unclosed {{ in: %s", text.c_str());
        const std::string_view inner(text.data() + open + 2, close - open - 2);
        if (!inner.empty() && inner[0] == '#') {
            const std::size_t dash = inner.find('-', 1);
            const auto lo = static_cast<std::uint32_t>(std::stoul(std::string(inner.substr(1))));
            const auto hi =
                static_cast<std::uint32_t>(std::stoul(std::string(inner.substr(dash + 1))));
            pieces_.push_back(Piece{Piece::Number, lo, hi});
        } else if (inner.find('|') != std::string_view::npos) {
            const auto first = static_cast<std::uint32_t>(choiceItems_.size());
            std::size_t p = 0;
            while (true) {
                const std::size_t bar = inner.find('|', p);
                const std::string_view item =
                    inner.substr(p, bar == std::string_view::npos ? inner.size() - p : bar - p);
                choiceItems_.emplace_back(addLiteral(item), static_cast<std::uint32_t>(item.size()));
                if (bar == std::string_view::npos) break;
                p = bar + 1;
            }
            pieces_.push_back(Piece{Piece::Choice, first,
                                    static_cast<std::uint32_t>(choiceItems_.size()) - first});
        } else {
            pieces_.push_back(Piece{Piece::Rule, static_cast<std::uint32_t>(rule(inner)), 0});
        }
        pos = close + 2;
    }
    alt.pieceCount = static_cast<std::uint32_t>(pieces_.size()) - alt.firstPiece;
    alts_.push_back(alt);
}

void TextBank::expand(int r, Rng& rng, std::string& out) const { expandRule(r, rng, out, 0); }

void TextBank::expandAlternative(int r, int alternative, Rng& rng, std::string& out) const {
    expandPieces(alts_[rules_[r].firstAlt + static_cast<std::uint32_t>(alternative)], rng, out, 0);
}

void TextBank::expandRule(int r, Rng& rng, std::string& out, int depth) const {
    const Rule& rule = rules_[r];
    std::uint32_t index = 0;
    if (rule.uniform) {
        index = rng.below(rule.altCount);
    } else {
        std::uint32_t x = rng.below(rule.totalWeight);
        while (x >= alts_[rule.firstAlt + index].weight) {
            x -= alts_[rule.firstAlt + index].weight;
            ++index;
        }
    }
    expandPieces(alts_[rule.firstAlt + index], rng, out, depth);
}

void TextBank::expandPieces(const Alternative& alt, Rng& rng, std::string& out, int depth) const {
    if (depth > kMaxDepth) qFatal("textbank: grammar recursion too deep");
    for (std::uint32_t i = 0; i < alt.pieceCount; ++i) {
        const Piece& p = pieces_[alt.firstPiece + i];
        switch (p.kind) {
            case Piece::Literal:
                out.append(text_, p.a, p.b);
                break;
            case Piece::Rule:
                expandRule(static_cast<int>(p.a), rng, out, depth + 1);
                break;
            case Piece::Choice: {
                const auto& item = choiceItems_[p.a + rng.below(p.b)];
                out.append(text_, item.first, item.second);
                break;
            }
            case Piece::Number:
                out += std::to_string(p.a + rng.below(p.b - p.a + 1));
                break;
        }
    }
}

}  // namespace quarry::gen
