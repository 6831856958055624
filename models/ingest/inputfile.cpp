// SPDX-License-Identifier: GPL-3.0-or-later
#include "inputfile.h"

#include <openssl/evp.h>

#include <cstring>

#include "utf8.h"

namespace quarry {
namespace {

constexpr size_t kRawChunk = 1 << 20;  // compressed bytes read at a time

std::string hex(const unsigned char* p, unsigned n) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (unsigned i = 0; i < n; ++i) {
        out[2 * i] = kDigits[p[i] >> 4];
        out[2 * i + 1] = kDigits[p[i] & 15];
    }
    return out;
}

// Classic Mac OS text: the first chunk has line breaks, all of them a lone CR. A CR at the very
// end of the chunk may be the first half of a CRLF, so it does not count.
bool usesCrOnly(const char* p, size_t n) {
    if (std::memchr(p, '\n', n)) return false;
    const char* cr = static_cast<const char*>(std::memchr(p, '\r', n));
    return cr && cr + 1 < p + n;
}

}  // namespace

InputFile::InputFile() : sha_(EVP_MD_CTX_new()) {}

InputFile::~InputFile() { EVP_MD_CTX_free(sha_); }

bool InputFile::open(const QString& path, QString* error) {
    path_ = path;
    file_.setFileName(path);
    if (!file_.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error) *error = QStringLiteral("%1: cannot open: %2").arg(path, file_.errorString());
        return false;
    }
    size_ = file_.size();
    EVP_DigestInit_ex(sha_, EVP_sha256(), nullptr);
    buf_.assign(kChunk + kPadding, '\0');
    pos_ = end_ = 0;
    rawOffset_ = 0;
    eof_ = false;
    first_ = true;
    crOnly_ = false;
    error_.clear();

    // The magic decides, not the name: "logs.jsonl" may be gzip, "logs.gz" may be plain.
    unsigned char magic[16] = {};
    const qint64 m = file_.peek(reinterpret_cast<char*>(magic), sizeof magic);
    compression_ = Decompressor::sniff(magic, m > 0 ? static_cast<size_t>(m) : 0);
    decompressor_ = Decompressor::create(compression_);
    if (decompressor_) {
        raw_.assign(kRawChunk, '\0');
        rawPos_ = rawEnd_ = 0;
        rawEof_ = false;
    }
    return true;
}

void InputFile::failWith(const QString& reason) {
    error_ = QStringLiteral("%1: %2").arg(path_, reason);
}

int64_t InputFile::readRaw(char* dst, size_t cap) {
    const qint64 n = file_.read(dst, static_cast<qint64>(cap));
    if (n < 0) {
        failWith(QStringLiteral("read error: %1").arg(file_.errorString()));
        return -1;
    }
    EVP_DigestUpdate(sha_, dst, static_cast<size_t>(n));
    rawOffset_ += n;
    return n;
}

int64_t InputFile::readDecompressed(char* dst, size_t cap) {
    size_t produced = 0;
    while (produced < cap) {
        if (rawPos_ == rawEnd_ && !rawEof_) {
            const int64_t n = readRaw(raw_.data(), raw_.size());
            if (n < 0) return -1;
            rawPos_ = 0;
            rawEnd_ = static_cast<size_t>(n);
            rawEof_ = n == 0;
        }
        size_t used = 0, out = 0;
        std::string why;
        const bool ok = decompressor_->run(raw_.data() + rawPos_, rawEnd_ - rawPos_, used,
                                           dst + produced, cap - produced, out, why);
        rawPos_ += used;
        produced += out;
        if (!ok) {
            failWith(QStringLiteral("%1 (at compressed byte %2)")
                         .arg(QString::fromStdString(why))
                         .arg(rawOffset_ - static_cast<int64_t>(rawEnd_ - rawPos_)));
            return -1;
        }
        if (used == 0 && out == 0 && rawPos_ < rawEnd_) {
            failWith(QStringLiteral("corrupt %1 data (at compressed byte %2)")
                         .arg(QString::fromLatin1(Decompressor::name(compression_)))
                         .arg(rawOffset_ - static_cast<int64_t>(rawEnd_ - rawPos_)));
            return -1;
        }
        if (rawEof_ && rawPos_ == rawEnd_ && out == 0) {
            if (!decompressor_->atStreamEnd()) {
                failWith(QStringLiteral("the %1 data ends early (a truncated or partial file)")
                             .arg(QString::fromLatin1(Decompressor::name(compression_))));
                return -1;
            }
            break;
        }
    }
    return static_cast<int64_t>(produced);
}

