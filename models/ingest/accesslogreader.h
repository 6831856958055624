// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include "linesplitter.h"
#include "recordreader.h"

namespace quarry {

// Apache/nginx "combined" access logs, the commonest log in front of an API gateway:
//   ip ident user [17/May/2015:10:05:03 +0000] "GET /path HTTP/1.1" status bytes "referer" "agent"
// The client is the authenticated user when there is one, else the client IP; the request path
// stands in for the prompt and its route (without the query) for the endpoint. The pseudo-columns
// ip, user, time, method, path, status, bytes, referer and user_agent can be re-mapped with --map.
class AccessLogReader final : public RecordReader {
public:
    const char* formatName() const override { return "combined"; }
    const char* description() const override {
        return "Apache/nginx combined or common access log";
    }
    int confidence(const FileHead& head) const override;
    bool next(SourceRow& row) override;
    // True when the first line looks like a combined/common log line.
    static bool sniff(const QByteArray& head);

protected:
    bool readHeader(QString* error) override;

private:
    enum Column { Ip, Ident, User, Time, Method, Path, Protocol, Status, Bytes, Referer, Agent, ColumnCount };
    int field_[ColumnCount] = {};
    std::string time_;   // the timestamp rewritten as ISO 8601
    std::string route_;  // the path without its query string
    LineSplitter lines_{input_};
};

// "17/May/2015:10:05:03 +0000" -> UTC epoch milliseconds.
std::optional<int64_t> parseClfTimestampMs(std::string_view text);

}  // namespace quarry
