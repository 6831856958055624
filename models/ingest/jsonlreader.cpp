// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlreader.h"


#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "chattext.h"
#include "formatregistry.h"
#include "jsonnumbers.h"
#include "jsontext.h"

namespace quarry {
namespace {

constexpr int kMaxDepth = 4;
// Nesting a valid record may have. simdjson's default parser stops at 1,024 levels; deeper
// records are parsed again by a parser allocated for this depth (a few bytes per level). Deep
// values are written back as text by json::minified(), whose stack is on the heap, so the depth
// costs no call stack; the bound keeps one hostile line from taking the parser's memory.
constexpr size_t kMaxNesting = 100000;

}  // namespace

struct JsonlReader::Impl {
    simdjson::dom::parser parser;
    std::unique_ptr<simdjson::dom::parser> deepParser;  // only while a deep record is read
    std::string rewritten;  // the line with overflowing numbers quoted

    // Parses one line; a record that is only too deep or holds numbers too big for simdjson
    // is parsed again rather than rejected.
    simdjson::error_code parse(const char* data, size_t len, simdjson::dom::element& doc) {
        deepParser.reset();  // the previous record's values are no longer needed
        std::string_view text(data, len);
        auto err = json::parseQuotingOverflow(parser, text, rewritten, doc);
        if (err == simdjson::DEPTH_ERROR) {
            deepParser = std::make_unique<simdjson::dom::parser>();
            if (deepParser->allocate(text.size(), kMaxNesting) != simdjson::SUCCESS)
                return simdjson::MEMALLOC;
            err = json::parseQuotingOverflow(*deepParser, text, rewritten, doc);
        }
        return err;
    }
    // Field of every key seen so far; logs repeat a few dozen keys, so a linear scan wins.
    struct Key {
        std::string name;
        int field;
    };
    std::vector<Key> keys;
    std::string scratch;    // formatted numbers and message text of the current row
    struct Pending {
        int field;
        size_t offset, length;
        bool inScratch;
        std::string_view view;
    };
    std::vector<Pending> pending;
    JsonlReader* owner = nullptr;

    int fieldForKey(std::string_view key, const ColumnMapping& mapping) {
        for (const Key& k : keys)
            if (k.name == key) return k.field;
        int f = mapping.fieldFor(key);
        // Attributes nested under a container ("attributes.gen_ai.request.model") map by their
        // own dotted name. Only suffixes that are still dotted are tried, so "meta.session.id"
        // does not collapse to a bare "id".
        for (size_t dot = key.find('.'); f < 0 && dot != std::string_view::npos;
             dot = key.find('.', dot + 1)) {
            const std::string_view suffix = key.substr(dot + 1);
            if (suffix.find('.') == std::string_view::npos) break;
            if (!mapping.isOverridden(key)) f = mapping.fieldFor(suffix);
        }
        keys.push_back({std::string(key), f});
        const QString name = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
        if (f >= 0)
            owner->noteMapped(name, f);
        else
            owner->noteIgnored(name);
        return f;
    }

    void setScratch(int field, const std::string& text) {
        pending.push_back({field, scratch.size(), text.size(), true, {}});
        scratch += text;
    }

    // The user turns of a chat transcript or request body (chattext.h); else the JSON text.
    void takeMessages(int field, simdjson::dom::element messages) {
        setScratch(field, userTextOrJson(messages));
    }

