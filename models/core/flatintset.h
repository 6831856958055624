// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quarry {

// A set of non-negative 32-bit ids in one flat array (open addressing, linear probing, filled to
// at most 3/4), 5 to 11 bytes an id. Each account keeps several bounded sets of the addresses, user
// agents, keys and payments it used; as std::unordered_set (a heap node and a bucket an id, about
// 40 bytes) they were the part of analysis memory that grew with the requests of a case (issue 15
// item 10).
class FlatIntSet {
public:
    // Adds v (negative values are not ids and are ignored); true when it was new.
    bool insert(int32_t v) {
        if (v < 0) return false;
        if ((size_ + 1) * 4 > slots_.size() * 3) grow();
        size_t i = slotOf(v);
        while (slots_[i] >= 0) {
            if (slots_[i] == v) return false;
            i = (i + 1) & (slots_.size() - 1);
        }
        slots_[i] = v;
        ++size_;
        return true;
    }
    bool contains(int32_t v) const {
        if (v < 0 || slots_.empty()) return false;
        for (size_t i = slotOf(v); slots_[i] >= 0; i = (i + 1) & (slots_.size() - 1))
            if (slots_[i] == v) return true;
        return false;
    }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    // Calls fn(id) for every id, in no particular order.
    template <typename Fn>
    void forEach(Fn fn) const {
        for (int32_t v : slots_)
            if (v >= 0) fn(v);
    }

    // The same ids, whatever order they were inserted in.
    bool operator==(const FlatIntSet& other) const {
        if (size_ != other.size_) return false;
        for (int32_t v : slots_)
            if (v >= 0 && !other.contains(v)) return false;
        return true;
    }
    bool operator!=(const FlatIntSet& other) const { return !(*this == other); }

private:
    size_t slotOf(int32_t v) const {
        return static_cast<size_t>((static_cast<uint32_t>(v) * 0x9E3779B1u) >> 7) &
               (slots_.size() - 1);
    }
    void grow() {
        std::vector<int32_t> old(slots_.empty() ? 8 : slots_.size() * 2, -1);
        old.swap(slots_);
        size_ = 0;
        for (int32_t v : old)
            if (v >= 0) insert(v);
    }
    std::vector<int32_t> slots_;  // -1 = empty
    size_t size_ = 0;
};

}  // namespace quarry
