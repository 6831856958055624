// SPDX-License-Identifier: GPL-3.0-or-later
#include "reasonlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <cstring>

namespace quarry::gui {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The common case without a JSON parser: an array of strings with no escapes in them. False
// for anything else (an escape, another kind of value, text that is not such an array).
bool joinPlainStrings(std::string_view json, QStringView separator, QString* out) {
    if (std::memchr(json.data(), '\\', json.size())) return false;
    size_t i = 0;
    const auto skipSpace = [&] {
        while (i < json.size() && isSpace(json[i])) ++i;
    };
    skipSpace();
    if (i >= json.size() || json[i] != '[') return false;
    ++i;
    // The joined text in UTF-8, converted once: a QString appended piece by piece cost more
    // than the read itself.
    const QByteArray sep = separator.toUtf8();
    QByteArray joined;
    joined.reserve(static_cast<qsizetype>(json.size()));
    bool first = true;
    skipSpace();
    if (i < json.size() && json[i] == ']') {
        ++i;
    } else {
        for (;;) {
            if (i >= json.size() || json[i] != '"') return false;
            const size_t start = ++i;
            while (i < json.size() && json[i] != '"') {
                if (static_cast<unsigned char>(json[i]) < 0x20) return false;  // not valid JSON
                ++i;
            }
            if (i >= json.size()) return false;
            if (!first) joined += sep;
            joined.append(json.data() + start, static_cast<qsizetype>(i - start));
            first = false;
            ++i;
            skipSpace();
            if (i < json.size() && json[i] == ',') {
                ++i;
                skipSpace();
                continue;
            }
            if (i < json.size() && json[i] == ']') {
                ++i;
                break;
            }
            return false;
        }
    }
    skipSpace();
    if (i != json.size()) return false;
    *out = QString::fromUtf8(joined);
    return true;
}

// A raw control character inside a string: JSON (and SQLite's json_valid) rejects it, Qt's
// parser does not.
bool controlInString(std::string_view json) {
    bool inString = false;
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString && c == '\\') {
            ++i;
        } else if (c == '"') {
            inString = !inString;
        } else if (inString && static_cast<unsigned char>(c) < 0x20) {
            return true;
        }
    }
    return false;
}

QString valueText(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::String:
            return v.toString();
        case QJsonValue::Bool:
            return v.toBool() ? QStringLiteral("1") : QStringLiteral("0");
        case QJsonValue::Double:
            return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
        case QJsonValue::Array:
            return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        case QJsonValue::Object:
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        default:
            return QString();
    }
}

}  // namespace

QString joinReasons(std::string_view json, QStringView separator) {
    QString out;
    if (json.empty() || joinPlainStrings(json, separator, &out)) return out;
    if (controlInString(json)) return out;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(json.data(), static_cast<qsizetype>(json.size())), &error);
    if (error.error != QJsonParseError::NoError) return out;
    QStringList parts;
    const auto add = [&](const QJsonValue& v) {
        if (!v.isNull() && !v.isUndefined()) parts << valueText(v);
    };
    if (doc.isArray()) {
        for (const QJsonValue& v : doc.array()) add(v);
    } else {
        const QJsonObject o = doc.object();  // QJsonObject iterates in key order
        for (auto it = o.begin(); it != o.end(); ++it) add(it.value());
    }
    return parts.join(separator);
}

}  // namespace quarry::gui
