// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <cstring>

#include "formatregistry.h"

namespace quarry {
namespace {

constexpr size_t kRawKeep = 4096;  // bytes of an oversized record kept for quarantine

size_t countNewlines(const char* p, size_t n) {
    size_t c = 0;
    const char* end = p + n;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p)))) {
        ++c;
        ++p;
    }
    return c;
}

}  // namespace

int CsvReader::confidence(const FileHead& head) const {
    return head.suffix == QLatin1String("csv") || head.suffix == QLatin1String("tsv") ? 60 : 10;
}

CsvReader::Scan CsvReader::findRecordEnd(size_t& length, size_t& newlines) {
    for (;;) {
        const char* b = input_.begin();
        const size_t n = input_.available();
        size_t i = scanned_;
        while (i < n) {
            if (scanInQuotes_) {
                const void* q = std::memchr(b + i, '"', n - i);
                if (!q) {
                    scanNewlines_ += countNewlines(b + i, n - i);
                    i = n;
                    break;
                }
                const size_t qi = static_cast<const char*>(q) - b;
                scanNewlines_ += countNewlines(b + i, qi - i);
                i = qi + 1;
                scanInQuotes_ = false;  // a doubled quote re-opens on the next character
                continue;
            }
            const void* nl = std::memchr(b + i, '\n', n - i);
            const size_t nli = nl ? static_cast<const char*>(nl) - b : n;
            const void* q = std::memchr(b + i, '"', nli - i);
            if (q) {
                i = static_cast<const char*>(q) - b + 1;
                scanInQuotes_ = true;
                scanSawQuote_ = true;
                continue;
            }
            if (!nl) {
                i = n;
                break;
            }
            // The cap holds wherever the record falls, not only when it needs a refill.
            if (nli > limits_.maxRecordBytes) return Scan::TooLarge;
            length = nli;
            newlines = scanNewlines_;
            scanned_ = 0;
            scanInQuotes_ = false;
            scanNewlines_ = 0;
            return Scan::Found;
        }
        scanned_ = i;
        // Every byte scanned so far belongs to this record; judge it before reading more
        // (after a refill the window also holds the next chunk, which is not all this record).
        if (scanned_ > limits_.maxRecordBytes) return Scan::TooLarge;
        if (input_.atEof() || (!input_.fill() && input_.atEof())) {
            if (input_.available() == 0) return Scan::Eof;
            length = input_.available();  // last record without a final newline
            newlines = scanNewlines_;
            scanned_ = 0;
            scanNewlines_ = 0;
            return Scan::Found;  // an open quote here is reported by split()
        }
        if (input_.failed()) return Scan::Eof;
    }
}

bool CsvReader::skipOversizedRecord(SourceRow& row) {
    rawCopy_.assign(input_.begin(), std::min(input_.available(), kRawKeep));
    row.line = nextLine_;
    // Keep following the quote state so the next record starts where a reader would.
    bool inQuotes = false;
    size_t newlines = 0;
    for (;;) {
        const char* b = input_.begin();
        const size_t n = input_.available();
        for (size_t i = 0; i < n; ++i) {
            const char c = b[i];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n') {
                if (!inQuotes) {
                    input_.consume(i + 1);
                    nextLine_ += static_cast<int64_t>(newlines) + 1;
                    goto done;
                }
                ++newlines;
            }
        }
        input_.consume(n);
        if (!input_.fill()) {
            nextLine_ += static_cast<int64_t>(newlines) + 1;
            break;
        }
    }
done:
    scanned_ = 0;
    scanInQuotes_ = false;
    scanNewlines_ = 0;
    scanSawQuote_ = false;
    row.raw = rawCopy_;
    row.reject = RejectKind::RecordTooLarge;
    row.rejectMessage = "record is over the " + std::to_string(limits_.maxRecordBytes) +
                        "-byte size cap (an oversized field or an unterminated quote)";
    return true;
}

