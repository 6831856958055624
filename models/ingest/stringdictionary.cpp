// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringdictionary.h"

#include <xxhash.h>

#include <algorithm>

namespace quarry {

StringDictionary::StringDictionary() : slots_(1024) {}

StringDictionary::Slot* StringDictionary::find(std::string_view value, uint64_t hash) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& s = slots_[i];
        if (s.id == 0) return &s;
        if (s.hash == hash && s.length == value.size() &&
            std::string_view(arena_.data() + s.offset, s.length) == value)
            return &s;
    }
}

void StringDictionary::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (s.id == 0) continue;
        size_t i = s.hash & mask;
        while (slots_[i].id != 0) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

void StringDictionary::insertExisting(std::string_view value, int64_t id) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const uint64_t h = XXH3_64bits(value.data(), value.size());
    Slot* s = find(value, h);
    if (s->id == 0) {
        *s = {h, arena_.size(), static_cast<uint32_t>(value.size()), id};
        arena_.append(value);
        ++count_;
    }
    nextId_ = std::max(nextId_, id + 1);
}

int64_t StringDictionary::idFor(std::string_view value, bool& isNew) {
    const uint64_t h = XXH3_64bits(value.data(), value.size());
    Slot* s = find(value, h);
    if (s->id != 0) {
        isNew = false;
        return s->id;
    }
    isNew = true;
    const int64_t id = nextId_++;
    *s = {h, arena_.size(), static_cast<uint32_t>(value.size()), id};
    arena_.append(value);
    if (++count_ * 2 > slots_.size()) grow();
    return id;
}

}  // namespace quarry