bool InputFile::checkFirstChunk() {
    const std::string_view head(buf_.data(), end_);
    const auto* u = reinterpret_cast<const unsigned char*>(buf_.data());
    if (const char* container = unsupportedContainer(u, end_)) {
        failWith(QStringLiteral("the file is %1; Quarry reads plain, gzip and zstd text, so "
                                "extract it first")
                     .arg(QString::fromLatin1(container)));
        return false;
    }
    if (const char* enc = foreignEncoding(head)) {
        const QString e = QString::fromLatin1(enc);
        if (e == QLatin1String("binary"))
            failWith(QStringLiteral("the file is binary data, not text (many NUL bytes)%1")
                         .arg(compression_ == Decompressor::Kind::None
                                  ? QString()
                                  : QStringLiteral(" after %1 decompression")
                                        .arg(QString::fromLatin1(Decompressor::name(compression_)))));
        else
            failWith(QStringLiteral("the file is %1 encoded; convert it to UTF-8 (iconv -f %1 -t "
                                    "UTF-8)")
                         .arg(e));
        return false;
    }
    crOnly_ = usesCrOnly(buf_.data(), end_);
    return true;
}

bool InputFile::fill() {
    if (eof_ || failed()) return false;
    const size_t keep = available();
    if (pos_ > 0 && keep > 0) std::memmove(buf_.data(), buf_.data() + pos_, keep);
    pos_ = 0;
    end_ = keep;
    if (buf_.size() < keep + kChunk + kPadding) buf_.resize(keep + kChunk + kPadding);
    const int64_t n = decompressor_ ? readDecompressed(buf_.data() + end_, kChunk)
                                    : readRaw(buf_.data() + end_, kChunk);
    if (n < 0) return false;
    if (n == 0) {
        eof_ = true;
        return false;
    }
    char* added = buf_.data() + end_;
    end_ += static_cast<size_t>(n);
    std::memset(buf_.data() + end_, 0, kPadding);
    if (first_) {
        first_ = false;
        if (!checkFirstChunk()) return false;
    }
    if (crOnly_)
        for (char* p = added; (p = static_cast<char*>(std::memchr(p, '\r', buf_.data() + end_ - p)));)
            *p++ = '\n';
    // Shrink back once an oversized record has gone, so memory stays bounded by the largest
    // record actually seen rather than by history.
    if (keep == 0 && buf_.size() > 4 * (kChunk + kPadding)) {
        buf_.resize(kChunk + kPadding + static_cast<size_t>(n));
        buf_.shrink_to_fit();
    }
    return true;
}

std::string InputFile::sha256Hex() const {
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, sha_);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(copy, digest, &len);
    EVP_MD_CTX_free(copy);
    return hex(digest, len);
}

std::string sha256OfFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (error) *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return {};
    }
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    std::vector<char> buf(1 << 20);
    qint64 n;
    while ((n = file.read(buf.data(), static_cast<qint64>(buf.size()))) > 0)
        EVP_DigestUpdate(ctx, buf.data(), static_cast<size_t>(n));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx, digest, &len);
    EVP_MD_CTX_free(ctx);
    if (n < 0) {
        if (error) *error = QStringLiteral("%1: read error: %2").arg(path, file.errorString());
        return {};
    }
    return hex(digest, len);
}

}  // namespace quarry
