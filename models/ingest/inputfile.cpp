// SPDX-License-Identifier: GPL-3.0-or-later
#include "inputfile.h"

#include <openssl/evp.h>

#include <cstring>

namespace quarry {
namespace {

std::string hex(const unsigned char* p, unsigned n) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (unsigned i = 0; i < n; ++i) {
        out[2 * i] = kDigits[p[i] >> 4];
        out[2 * i + 1] = kDigits[p[i] & 15];
    }
    return out;
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
    fileOffset_ = 0;
    eof_ = false;
    return true;
}

bool InputFile::fill() {
    if (eof_ || failed()) return false;
    const size_t keep = available();
    if (pos_ > 0 && keep > 0) std::memmove(buf_.data(), buf_.data() + pos_, keep);
    pos_ = 0;
    end_ = keep;
    if (buf_.size() < keep + kChunk + kPadding) buf_.resize(keep + kChunk + kPadding);
    const qint64 n = file_.read(buf_.data() + end_, static_cast<qint64>(kChunk));
    if (n < 0) {
        error_ = QStringLiteral("%1: read error: %2").arg(path_, file_.errorString());
        return false;
    }
    if (n == 0) {
        eof_ = true;
        return false;
    }
    EVP_DigestUpdate(sha_, buf_.data() + end_, static_cast<size_t>(n));
    end_ += static_cast<size_t>(n);
    fileOffset_ += n;
    std::memset(buf_.data() + end_, 0, kPadding);
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
    InputFile in;
    if (!in.open(path, error)) return {};
    while (in.fill()) in.consume(in.available());
    if (in.failed()) {
        if (error) *error = in.error();
        return {};
    }
    return in.sha256Hex();
}

}  // namespace quarry
