// SPDX-License-Identifier: GPL-3.0-or-later
#include "minhash.h"

#include <xxhash.h>

namespace quarry::minhash {

Signature Builder::finish() const {
    Signature s = sig_;
    if (count_ == 0) return s;
    for (int i = 0; i < kBuckets; ++i) {
        if (s[i] != kEmpty) continue;
        for (int step = 1; step < kBuckets; ++step) {
            const uint32_t v = sig_[(i + step) % kBuckets];
            if (v != kEmpty) {
                // Offset by the distance so a borrowed value differs from the original bucket's.
                s[i] = v + static_cast<uint32_t>(step) * 0x9E3779B9u;
                break;
            }
        }
    }
    return s;
}

double similarity(const Signature& a, const Signature& b) {
    int same = 0;
    for (int i = 0; i < kBuckets; ++i) same += a[i] == b[i] && a[i] != kEmpty;
    return static_cast<double>(same) / kBuckets;
}

void bandKeys(const Signature& s, int rows, std::vector<uint64_t>& out) {
    out.clear();
    for (int band = 0; band + rows <= kBuckets; band += rows) {
        uint64_t k = XXH3_64bits(s.data() + band, sizeof(uint32_t) * rows);
        out.push_back(mix64(k ^ static_cast<uint64_t>(band + 1)));
    }
}

bool promptSignature(std::string_view prompt, Signature& out, size_t maxBytes) {
    if (prompt.size() > maxBytes) prompt = prompt.substr(0, maxBytes);
    // Words as hashes; only the last three matter for the shingle.
    uint64_t w[3] = {0, 0, 0};
    int words = 0;
    Builder b;
    char word[64];
    size_t len = 0;
    auto endWord = [&] {
        if (len == 0) return;
        const uint64_t h = XXH3_64bits(word, len);
        len = 0;
        w[0] = w[1];
        w[1] = w[2];
        w[2] = h;
        if (++words >= 3) b.add(w[0] * 0x9E3779B97F4A7C15ULL ^ w[1] * 0xC2B2AE3D27D4EB4FULL ^ w[2]);
    };
    for (const char c0 : prompt) {
        unsigned char c = static_cast<unsigned char>(c0);
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if (c >= '0' && c <= '9') c = '0';
        const bool wordChar = (c >= 'a' && c <= 'z') || c == '0' || c >= 0x80 || c == '_';
        if (wordChar) {
            if (len < sizeof word) word[len++] = static_cast<char>(c);
        } else {
            endWord();
        }
    }
    endWord();
    // Fewer than eight words are too generic to call two prompts one template.
    if (words < 8) return false;
    out = b.finish();
    return true;
}

}  // namespace quarry::minhash
