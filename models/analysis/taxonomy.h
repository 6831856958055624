// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The topic taxonomy: an editable JSON file (resources/taxonomy.json, compiled in as
// ":/quarry/taxonomy.json") listing topics with their regular expressions, plus a separate
// chain-of-thought elicitation section. Loading validates everything an analyst can get
// wrong while editing it, so TopicClassifier never sees a malformed taxonomy.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace quarry {

struct TaxonomyPattern {
    QString regex;        // Hyperscan syntax, matched case-insensitively on raw bytes
    double weight = 1.0;  // added to the topic's score when the pattern matches
};

struct Topic {
    QString id;           // stable key stored in cases, e.g. "coding"
    QString name;         // label shown to analysts
    QString color;        // "#rrggbb"; a string so this library stays free of QtGui
    QString description;
    double weight = 1.0;  // multiplies every pattern weight of the topic
    std::vector<TaxonomyPattern> patterns;
};

// Chain-of-thought elicitation. A prompt is flagged when a strong pattern matches, or a
// weak one matches and no suppress pattern does: "step by step" alone is ambiguous between
// "reason step by step" and "a step-by-step guide to baking bread".
struct CotRules {
    QString description;
    std::vector<TaxonomyPattern> strong;
    std::vector<TaxonomyPattern> weak;
    std::vector<TaxonomyPattern> suppress;
};

class Taxonomy {
public:
    // Hyperscan flags every pattern is validated and compiled with (hs_compile.h values).
    static unsigned patternFlags();

    // Loads and validates; on failure returns nullopt and, if error is given, a message
    // naming the file, the topic id, the pattern index and the problem.
    static std::optional<Taxonomy> fromFile(const QString& path, QString* error = nullptr);
    static std::optional<Taxonomy> fromJson(const QByteArray& json, const QString& sourceName,
                                            QString* error = nullptr);
    // The copy compiled into the library. Validated by tst_taxonomy; a broken built-in copy
    // is a build defect, so this aborts with the validation message rather than limp on.
    static const Taxonomy& builtin();
    static QString builtinPath();

    QString sourceName() const { return m_source; }
    int version() const { return m_version; }
    int topicCount() const { return static_cast<int>(m_topics.size()); }
    const Topic& topic(int index) const { return m_topics.at(static_cast<size_t>(index)); }
    const std::vector<Topic>& topics() const { return m_topics; }
    QStringList topicIds() const;
    int indexOf(const QString& id) const;  // -1 when absent
    int fallbackIndex() const { return m_fallback; }
    const CotRules& cot() const { return m_cot; }

private:
    Taxonomy() = default;
    QString m_source;
    int m_version = 1;
    std::vector<Topic> m_topics;
    int m_fallback = -1;
    CotRules m_cot;
};

}  // namespace quarry
