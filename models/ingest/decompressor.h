// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace quarry {

// Streaming decompression for InputFile: logs delivered to object storage arrive gzipped
// (AWS Bedrock invocation logs, CloudWatch exports) or zstd-compressed. The format is told by
// the file's magic bytes, not its name, so "requests.jsonl" that is really gzip still reads.
class Decompressor {
public:
    enum class Kind { None, Gzip, Zstd };
    // gzip is 1F 8B (RFC 1952 2.3.1); zstd is the little-endian magic 0xFD2FB528 (RFC 8878 3.1.1).
    static Kind sniff(const unsigned char* head, size_t n);
    static const char* name(Kind kind);
    static std::unique_ptr<Decompressor> create(Kind kind);

    virtual ~Decompressor() = default;
    // Decompresses from [in, in+inLen) into [out, out+outCap). Sets inUsed and outLen; returns
    // false with error set on corrupt data. Concatenated streams (cat a.gz b.gz) continue.
    virtual bool run(const char* in, size_t inLen, size_t& inUsed, char* out, size_t outCap,
                     size_t& outLen, std::string& error) = 0;
    // True when the data so far ends exactly at the end of a complete stream, so end of file
    // here is not a truncated download.
    virtual bool atStreamEnd() const = 0;
};

// A text name for the first bytes of a file in a compression or archive format Quarry does not
// read (bzip2, xz, zip, 7z...), or nullptr.
const char* unsupportedContainer(const unsigned char* head, size_t n);

}  // namespace quarry
