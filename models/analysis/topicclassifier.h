// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Assigns each prompt one taxonomy topic and a chain-of-thought elicitation flag.
//
// All patterns of a Taxonomy (topics and CoT) are compiled ONCE into a single Hyperscan
// block-mode database, so a prompt is scanned once for every pattern at once; cost grows with
// prompt length, hardly with the number of patterns. That is what lets one analysis pass run
// over tens of millions of prompts.
//
// Thread safety: a TopicClassifier is immutable after create() and may be shared by any
// number of threads. Scanning needs a Scratch (Hyperscan scratch space plus score buffers);
// a Scratch must be used by one thread at a time. Give each worker thread its own
// makeScratch(). The overloads without a Scratch use one internal scratch behind a mutex:
// correct from any thread, but they serialise, so keep them for tests and one-off calls.

#include "analysis/taxonomy.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace quarry {

class TopicClassifier {
public:
    struct Result {
        int topic = -1;           // index into taxonomy().topics(); the fallback when nothing matched
        bool cot = false;         // chain-of-thought elicitation
        float confidence = 0.0f;  // winner's share of all topic scores, 0 for the fallback
    };

    // What matched, for reasons an analyst can read ("coding: pattern 3 `traceback...`").
    struct Hit {
        enum class Kind : std::uint8_t { Topic, CotStrong, CotWeak, CotSuppress };
        Kind kind = Kind::Topic;
        int topic = -1;    // topic index for Kind::Topic, else -1
        int pattern = -1;  // index within the topic's (or the cot list's) patterns
    };

    class Scratch {
    public:
        Scratch(Scratch&& other) noexcept;
        Scratch& operator=(Scratch&& other) noexcept;
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;
        ~Scratch();

    private:
        friend class TopicClassifier;
        Scratch() = default;
        hs_scratch* hs = nullptr;
        std::vector<std::uint32_t> seen;  // per pattern: generation of the last hit (dedupe head/tail)
        std::vector<int> hits;            // pattern ids hit in the current prompt
        std::vector<float> scores;        // per topic
        std::uint32_t generation = 0;
    };

    // Only the first kHeadBytes and the last kTailBytes of a longer prompt are scanned. The
    // request is almost always stated at the start (or appended at the end, like "Let's think
    // step by step"), while the middle of a huge prompt is pasted material: a document, a log,
    // a code file. Capping the bytes per prompt keeps one pass over millions of prompts
    // predictable and stops a few megabyte-sized pastes from dominating it.
    static constexpr size_t kHeadBytes = 12 * 1024;
    static constexpr size_t kTailBytes = 4 * 1024;

    // Compiles the taxonomy; nullptr and an error (naming the topic and pattern) on failure,
    // including when the CPU does not support Hyperscan (hs_valid_platform).
    static std::unique_ptr<TopicClassifier> create(const Taxonomy& taxonomy, QString* error = nullptr);
    ~TopicClassifier();
    TopicClassifier(const TopicClassifier&) = delete;
    TopicClassifier& operator=(const TopicClassifier&) = delete;

    const Taxonomy& taxonomy() const { return m_taxonomy; }
    int patternCount() const { return static_cast<int>(m_refs.size()); }
    size_t databaseBytes() const;

    Scratch makeScratch() const;

    Result classify(std::string_view prompt, Scratch& scratch) const;
    Result classify(std::string_view prompt) const;
    // One result per prompt, in order; reuses the scratch for the whole batch.
    std::vector<Result> classifyMany(const std::vector<std::string_view>& prompts, Scratch& scratch) const;
    std::vector<Result> classifyMany(const std::vector<std::string_view>& prompts) const;

    // The same scoring as classify(), also returning every pattern that matched.
    Result explain(std::string_view prompt, std::vector<Hit>* hits) const;

private:
    struct PatternRef {
        Hit::Kind kind;
        int topic;
        int index;
        float weight;  // pattern weight x topic weight, for Kind::Topic
    };

    explicit TopicClassifier(Taxonomy taxonomy);
    void scan(std::string_view prompt, Scratch& scratch) const;
    Result score(Scratch& scratch) const;

    Taxonomy m_taxonomy;
    std::vector<PatternRef> m_refs;  // indexed by Hyperscan expression id
    hs_database* m_db = nullptr;
    hs_scratch* m_prototype = nullptr;  // cloned by makeScratch()
    mutable std::mutex m_sharedLock;
    std::unique_ptr<Scratch> m_shared;  // for the overloads without a Scratch
};

}  // namespace quarry
