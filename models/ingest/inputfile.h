// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "decompressor.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace quarry {

// Streams a file through a bounded window and hashes every byte it reads (SHA-256), so the
// digest recorded for a source is the digest of exactly the bytes that were imported, as they
// are stored (a .gz file's digest is of the compressed bytes, which is what sha256sum shows).
// Readers look at [begin(), end()), consume() what they used and fill() for more; the window
// only grows past the chunk size while one record is longer than a chunk.
//
// What readers see is text: gzip and zstd files are decompressed on the way (told by their
// magic bytes); classic Mac line ends (CR only) become LF so every reader's line splitting
// holds; and a file in an encoding or container Quarry cannot read (UTF-16, UTF-32, binary,
// bzip2, xz, zip...) fails on the first fill() with an error that names it, instead of every
// line being quarantined as malformed.
class InputFile {
public:
    static constexpr size_t kChunk = 4 << 20;
    static constexpr size_t kPadding = 64;  // readable slack after end() (simdjson needs it)

    InputFile();
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    bool open(const QString& path, QString* error);
    const QString& path() const { return path_; }
    int64_t size() const { return size_; }  // bytes as stored
    Decompressor::Kind compression() const { return compression_; }
    bool crLineEnds() const { return crOnly_; }

    const char* begin() const { return buf_.data() + pos_; }
    const char* end() const { return buf_.data() + end_; }
    size_t available() const { return end_ - pos_; }
    void consume(size_t n) { pos_ += n; }
    // Appends the next chunk after the unconsumed bytes (moving them to the front first).
    // Returns false at end of file or on a read error (see error()).
    bool fill();
    bool atEof() const { return eof_; }
    bool failed() const { return !error_.isEmpty(); }
    const QString& error() const { return error_; }
    // Progress in stored bytes (for a compressed file, compressed bytes read so far).
    int64_t bytesConsumed() const {
        return compression_ != Decompressor::Kind::None
                   ? rawOffset_
                   : rawOffset_ - static_cast<int64_t>(available());
    }

    // Hex SHA-256 of everything read so far; the file's digest once atEof().
    std::string sha256Hex() const;

private:
    // Reads the next stored bytes into dst (at most cap); 0 at end of file, -1 on error.
    int64_t readRaw(char* dst, size_t cap);
    // Appends up to kChunk decompressed bytes at end_; 0 at the end of the stream, -1 on error.
    int64_t readDecompressed(char* dst, size_t cap);
    bool checkFirstChunk();
    void failWith(const QString& reason);

    QFile file_;
    QString path_;
    QString error_;
    int64_t size_ = 0;
    int64_t rawOffset_ = 0;  // stored bytes read from the file so far
    std::vector<char> buf_;
    size_t pos_ = 0, end_ = 0;
    bool eof_ = false;
    bool first_ = true;
    bool crOnly_ = false;
    EVP_MD_CTX* sha_ = nullptr;
    Decompressor::Kind compression_ = Decompressor::Kind::None;
    std::unique_ptr<Decompressor> decompressor_;
    std::vector<char> raw_;  // compressed bytes waiting for the decompressor
    size_t rawPos_ = 0, rawEnd_ = 0;
    bool rawEof_ = false;
};

// SHA-256 of a whole file as stored, read in chunks. Empty string and *error on failure.
std::string sha256OfFile(const QString& path, QString* error);

}  // namespace quarry
