// SPDX-License-Identifier: GPL-3.0-or-later
#include "decompressor.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace quarry {
namespace {

class GzipDecompressor final : public Decompressor {
public:
    GzipDecompressor() {
        // 15 + 16: gzip wrapper only, the largest window (zlib.h, inflateInit2).
        ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
    }
    ~GzipDecompressor() override { inflateEnd(&z_); }

    bool run(const char* in, size_t inLen, size_t& inUsed, char* out, size_t outCap, size_t& outLen,
             std::string& error) override {
        inUsed = outLen = 0;
        if (!ok_) {
            error = "cannot start gzip decompression";
            return false;
        }
        // Also called with no new input: inflate may hold output that did not fit last time.
        while (outLen < outCap) {
            if (ended_) {
                if (inUsed == inLen) break;
                // Another member follows (gzip files may be concatenated); gzip(1) itself
                // ignores trailing zero padding, so do we.
                const auto* rest = reinterpret_cast<const unsigned char*>(in + inUsed);
                if (rest[0] == 0) {
                    while (inUsed < inLen && in[inUsed] == 0) ++inUsed;
                    continue;
                }
                if (rest[0] != 0x1F) {
                    error = "data after the end of the gzip stream";
                    return false;
                }
                inflateReset(&z_);
                ended_ = false;
            }
            z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in + inUsed));
            z_.avail_in = static_cast<uInt>(std::min<size_t>(inLen - inUsed, 1u << 30));
            z_.next_out = reinterpret_cast<Bytef*>(out + outLen);
            z_.avail_out = static_cast<uInt>(std::min<size_t>(outCap - outLen, 1u << 30));
            const uInt availIn = z_.avail_in, availOut = z_.avail_out;
            const int rc = inflate(&z_, Z_NO_FLUSH);
            inUsed += availIn - z_.avail_in;
            outLen += availOut - z_.avail_out;
            if (rc == Z_STREAM_END) {
                ended_ = true;
                continue;
            }
            if (rc == Z_BUF_ERROR) break;  // no progress possible: needs more input
            if (rc != Z_OK) {
                error = std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : zError(rc));
                return false;
            }
            if (availIn == z_.avail_in && availOut == z_.avail_out) break;
        }
        return true;
    }
    bool atStreamEnd() const override { return ended_; }

private:
    z_stream z_{};
    bool ok_ = false;
    bool ended_ = false;
};

class ZstdDecompressor final : public Decompressor {
public:
    // The default window limit (2^27, 128 MiB) stays: a frame header is input like any other,
    // and a larger limit would let one header make the importer allocate gigabytes. Frames
    // of `zstd --long=31` are refused with zstd's "Frame requires too much memory" reason.
    ZstdDecompressor() : d_(ZSTD_createDStream()) {}
    ~ZstdDecompressor() override { ZSTD_freeDStream(d_); }

    bool run(const char* in, size_t inLen, size_t& inUsed, char* out, size_t outCap, size_t& outLen,
             std::string& error) override {
        inUsed = outLen = 0;
        if (!d_) {
            error = "cannot start zstd decompression";
            return false;
        }
        ZSTD_inBuffer ib{in, inLen, 0};
        ZSTD_outBuffer ob{out, outCap, 0};
        while (ib.pos < ib.size && ob.pos < ob.size) {
            const size_t rc = ZSTD_decompressStream(d_, &ob, &ib);
            if (ZSTD_isError(rc)) {
                error = std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc);
                inUsed = ib.pos;
                outLen = ob.pos;
                return false;
            }
            // 0: a frame is complete and flushed; the next bytes (if any) start a new frame.
            ended_ = rc == 0;
        }
        // Output left in the context's buffer is flushed by later calls with no new input.
        if (ib.pos == ib.size && ob.pos < ob.size && !ended_) {
            const size_t rc = ZSTD_decompressStream(d_, &ob, &ib);
            if (!ZSTD_isError(rc)) ended_ = rc == 0;
        }
        inUsed = ib.pos;
        outLen = ob.pos;
        return true;
    }
    bool atStreamEnd() const override { return ended_; }

private:
    ZSTD_DStream* d_;
    bool ended_ = false;
};

}  // namespace

Decompressor::Kind Decompressor::sniff(const unsigned char* head, size_t n) {
    if (n >= 2 && head[0] == 0x1F && head[1] == 0x8B) return Kind::Gzip;
    if (n >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD)
        return Kind::Zstd;
    return Kind::None;
}

const char* Decompressor::name(Kind kind) {
    switch (kind) {
        case Kind::None:
            return "uncompressed";
        case Kind::Gzip:
            return "gzip";
        case Kind::Zstd:
            return "zstd";
    }
    return "?";
}

std::unique_ptr<Decompressor> Decompressor::create(Kind kind) {
    switch (kind) {
        case Kind::Gzip:
            return std::make_unique<GzipDecompressor>();
        case Kind::Zstd:
            return std::make_unique<ZstdDecompressor>();
        case Kind::None:
            break;
    }
    return nullptr;
}

const char* unsupportedContainer(const unsigned char* head, size_t n) {
    struct Magic {
        const char* bytes;
        size_t len;
        const char* name;
    };
    static const Magic kMagic[] = {
        {"\xFD"
         "7zXZ\x00",
         6, "xz-compressed"},
        {"\x04\x22\x4D\x18", 4, "lz4-compressed"},
        {"PK\x03\x04", 4, "a ZIP archive"},
        {"7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive"},
    };
    // bzip2: "BZh", the block size digit, then the block magic 0x314159265359 (pi).
    if (n >= 10 && std::memcmp(head, "BZh", 3) == 0 && head[3] >= '1' && head[3] <= '9' &&
        std::memcmp(head + 4, "1AY&SY", 6) == 0)
        return "bzip2-compressed";
    for (const Magic& m : kMagic)
        if (n >= m.len && std::memcmp(head, m.bytes, m.len) == 0) return m.name;
    return nullptr;
}

}  // namespace quarry
