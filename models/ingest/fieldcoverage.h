// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

#include "core/fields.h"

namespace quarry {

class RecordReader;

// How many records carried each canonical field.
using FieldCounts = std::array<int64_t, kFieldCount>;

inline void countFields(uint32_t present, FieldCounts& counts) {
    for (int f = 0; f < kFieldCount; ++f)
        if (present & (1u << f)) ++counts[static_cast<size_t>(f)];
}

// A canonical field that no record of a source carried: why the source lacks it (the reader
// knows its tool: "LiteLLM stores none unless store_prompts_in_spend_logs is on") and what
// the analysis cannot measure without it.
struct MissingField {
    Field field;
    QString why;
    QString cost;
    // "no prompt text: <why>; <cost>"
    QString text() const;
};

// The fields in `which` (every field that costs something when empty) that none of the
// counted records carried. Empty when no record was counted: nothing can be said then.
std::vector<MissingField> missingFields(const FieldCounts& counts, int64_t records,
                                        const RecordReader& reader,
                                        const std::vector<Field>& which = {});

// The fields `import` warns about when a whole source lacks them.
inline std::vector<Field> importWarnedFields() {
    return {Field::Prompt, Field::Ip, Field::UserAgent};
}

}  // namespace quarry
