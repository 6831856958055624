// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/topicclassifier.h"

#include <hs.h>

#include <algorithm>
#include <new>
#include <utility>

namespace quarry {
namespace {

struct ScanContext {
    std::vector<std::uint32_t>* seen;
    std::vector<int>* hits;
    std::uint32_t generation;
};

// HS_FLAG_SINGLEMATCH reports each pattern at most once per hs_scan call; the generation
// stamp also dedupes across the head and tail scans of one prompt.
int onMatch(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/,
            unsigned int /*flags*/, void* context) {
    auto* ctx = static_cast<ScanContext*>(context);
    std::uint32_t& stamp = (*ctx->seen)[id];
    if (stamp != ctx->generation) {
        stamp = ctx->generation;
        ctx->hits->push_back(static_cast<int>(id));
    }
    return 0;  // keep scanning: the score needs every pattern, not the first
}

}  // namespace

TopicClassifier::Scratch::Scratch(Scratch&& other) noexcept
    : hs(std::exchange(other.hs, nullptr)),
      seen(std::move(other.seen)),
      hits(std::move(other.hits)),
      scores(std::move(other.scores)),
      generation(other.generation) {}

TopicClassifier::Scratch& TopicClassifier::Scratch::operator=(Scratch&& other) noexcept {
    if (this != &other) {
        if (hs) hs_free_scratch(hs);
        hs = std::exchange(other.hs, nullptr);
        seen = std::move(other.seen);
        hits = std::move(other.hits);
        scores = std::move(other.scores);
        generation = other.generation;
    }
    return *this;
}

TopicClassifier::Scratch::~Scratch() {
    if (hs) hs_free_scratch(hs);
}

TopicClassifier::TopicClassifier(Taxonomy taxonomy) : m_taxonomy(std::move(taxonomy)) {}

TopicClassifier::~TopicClassifier() {
    m_shared.reset();
    if (m_prototype) hs_free_scratch(m_prototype);
    if (m_db) hs_free_database(m_db);
}

std::unique_ptr<TopicClassifier> TopicClassifier::create(const Taxonomy& taxonomy, QString* error) {
    auto setError = [&](const QString& e) { if (error) *error = e; };
    if (hs_valid_platform() != HS_SUCCESS) {
        setError(QStringLiteral("Hyperscan is not supported on this CPU (it needs at least SSSE3)"));
        return nullptr;
    }
    std::unique_ptr<TopicClassifier> c(new TopicClassifier(taxonomy));

    // One expression list for everything; the expression id indexes m_refs.
    std::vector<QByteArray> storage;
    auto add = [&](Hit::Kind kind, int topic, int index, const TaxonomyPattern& p, double topicWeight) {
        storage.push_back(p.regex.toUtf8());
        c->m_refs.push_back({kind, topic, index, static_cast<float>(p.weight * topicWeight)});
    };
    for (int t = 0; t < c->m_taxonomy.topicCount(); ++t) {
        const Topic& topic = c->m_taxonomy.topic(t);
        for (size_t i = 0; i < topic.patterns.size(); ++i)
            add(Hit::Kind::Topic, t, static_cast<int>(i), topic.patterns[i], topic.weight);
    }
    const CotRules& cot = c->m_taxonomy.cot();
    for (size_t i = 0; i < cot.strong.size(); ++i) add(Hit::Kind::CotStrong, -1, static_cast<int>(i), cot.strong[i], 1);
    for (size_t i = 0; i < cot.weak.size(); ++i) add(Hit::Kind::CotWeak, -1, static_cast<int>(i), cot.weak[i], 1);
    for (size_t i = 0; i < cot.suppress.size(); ++i)
        add(Hit::Kind::CotSuppress, -1, static_cast<int>(i), cot.suppress[i], 1);
    if (storage.empty()) {
        setError(taxonomy.sourceName() + QStringLiteral(": taxonomy has no patterns"));
        return nullptr;
    }

    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < storage.size(); ++i) {
        exprs.push_back(storage[i].constData());
        flags.push_back(Taxonomy::patternFlags());
        ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                         HS_MODE_BLOCK, nullptr, &c->m_db, &err) != HS_SUCCESS) {
        QString where = taxonomy.sourceName();
        if (err && err->expression >= 0 && static_cast<size_t>(err->expression) < c->m_refs.size()) {
            const PatternRef& r = c->m_refs[static_cast<size_t>(err->expression)];
            static const char* const kinds[] = {"", "cot.patterns", "cot.weak", "cot.suppress"};
            where += r.kind == Hit::Kind::Topic
                         ? QStringLiteral(": topic \"%1\" pattern %2").arg(taxonomy.topic(r.topic).id).arg(r.index)
                         : QStringLiteral(": %1 pattern %2").arg(QLatin1String(kinds[static_cast<int>(r.kind)])).arg(r.index);
            where += QStringLiteral(" \"%1\"").arg(QString::fromUtf8(storage[static_cast<size_t>(err->expression)]));
        }
        setError(where + QStringLiteral(": Hyperscan: ") +
                 QString::fromUtf8(err && err->message ? err->message : "compile failed"));
        hs_free_compile_error(err);
        return nullptr;
    }
    if (hs_alloc_scratch(c->m_db, &c->m_prototype) != HS_SUCCESS) {
        setError(QStringLiteral("Hyperscan: cannot allocate scratch space"));
        return nullptr;
    }
    c->m_shared = std::make_unique<Scratch>(c->makeScratch());
    return c;
}

