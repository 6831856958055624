// SPDX-License-Identifier: GPL-3.0-or-later
#include "templateslots.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

#include "casequeries.h"
#include "store/sqlite.h"

namespace quarry::gui {
namespace {

constexpr int kMaxValueChars = 80;
constexpr int kMaxValuesShown = 3;
constexpr double kSameTemplate = 0.5;  // share of distinct words two prompts of one template share

// A template's structure is in its first words; the cap bounds the quadratic alignment (a slot
// holding a pasted document ends at the cap).
constexpr int kMaxWords = 300;

QStringList words(const QString& text) {
    QStringList w = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (w.size() > kMaxWords) w.erase(w.begin() + kMaxWords, w.end());
    return w;
}

double jaccard(const QSet<QString>& a, const QSet<QString>& b) {
    if (a.isEmpty() && b.isEmpty()) return 1;
    const QSet<QString>& small = a.size() < b.size() ? a : b;
    const QSet<QString>& large = a.size() < b.size() ? b : a;
    int common = 0;
    for (const QString& w : small) common += large.contains(w);
    return double(common) / double(a.size() + b.size() - common);
}

// Longest common subsequence of two word lists.
QStringList lcs(const QStringList& a, const QStringList& b) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    std::vector<int> len(static_cast<size_t>((n + 1) * (m + 1)), 0);
    auto at = [&](int i, int j) -> int& { return len[static_cast<size_t>(i * (m + 1) + j)]; };
    for (int i = n - 1; i >= 0; --i)
        for (int j = m - 1; j >= 0; --j)
            at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    QStringList out;
    for (int i = 0, j = 0; i < n && j < m;) {
        if (a[i] == b[j]) {
            out << a[i];
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

// The words of `prompt` between the skeleton's words: gaps[0] before the first, gaps[k] after
// the k-th. The skeleton is a subsequence of every prompt of its group, so a left-to-right
// match always succeeds.
QStringList gapsOf(const QStringList& skeleton, const QStringList& prompt) {
    QStringList gaps;
    QStringList current;
    int s = 0;
    for (const QString& w : prompt) {
        if (s < skeleton.size() && w == skeleton[s]) {
            gaps << current.join(QLatin1Char(' '));
            current.clear();
            ++s;
        } else {
            current << w;
        }
    }
    gaps << current.join(QLatin1Char(' '));
    while (gaps.size() < skeleton.size() + 1) gaps << QString();
    return gaps;
}

QString shortened(const QString& s, int chars) {
    return s.size() <= chars ? s : s.left(chars - 1) + QStringLiteral("…");
}

struct Group {
    QSet<QString> vocabulary;  // the first prompt's words
    std::vector<int> members;  // sample indexes
};

TemplateSlots describeGroup(const std::vector<PromptSample>& samples,
                            const std::vector<QStringList>& tokens, const Group& g) {
    QStringList skeleton = tokens[static_cast<size_t>(g.members.front())];
    for (size_t i = 1; i < g.members.size(); ++i)
        skeleton = lcs(skeleton, tokens[static_cast<size_t>(g.members[i])]);

    std::vector<QStringList> gaps;
    std::vector<bool> used(static_cast<size_t>(skeleton.size() + 1), false);
    for (int m : g.members) {
        gaps.push_back(gapsOf(skeleton, tokens[static_cast<size_t>(m)]));
        for (int k = 0; k < gaps.back().size(); ++k)
            if (!gaps.back()[k].isEmpty()) used[static_cast<size_t>(k)] = true;
    }
    TemplateSlots t;
    std::vector<int> slotGap;  // slot -> gap index
    QStringList shown;
    for (int k = 0; k <= skeleton.size(); ++k) {
        if (used[static_cast<size_t>(k)]) {
            slotGap.push_back(k);
            const int n = static_cast<int>(slotGap.size());
            shown << QStringLiteral("⟨%1⟩").arg(n);
            t.slotNames << (k == 0 ? QStringLiteral("%1 before “%2”")
                                         .arg(n)
                                         .arg(shortened(skeleton.value(0), 20))
                                   : QStringLiteral("%1 after “%2”")
                                         .arg(n)
                                         .arg(shortened(skeleton[k - 1], 20)));
        }
        if (k < skeleton.size()) shown << skeleton[k];
    }
    t.skeleton = shown.join(QLatin1Char(' '));
    t.prompts = static_cast<int>(g.members.size());

    // One row per account, in sample order; per slot the account's distinct values.
    std::map<int64_t, size_t> rowOf;
    std::vector<std::vector<QStringList>> values;  // row -> slot -> distinct values
    for (size_t i = 0; i < g.members.size(); ++i) {
        const PromptSample& p = samples[static_cast<size_t>(g.members[i])];
        auto [it, added] = rowOf.emplace(p.account, t.rows.size());
        if (added) {
            t.rows.push_back({p.account, p.name, 0, {}});
            values.emplace_back(slotGap.size());
        }
        ++t.rows[it->second].prompts;
        for (size_t s = 0; s < slotGap.size(); ++s) {
            const QString v = gaps[i][slotGap[s]];
            QStringList& list = values[it->second][s];
            if (!v.isEmpty() && !list.contains(v)) list << v;
        }
    }
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (const QStringList& list : values[r]) {
            QStringList cell;
            for (int i = 0; i < list.size() && i < kMaxValuesShown; ++i)
                cell << shortened(list[i], kMaxValueChars);
            if (list.size() > kMaxValuesShown)
                cell << QStringLiteral("(+%1 more)").arg(list.size() - kMaxValuesShown);
            t.rows[r].values << cell.join(QStringLiteral(" | "));
        }
    t.accounts = static_cast<int>(t.rows.size());
    return t;
}

}  // namespace

std::vector<TemplateSlots> deriveTemplates(const std::vector<PromptSample>& samples,
                                           int minAccounts, int maxTemplates) {
    std::vector<QStringList> tokens;
    tokens.reserve(samples.size());
    for (const PromptSample& s : samples) tokens.push_back(words(s.prompt));
    // Greedy grouping against each group's first prompt: a template's prompts share most of
    // their words whatever goes into the slots.
    std::vector<Group> groups;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (tokens[i].isEmpty()) continue;
        const QSet<QString> vocabulary(tokens[i].begin(), tokens[i].end());
        double best = kSameTemplate;
        Group* into = nullptr;
        for (Group& g : groups) {
            const double j = jaccard(vocabulary, g.vocabulary);
            if (j >= best) {
                best = j;
                into = &g;
            }
        }
        if (into)
            into->members.push_back(static_cast<int>(i));
        else
            groups.push_back({vocabulary, {static_cast<int>(i)}});
    }
    std::vector<TemplateSlots> out;
    for (const Group& g : groups) {
        QSet<int64_t> accounts;
        for (int m : g.members) accounts.insert(samples[static_cast<size_t>(m)].account);
        if (accounts.size() >= minAccounts) out.push_back(describeGroup(samples, tokens, g));
    }
    std::stable_sort(out.begin(), out.end(), [](const TemplateSlots& a, const TemplateSlots& b) {
        return a.accounts != b.accounts ? a.accounts > b.accounts : a.prompts > b.prompts;
    });
    if (out.size() > static_cast<size_t>(maxTemplates))
        out.resize(static_cast<size_t>(maxTemplates));
    return out;
}

ClusterTemplates clusterTemplates(sqlite3* db, int64_t cluster, int maxMembers,
                                  int promptsPerMember) {
    ClusterTemplates out;
    const std::vector<int64_t> members = clusterMembers(db, cluster);
    out.membersTotal = static_cast<int>(members.size());
    std::vector<PromptSample> samples;
    sql::Statement name(db, "SELECT value FROM accounts WHERE id = ?");
    sql::Statement prompts(db,
                           "SELECT t.prompt FROM requests r JOIN request_text t ON t.id = r.id "
                           "WHERE r.account_id = ? AND t.prompt IS NOT NULL AND t.prompt <> '' "
                           "ORDER BY r.ts LIMIT ?");
    for (int64_t account : members) {
        if (out.membersRead >= maxMembers) break;
        ++out.membersRead;
        name.bind(1, account);
        const QString accountName = name.step() ? name.text(0) : QString::number(account);
        name.reset();
        prompts.bind(1, account);
        prompts.bind(2, promptsPerMember);
        while (prompts.step()) samples.push_back({account, accountName, prompts.text(0)});
        prompts.reset();
    }
    out.hasPrompts = !samples.empty();
    out.templates = deriveTemplates(samples);
    return out;
}

}  // namespace quarry::gui
