// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace quarry {

// Streams a file through a bounded window and hashes every byte it reads (SHA-256), so the
// digest recorded for a source is the digest of exactly the bytes that were imported.
// Readers look at [begin(), end()), consume() what they used and fill() for more; the window
// only grows past the chunk size while one record is longer than a chunk.
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
    int64_t size() const { return size_; }

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
    int64_t bytesConsumed() const { return fileOffset_ - static_cast<int64_t>(available()); }

    // Hex SHA-256 of everything read so far; the file's digest once atEof().
    std::string sha256Hex() const;

private:
    QFile file_;
    QString path_;
    QString error_;
    int64_t size_ = 0;
    int64_t fileOffset_ = 0;  // bytes read from the file so far
    std::vector<char> buf_;
    size_t pos_ = 0, end_ = 0;
    bool eof_ = false;
    EVP_MD_CTX* sha_ = nullptr;
};

// SHA-256 of a whole file, read in chunks. Empty string and *error on failure.
std::string sha256OfFile(const QString& path, QString* error);

}  // namespace quarry
