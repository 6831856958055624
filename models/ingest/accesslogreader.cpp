// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesslogreader.h"

#include <QRegularExpression>

#include <optional>

#include "formatregistry.h"
#include "timestamp.h"

namespace quarry {
namespace {

constexpr const char* kColumnNames[] = {"ip",   "ident",  "user",  "time",    "method",    "path",
                                        "protocol", "status", "bytes", "referer", "user_agent"};

// Splits one line into its columns; false when it is not a combined/common log line.
bool splitLine(std::string_view line, std::string_view (&col)[11]) {
    size_t p = 0;
    auto token = [&](std::string_view& out) {
        const size_t sp = line.find(' ', p);
        if (sp == std::string_view::npos) return false;
        out = line.substr(p, sp - p);
        p = sp + 1;
        return true;
    };
    auto quoted = [&](std::string_view& out) {
        if (p >= line.size() || line[p] != '"') return false;
        size_t q = p + 1;
        // Escaped quotes (\") occur in user agents; the field ends at an unescaped quote.
        while (q < line.size() && (line[q] != '"' || line[q - 1] == '\\')) ++q;
        if (q >= line.size()) return false;
        out = line.substr(p + 1, q - p - 1);
        p = q + 1;
        if (p < line.size() && line[p] == ' ') ++p;
        return true;
    };
    if (!token(col[0]) || !token(col[1]) || !token(col[2])) return false;
    if (p >= line.size() || line[p] != '[') return false;
    const size_t close = line.find(']', p);
    if (close == std::string_view::npos) return false;
    col[3] = line.substr(p + 1, close - p - 1);
    p = close + 1;
    if (p < line.size() && line[p] == ' ') ++p;
    std::string_view request;
    if (!quoted(request)) return false;
    // "METHOD path PROTOCOL"; a malformed request keeps what it has.
    const size_t s1 = request.find(' ');
    const size_t s2 = s1 == std::string_view::npos ? s1 : request.rfind(' ');
    col[4] = s1 == std::string_view::npos ? request : request.substr(0, s1);
    col[5] = s1 == std::string_view::npos ? std::string_view() : request.substr(s1 + 1, (s2 > s1 ? s2 : request.size()) - s1 - 1);
    col[6] = s2 != std::string_view::npos && s2 > s1 ? request.substr(s2 + 1) : std::string_view();
    const size_t sp = line.find(' ', p);
    col[7] = line.substr(p, sp == std::string_view::npos ? std::string_view::npos : sp - p);
    if (sp == std::string_view::npos) {
        col[8] = col[9] = col[10] = {};
        return true;  // common log format ends after the status... or bytes
    }
    p = sp + 1;
    const size_t sp2 = line.find(' ', p);
    col[8] = line.substr(p, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - p);
    col[9] = col[10] = {};
    if (sp2 == std::string_view::npos) return true;
    p = sp2 + 1;
    if (!quoted(col[9])) return false;
    if (!quoted(col[10])) return false;
    return true;
}

int monthIndex(std::string_view m) {
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i)
        if (m == kMonths[i]) return i + 1;
    return 0;
}

}  // namespace

std::optional<int64_t> parseClfTimestampMs(std::string_view t) {
    // dd/Mon/yyyy:HH:MM:SS +zzzz
    if (t.size() < 20 || t[2] != '/' || t[6] != '/' || t[11] != ':') return std::nullopt;
    const int month = monthIndex(t.substr(3, 3));
    if (!month) return std::nullopt;
    std::string iso;
    iso.append(t.substr(7, 4)).append("-");
    iso += char('0' + month / 10);
    iso += char('0' + month % 10);
    iso.append("-").append(t.substr(0, 2)).append("T").append(t.substr(12, 8));
    if (t.size() > 20) iso.append(t.substr(20));  // " +0000" is accepted by the ISO parser
    return parseTimestampMs(iso);
}

bool AccessLogReader::sniff(const QByteArray& head) {
    static const QRegularExpression kLine(
        QStringLiteral(R"(^\S+ \S+ \S+ \[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] ")"));
    const int nl = head.indexOf('\n');
    return kLine.match(QString::fromUtf8(nl < 0 ? head : head.left(nl))).hasMatch();
}

int AccessLogReader::confidence(const FileHead& head) const {
    const std::string_view line = head.firstLine();
    return sniff(QByteArray(line.data(), static_cast<qsizetype>(line.size()))) ? 80 : 0;
}

bool AccessLogReader::readHeader(QString* error) {
    // Default meaning of each pseudo-column; --map can change any of them.
    static const int kDefaults[ColumnCount] = {index(Field::Ip), -1, index(Field::AccountId),
                                               index(Field::Timestamp), -1, index(Field::Prompt), -1,
                                               index(Field::StatusCode), -1, -1, index(Field::UserAgent)};
    for (int c = 0; c < ColumnCount; ++c) {
        const std::string_view name = kColumnNames[c];
        field_[c] = mapping_.isOverridden(name) ? mapping_.fieldFor(name) : kDefaults[c];
        const QString qname = QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
        if (field_[c] >= 0) noteMapped(qname, field_[c]); else noteIgnored(qname);
    }
    lines_.setMaxLineBytes(limits_.maxRecordBytes);
    input_.fill();
    if (input_.failed()) {
        if (error) *error = input_.error();
        return false;
    }
    return true;
}

bool AccessLogReader::next(SourceRow& row) {
    LineSplitter::Line line;
    for (;;) {
        row.clear();
        if (!lines_.next(line)) return false;
        row.line = line.number;
        row.raw = line.text;
        if (line.tooLong) {
            row.reject = RejectKind::RecordTooLarge;
            row.rejectMessage = lines_.tooLongMessage();
            return true;
        }
        if (line.text.empty()) continue;
        std::string_view col[ColumnCount];
        if (!splitLine(row.raw, col)) {
            row.reject = RejectKind::MalformedLogLine;
            row.rejectMessage = "not a combined/common log line (unbalanced quotes or brackets, or missing fields)";
            return true;
        }
        for (int c = 0; c < ColumnCount; ++c) {
            std::string_view v = col[c];
            noteSourceValue(kColumnNames[c], v);
            if (v.empty() || v == "-") continue;
            if (c == Time) {
                const auto ms = parseClfTimestampMs(v);
                if (!ms) {
                    row.reject = RejectKind::BadTimestamp;
                    row.rejectMessage = "bad timestamp '" + std::string(v) + "'";
                    return true;
                }
                time_ = formatTimestampMs(*ms);
                v = time_;
            }
            if (field_[c] >= 0) row.set(static_cast<Field>(field_[c]), v);
        }
        // The route (path without its query) is the endpoint; no user means the IP is the client.
        if (!col[Path].empty() && !row.has(Field::Endpoint)) {
            const size_t q = col[Path].find('?');
            route_.assign(col[Path].substr(0, q));
            row.set(Field::Endpoint, route_);
        }
        if (!row.has(Field::AccountId) && row.has(Field::Ip)) row.set(Field::AccountId, row.value[index(Field::Ip)]);
        return true;
    }
}

}  // namespace quarry