bool CsvReader::split(const char* data, size_t len, bool hasQuotes, std::string& message) {
    fields_.clear();
    if (!hasQuotes) {
        const char* p = data;
        const char* end = data + len;
        for (;;) {
            const char* comma = static_cast<const char*>(std::memchr(p, ',', end - p));
            if (!comma) {
                fields_.emplace_back(p, end - p);
                return true;
            }
            fields_.emplace_back(p, comma - p);
            p = comma + 1;
        }
    }
    // Unescaped text never outgrows the record, so reserving len keeps the views stable.
    unescaped_.clear();
    unescaped_.reserve(len);
    size_t i = 0;
    for (;;) {
        const size_t start = unescaped_.size();
        if (i < len && data[i] == '"') {
            ++i;
            bool closed = false;
            while (i < len) {
                const char c = data[i++];
                if (c == '"') {
                    if (i < len && data[i] == '"') {
                        unescaped_.push_back('"');
                        ++i;
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    unescaped_.push_back(c);
                }
            }
            if (!closed) {
                message = "unterminated quoted field in column " + std::to_string(fields_.size() + 1);
                return false;
            }
            if (i < len && data[i] != ',') {
                message = "text after the closing quote in column " +
                          std::to_string(fields_.size() + 1);
                return false;
            }
        } else {
            while (i < len && data[i] != ',') {
                if (data[i] == '"') {
                    message = "quote inside an unquoted field in column " +
                              std::to_string(fields_.size() + 1);
                    return false;
                }
                unescaped_.push_back(data[i++]);
            }
        }
        fields_.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
        if (i >= len) return true;
        ++i;  // the comma
        if (i == len) {
            fields_.emplace_back();
            return true;
        }
    }
}

bool CsvReader::readHeader(QString* error) {
    SourceRow row;
    // The header is an ordinary record; a BOM before it is not part of the first name.
    if (!input_.fill()) {
        if (error)
            *error = input_.failed() ? input_.error()
                                     : QStringLiteral("%1: the file is empty").arg(input_.path());
        return false;
    }
    if (input_.available() >= 3 && std::memcmp(input_.begin(), "\xEF\xBB\xBF", 3) == 0)
        input_.consume(3);
    if (!next(row) || row.reject != RejectKind::None) {
        if (error)
            *error = QStringLiteral("%1: line 1: cannot read the CSV header%2")
                         .arg(input_.path(),
                              row.rejectMessage.empty()
                                  ? QString()
                                  : QStringLiteral(": ") + QString::fromStdString(row.rejectMessage));
        return false;
    }
    // next() has left the header's columns in fields_ (it maps nothing before the header).
    std::vector<bool> fieldTaken(kFieldCount, false);
    for (const std::string_view f : fields_) {
        const QString name = QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size())).trimmed();
        header_ << name;
        const QByteArray u = name.toUtf8();
        int field = mapping_.fieldFor(std::string_view(u.constData(), static_cast<size_t>(u.size())));
        if (field >= 0 && fieldTaken[field]) field = -1;  // the first column for a field wins
        if (field >= 0) {
            fieldTaken[field] = true;
            noteMapped(name, field);
        } else {
            noteIgnored(name);
        }
        columnField_.push_back(field);
    }
    for (const auto& [source, field] : mapping_.overrides()) {
        if (!header_.contains(source)) {
            if (error)
                *error = QStringLiteral("%1: --map names column '%2', which the header does not "
                                        "have (columns: %3)")
                             .arg(input_.path(), source, header_.join(QStringLiteral(", ")));
            return false;
        }
    }
    for (Field required : {Field::Timestamp, Field::AccountId}) {
        if (!fieldTaken[index(required)] && !preview_) {
            const auto n = fieldName(required);
            if (error)
                *error = QStringLiteral("%1: line 1: no column maps to %2 (columns: %3); name one "
                                        "with --map COLUMN=%2")
                             .arg(input_.path(),
                                  QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size())),
                                  header_.join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}

bool CsvReader::next(SourceRow& row) {
    for (;;) {
        row.clear();
        size_t length = 0, newlines = 0;
        scanSawQuote_ = scanSawQuote_ && scanned_ > 0;
        const Scan s = findRecordEnd(length, newlines);
        if (s == Scan::Eof) return false;
        if (s == Scan::TooLarge) return skipOversizedRecord(row);

        const char* data = input_.begin();
        const bool hasQuotes = scanSawQuote_;
        scanSawQuote_ = false;
        size_t consumed = length < input_.available() ? length + 1 : length;
        size_t len = length;
        if (len > 0 && data[len - 1] == '\r') --len;
        row.line = nextLine_;
        nextLine_ += static_cast<int64_t>(newlines) + 1;
        row.raw = std::string_view(data, len);
        // The views stay valid until the next call: consume only marks the bytes as used.
        input_.consume(consumed);
        if (len == 0) continue;  // blank line

        std::string message;
        if (!split(data, len, hasQuotes, message)) {
            row.reject = RejectKind::MalformedCsv;
            row.rejectMessage = std::move(message);
            return true;
        }
        if (columnField_.empty()) return true;  // the header itself
        if (preview_) {
            for (size_t c = 0; c < fields_.size() && c < static_cast<size_t>(header_.size()); ++c) {
                const QByteArray name = header_[static_cast<qsizetype>(c)].toUtf8();
                noteSourceValue({name.constData(), static_cast<size_t>(name.size())}, fields_[c]);
            }
        }
        if (fields_.size() != columnField_.size()) {
            row.reject = RejectKind::ColumnCount;
            row.rejectMessage = "expected " + std::to_string(columnField_.size()) +
                                " fields, found " + std::to_string(fields_.size());
            return true;
        }
        for (size_t c = 0; c < fields_.size(); ++c) {
            const int f = columnField_[c];
            if (f >= 0 && !fields_[c].empty()) row.set(static_cast<Field>(f), fields_[c]);
        }
        return true;
    }
}

}  // namespace quarry
