// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One-permutation MinHash (Li, Owen & Zhang 2012): each element is hashed once and lands in one
// of K buckets, which keeps the minimum. It estimates Jaccard similarity like K independent
// permutations at 1/K of the cost, which is what makes signatures of millions of prompts cheap.
// Band keys for LSH hash R consecutive buckets together (B = K / R bands): two sets collide in
// some band with probability 1 - (1 - J^R)^B, so near-duplicates meet without comparing all pairs.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace quarry::minhash {

inline constexpr int kBuckets = 24;
inline constexpr uint32_t kEmpty = 0xFFFFFFFFu;

using Signature = std::array<uint32_t, kBuckets>;

inline uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

class Builder {
public:
    Builder() { clear(); }
    void clear() {
        sig_.fill(kEmpty);
        count_ = 0;
    }
    void add(uint64_t elementHash) {
        const uint64_t h = mix64(elementHash);
        const uint32_t bucket = static_cast<uint32_t>(h % kBuckets);
        const uint32_t value = static_cast<uint32_t>(h >> 32);
        if (value < sig_[bucket]) sig_[bucket] = value;
        ++count_;
    }
    size_t count() const { return count_; }
    // Fills empty buckets from the next non-empty one (rotation densification, Shrivastava 2017)
    // so that short sets still produce comparable band keys.
    Signature finish() const;

private:
    Signature sig_;
    size_t count_ = 0;
};

// Estimated Jaccard similarity of two signatures.
double similarity(const Signature& a, const Signature& b);

// LSH band keys: kBuckets / rows keys, each a hash of one band of `rows` buckets and its index.
void bandKeys(const Signature& s, int rows, std::vector<uint64_t>& out);

// A prompt's template signature: lower-cased word 3-shingles with digits folded to '0', so the
// fixed wording of a template dominates and slot values (numbers, names) matter less. Returns
// false when the prompt has too few words to say anything.
bool promptSignature(std::string_view prompt, Signature& out, size_t maxBytes = 4096);

}  // namespace quarry::minhash
