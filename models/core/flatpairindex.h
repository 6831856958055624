// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace quarry {

// Map from a non-zero 64-bit key to a 32-bit index, in one flat array (open addressing, linear
// probing, filled to at most 3/4). The account-pair index of the link builder holds millions of
// keys; a node-based std::unordered_map spends most of its time in allocation and cache misses
// there, and takes about 40 bytes a key where this takes 12 to 24.
class FlatPairIndex {
public:
    explicit FlatPairIndex(size_t expected = 1024) { rehash(capacityFor(expected)); }

    // The index stored under key, inserting `value` first when the key is new; `inserted` says
    // which. Key 0 is reserved (the empty slot).
    uint32_t findOrInsert(uint64_t key, uint32_t value, bool& inserted) {
        if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
        size_t i = slotOf(key);
        while (slots_[i].key != 0) {
            if (slots_[i].key == key) {
                inserted = false;
                return slots_[i].value;
            }
            i = (i + 1) & mask_;
        }
        slots_[i] = {key, value};
        ++size_;
        inserted = true;
        return value;
    }
    size_t size() const { return size_; }

private:
#pragma pack(push, 4)
    struct Slot {
        uint64_t key = 0;
        uint32_t value = 0;
    };
#pragma pack(pop)
    static_assert(sizeof(Slot) == 12, "slots are packed");
    static size_t capacityFor(size_t n) {
        size_t c = 16;
        while (c * 3 < n * 4) c *= 2;
        return c;
    }
    size_t slotOf(uint64_t key) const {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        key ^= key >> 33;
        return static_cast<size_t>(key) & mask_;
    }
    void rehash(size_t capacity) {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        for (const Slot& s : old)
            if (s.key != 0) {
                size_t i = slotOf(s.key);
                while (slots_[i].key != 0) i = (i + 1) & mask_;
                slots_[i] = s;
            }
    }
    std::vector<Slot> slots_;
    size_t mask_ = 0, size_ = 0;
};

}  // namespace quarry