size_t TopicClassifier::databaseBytes() const {
    size_t size = 0;
    if (m_db) hs_database_size(m_db, &size);
    return size;
}

TopicClassifier::Scratch TopicClassifier::makeScratch() const {
    Scratch s;
    if (hs_clone_scratch(m_prototype, &s.hs) != HS_SUCCESS) throw std::bad_alloc();
    s.seen.assign(m_refs.size(), 0);
    s.hits.reserve(64);
    s.scores.assign(static_cast<size_t>(m_taxonomy.topicCount()), 0.0f);
    return s;
}

void TopicClassifier::scan(std::string_view prompt, Scratch& s) const {
    s.hits.clear();
    if (++s.generation == 0) {  // wrapped after 4 billion prompts: old stamps could collide
        std::fill(s.seen.begin(), s.seen.end(), 0);
        s.generation = 1;
    }
    ScanContext ctx{&s.seen, &s.hits, s.generation};
    auto run = [&](std::string_view part) {
        if (part.empty()) return;
        // Only fails on invalid arguments or scratch misuse, both programming errors; a
        // failed scan leaves the prompt with the hits found so far (usually none).
        hs_scan(m_db, part.data(), static_cast<unsigned>(part.size()), 0, s.hs, onMatch, &ctx);
    };
    if (prompt.size() <= kHeadBytes + kTailBytes) {
        run(prompt);
    } else {
        // Two separate scans rather than hs_scan_vector: a vectored scan treats the pieces as
        // contiguous and could report a match spanning the cut.
        run(prompt.substr(0, kHeadBytes));
        run(prompt.substr(prompt.size() - kTailBytes));
    }
}

TopicClassifier::Result TopicClassifier::score(Scratch& s) const {
    std::fill(s.scores.begin(), s.scores.end(), 0.0f);
    bool strong = false, weak = false, suppress = false;
    for (int id : s.hits) {
        const PatternRef& r = m_refs[static_cast<size_t>(id)];
        switch (r.kind) {
        case Hit::Kind::Topic: s.scores[static_cast<size_t>(r.topic)] += r.weight; break;
        case Hit::Kind::CotStrong: strong = true; break;
        case Hit::Kind::CotWeak: weak = true; break;
        case Hit::Kind::CotSuppress: suppress = true; break;
        }
    }
    Result res;
    res.cot = strong || (weak && !suppress);
    // Highest score wins; strict '>' keeps the earlier topic on a tie, so the file's order is
    // the priority (agentic before coding, grading before writing, ...).
    float best = 0.0f, total = 0.0f;
    for (size_t t = 0; t < s.scores.size(); ++t) {
        total += s.scores[t];
        if (s.scores[t] > best) {
            best = s.scores[t];
            res.topic = static_cast<int>(t);
        }
    }
    if (res.topic < 0) {
        res.topic = m_taxonomy.fallbackIndex();
        res.confidence = 0.0f;
    } else {
        res.confidence = best / total;
    }
    return res;
}

TopicClassifier::Result TopicClassifier::classify(std::string_view prompt, Scratch& scratch) const {
    scan(prompt, scratch);
    return score(scratch);
}

TopicClassifier::Result TopicClassifier::classify(std::string_view prompt) const {
    std::lock_guard<std::mutex> lock(m_sharedLock);
    return classify(prompt, *m_shared);
}

std::vector<TopicClassifier::Result> TopicClassifier::classifyMany(const std::vector<std::string_view>& prompts,
                                                                   Scratch& scratch) const {
    std::vector<Result> out;
    out.reserve(prompts.size());
    for (std::string_view p : prompts) out.push_back(classify(p, scratch));
    return out;
}

std::vector<TopicClassifier::Result> TopicClassifier::classifyMany(const std::vector<std::string_view>& prompts) const {
    std::lock_guard<std::mutex> lock(m_sharedLock);
    return classifyMany(prompts, *m_shared);
}

TopicClassifier::Result TopicClassifier::explain(std::string_view prompt, std::vector<Hit>* hits) const {
    std::lock_guard<std::mutex> lock(m_sharedLock);
    scan(prompt, *m_shared);
    if (hits) {
        hits->clear();
        for (int id : m_shared->hits) {
            const PatternRef& r = m_refs[static_cast<size_t>(id)];
            hits->push_back({r.kind, r.topic, r.index});
        }
    }
    return score(*m_shared);
}

}  // namespace quarry
