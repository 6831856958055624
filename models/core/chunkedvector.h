// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace quarry {

// A list that grows a fixed-size chunk at a time and hands its items over as one vector.
//
// A std::vector that grows by doubling holds its old and its new buffer at once, three times
// its items, and may keep up to twice what it needs afterwards: the link builder's million-odd
// links (88 bytes each) made analysis memory jump by a third whenever their count crossed a
// power of two (issue 15 item 10). Here growth costs one chunk, and take() moves the items into
// an exact-size vector while freeing each chunk as it goes, so the hand-over costs one chunk too.
template <typename T, size_t ChunkItems = 65536>
class ChunkedVector {
public:
    T& emplace_back() {
        if (chunks_.empty() || chunks_.back().size() == ChunkItems) {
            chunks_.emplace_back();
            chunks_.back().reserve(ChunkItems);
        }
        ++size_;
        return chunks_.back().emplace_back();
    }
    T& operator[](size_t i) { return chunks_[i / ChunkItems][i % ChunkItems]; }
    size_t size() const { return size_; }

    std::vector<T> take() {
        std::vector<T> out;
        out.reserve(size_);
        for (auto& chunk : chunks_) {
            for (T& item : chunk) out.push_back(std::move(item));
            std::vector<T>().swap(chunk);
        }
        chunks_.clear();
        size_ = 0;
        return out;
    }

private:
    std::vector<std::vector<T>> chunks_;
    size_t size_ = 0;
};

}  // namespace quarry
