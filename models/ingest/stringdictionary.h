// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

// The in-memory side of one dictionary table during an import: value -> id with lookups by
// string_view, so the hot path neither allocates nor copies for values already known.
// Open addressing over (hash, offset, length, id); the strings live in one arena.
class StringDictionary {
public:
    StringDictionary();
    // Known values, as loaded from the case.
    void insertExisting(std::string_view value, int64_t id);
    // Returns the id of value, assigning the next id when it is new (isNew is then true).
    int64_t idFor(std::string_view value, bool& isNew);
    size_t size() const { return count_; }
    int64_t nextId() const { return nextId_; }

private:
    struct Slot {
        uint64_t hash = 0;
        uint64_t offset = 0;
        uint32_t length = 0;
        int64_t id = 0;  // 0 = empty (ids start at 1)
    };
    void grow();
    Slot* find(std::string_view value, uint64_t hash);

    std::vector<Slot> slots_;
    std::string arena_;
    size_t count_ = 0;
    int64_t nextId_ = 1;
};

}  // namespace quarry
