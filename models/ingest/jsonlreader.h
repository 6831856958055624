// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "linesplitter.h"
#include "recordreader.h"

namespace quarry {

// JSON Lines: one object per line. Nested objects are flattened to dotted keys
// ({"user":{"id":1}} gives "user.id") so OpenTelemetry attributes and gateway metadata map by
// alias; a chat "messages" array given for the prompt becomes the text of its user turns.
class JsonlReader final : public RecordReader {
public:
    JsonlReader();
    ~JsonlReader() override;
    const char* formatName() const override { return "jsonl"; }
    const char* description() const override {
        return "JSON Lines, one object a line; nested keys flattened (user.id), aliases mapped";
    }
    int confidence(const FileHead& head) const override;
    bool next(SourceRow& row) override;
    // True when the first non-blank byte opens an object.
    static bool sniff(const QByteArray& head);

protected:
    bool readHeader(QString* error) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    LineSplitter lines_{input_};
};

}  // namespace quarry