    void take(std::string_view key, simdjson::dom::element v, const ColumnMapping& mapping,
              uint32_t& taken, int depth) {
        using simdjson::dom::element_type;
        const element_type type = v.type();
        if (type == element_type::OBJECT && depth < kMaxDepth) {
            // A request body given for the prompt ({"model":..., "messages":[...]}) gives its
            // user turns; any other object is flattened so "user": {"id": ...} maps user.id.
            const int direct = mapping.fieldFor(key);
            if (direct == index(Field::Prompt) && !(taken & (1u << direct))) {
                taken |= 1u << direct;
                if (owner->preview_) owner->noteSourceValue(key, json::minified(v));
                takeMessages(direct, v);
                return;
            }
            for (auto [k, child] : simdjson::dom::object(v)) {
                std::string childKey;
                childKey.reserve(key.size() + 1 + k.size());
                childKey.append(key).append(1, '.').append(k);
                take(childKey, child, mapping, taken, depth + 1);
            }
            return;
        }
        const int field = fieldForKey(key, mapping);
        if (owner->preview_) {
            if (type == element_type::STRING)
                owner->noteSourceValue(key, v.get_string().value_unsafe());
            else
                owner->noteSourceValue(key, json::minified(v));
        }
        if (field < 0) return;
        if (taken & (1u << field)) return;  // the first key for a field wins
        switch (type) {
            case element_type::NULL_VALUE:
                return;
            case element_type::STRING: {
                std::string_view s = v.get_string().value_unsafe();
                if (s.empty()) return;
                pending.push_back({field, 0, 0, false, s});
                break;
            }
            case element_type::INT64:
            case element_type::UINT64:
            case element_type::DOUBLE: {
                char buf[64];
                std::to_chars_result r;
                if (type == element_type::INT64)
                    r = std::to_chars(buf, buf + sizeof buf, v.get_int64().value_unsafe());
                else if (type == element_type::UINT64)
                    r = std::to_chars(buf, buf + sizeof buf, v.get_uint64().value_unsafe());
                else {
                    const double dv = v.get_double().value_unsafe();
                    r = std::to_chars(buf, buf + sizeof buf, dv, std::chars_format::fixed);
                    // 1e300 has no room in fixed notation: fall back to the shortest form.
                    if (r.ec != std::errc()) r = std::to_chars(buf, buf + sizeof buf, dv);
                }
                setScratch(field, std::string(buf, r.ptr));
                break;
            }
            case element_type::BOOL:
                setScratch(field, v.get_bool().value_unsafe() ? "true" : "false");
                break;
            case element_type::ARRAY:
                if (static_cast<Field>(field) == Field::Prompt)
                    takeMessages(field, v);
                else
                    setScratch(field, json::minified(v));
                break;
            case element_type::OBJECT:  // deeper than kMaxDepth
                setScratch(field, json::minified(v));
                break;
        }
        taken |= 1u << field;
    }
};

JsonlReader::JsonlReader() : d(std::make_unique<Impl>()) { d->owner = this; }
JsonlReader::~JsonlReader() = default;

bool JsonlReader::sniff(const QByteArray& head) {
    // readHeader() skips a UTF-8 BOM, so the sniffer looks past it too.
    const QByteArray body = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return c == '{';
    }
    return false;
}

int JsonlReader::confidence(const FileHead& head) const {
    if (head.firstByte() == '{') return 50;
    // A JSON-named file that is not JSON: its lines are quarantined as malformed JSON, which
    // says more than a CSV error would.
    for (const char* s : {"jsonl", "ndjson", "json"})
        if (head.suffix == QLatin1String(s)) return 60;
    return 0;
}

bool JsonlReader::readHeader(QString* error) {
    // No header: keys map as they appear. Only the overrides can be checked up front.
    lines_.setMaxLineBytes(limits_.maxRecordBytes);
    lines_.skipUtf8Bom();
    if (input_.failed()) {
        if (error) *error = input_.error();
        return false;
    }
    return true;
}

bool JsonlReader::next(SourceRow& row) {
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
        if (isBlank(line.text)) continue;
        const char* data = line.text.data();
        const size_t len = line.text.size();

        simdjson::dom::element doc;
        const auto err = d->parse(data, len, doc);
        if (err) {
            row.reject = RejectKind::MalformedJson;
            row.rejectMessage = err == simdjson::DEPTH_ERROR
                                    ? "malformed JSON: nested deeper than " +
                                          std::to_string(kMaxNesting) + " levels"
                                    : std::string("malformed JSON: ") + simdjson::error_message(err);
            return true;
        }
        if (!doc.is_object()) {
            row.reject = RejectKind::MalformedJson;
            row.rejectMessage = "malformed JSON: the line is not an object";
            return true;
        }
        d->scratch.clear();
        d->pending.clear();
        uint32_t taken = 0;
        for (auto [k, v] : simdjson::dom::object(doc)) d->take(k, v, mapping_, taken, 0);
        for (const auto& p : d->pending)
            row.set(static_cast<Field>(p.field),
                    p.inScratch ? std::string_view(d->scratch).substr(p.offset, p.length) : p.view);
        return true;
    }
}

}  // namespace quarry
