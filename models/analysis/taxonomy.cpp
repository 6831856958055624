// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/taxonomy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtGlobal>

#include <hs.h>

#include <cstdlib>
#include <memory>

// Q_INIT_RESOURCE must be used outside any namespace. quarry_models is a static library, so
// without this reference the linker may drop the compiled-in resource object.
static void quarryInitTaxonomyResource() { Q_INIT_RESOURCE(resources); }

namespace quarry {
namespace {

struct Fail {
    QString* error;
    QString source;
    std::nullopt_t operator()(const QString& what) const {
        if (error) *error = source + QStringLiteral(": ") + what;
        return std::nullopt;
    }
};

int lineOf(const QByteArray& text, int offset) {
    return 1 + static_cast<int>(text.left(offset).count('\n'));
}

// Patterns are matched on raw bytes (see TopicClassifier), so a non-ASCII character inside a
// [...] class would become a class of its UTF-8 bytes and match unrelated text. Non-ASCII is
// allowed only as literal text, e.g. (é|e).
bool hasNonAsciiInClass(const QByteArray& re) {
    bool inClass = false;
    for (int i = 0; i < re.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(re[i]);
        if (c == '\\') { ++i; continue; }
        if (!inClass && c == '[') {
            inClass = true;
            if (i + 1 < re.size() && re[i + 1] == '^') ++i;
            if (i + 1 < re.size() && re[i + 1] == ']') ++i;  // "[]...]" starts with a literal ]
        } else if (inClass && c == ']') {
            inClass = false;
        } else if (inClass && c >= 0x80) {
            return true;
        }
    }
    return false;
}

// Checks one regex with Hyperscan's own parser so the message is the one the compiler
// would give, without building a database per pattern.
QString checkRegex(const QString& regex) {
    const QByteArray utf8 = regex.toUtf8();
    if (utf8.isEmpty()) return QStringLiteral("is empty");
    if (utf8.contains('\0')) return QStringLiteral("contains a NUL character");
    if (hasNonAsciiInClass(utf8))
        return QStringLiteral("has a non-ASCII character inside [...]; write it as an alternation like (é|e)");
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(utf8.constData(), Taxonomy::patternFlags(), &info, &err) != HS_SUCCESS) {
        const QString msg = QStringLiteral("Hyperscan: ") +
                            QString::fromUtf8(err && err->message ? err->message : "unknown error");
        hs_free_compile_error(err);
        return msg;
    }
    const bool empty = info->min_width == 0;
    std::free(info);  // allocated with Hyperscan's default misc allocator (malloc)
    if (empty) return QStringLiteral("can match empty text, so it would match every prompt");
    return {};
}

bool checkKeys(const QJsonObject& o, std::initializer_list<const char*> allowed, QString* bad) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || it.key() == QLatin1String(a);
        if (!ok) { *bad = it.key(); return false; }
    }
    return true;
}

// Reads a "patterns" array: each entry a regex string or {"pattern": ..., "weight": ...}.
bool readPatterns(const QJsonValue& v, const QString& where, std::vector<TaxonomyPattern>* out,
                  QString* why) {
    if (!v.isArray()) { *why = where + QStringLiteral(": must be an array of patterns"); return false; }
    const QJsonArray arr = v.toArray();
    for (int i = 0; i < arr.size(); ++i) {
        const QString at = where + QStringLiteral(" pattern %1").arg(i);
        TaxonomyPattern p;
        if (arr[i].isString()) {
            p.regex = arr[i].toString();
        } else if (arr[i].isObject()) {
            const QJsonObject o = arr[i].toObject();
            QString badKey;
            if (!checkKeys(o, {"pattern", "weight", "comment"}, &badKey)) {
                *why = at + QStringLiteral(": unknown key \"%1\"").arg(badKey);
                return false;
            }
            if (!o.value(QLatin1String("pattern")).isString()) {
                *why = at + QStringLiteral(": \"pattern\" must be a string");
                return false;
            }
            p.regex = o.value(QLatin1String("pattern")).toString();
            if (o.contains(QLatin1String("weight"))) {
                const QJsonValue w = o.value(QLatin1String("weight"));
                if (!w.isDouble() || !(w.toDouble() > 0) || w.toDouble() > 1000) {
                    *why = at + QStringLiteral(": \"weight\" must be a number in (0, 1000]");
                    return false;
                }
                p.weight = w.toDouble();
            }
        } else {
            *why = at + QStringLiteral(": must be a string or {\"pattern\", \"weight\"}");
            return false;
        }
        const QString problem = checkRegex(p.regex);
        if (!problem.isEmpty()) {
            *why = at + QStringLiteral(" \"%1\": %2").arg(p.regex, problem);
            return false;
        }
        out->push_back(std::move(p));
    }
    return true;
}

}  // namespace

unsigned Taxonomy::patternFlags() {
    // Caseless on ASCII only: no HS_FLAG_UTF8, because Hyperscan's behaviour is undefined on
    // invalid UTF-8 and both source logs and our head/tail truncation can produce it.
    return HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH;
}

QString Taxonomy::builtinPath() { return QStringLiteral(":/quarry/taxonomy.json"); }

std::optional<Taxonomy> Taxonomy::fromFile(const QString& path, QString* error) {
    if (path.startsWith(QLatin1Char(':'))) quarryInitTaxonomyResource();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = path + QStringLiteral(": cannot open: ") + f.errorString();
        return std::nullopt;
    }
    return fromJson(f.readAll(), path, error);
}

std::optional<Taxonomy> Taxonomy::fromJson(const QByteArray& json, const QString& sourceName,
                                           QString* error) {
    const Fail fail{error, sourceName};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("line %1: invalid JSON: %2").arg(lineOf(json, pe.offset)).arg(pe.errorString()));
    if (!doc.isObject()) return fail(QStringLiteral("top level must be a JSON object"));
    const QJsonObject root = doc.object();
    QString badKey;
    if (!checkKeys(root, {"$comment", "version", "fallback", "topics", "cot"}, &badKey))
        return fail(QStringLiteral("unknown top-level key \"%1\"").arg(badKey));

    Taxonomy t;
    t.m_source = sourceName;
    if (root.contains(QLatin1String("version"))) {
        if (!root.value(QLatin1String("version")).isDouble())
            return fail(QStringLiteral("\"version\" must be a number"));
        t.m_version = root.value(QLatin1String("version")).toInt();
    }
    if (!root.value(QLatin1String("topics")).isArray() || root.value(QLatin1String("topics")).toArray().isEmpty())
        return fail(QStringLiteral("missing or empty \"topics\" array"));

    static const QRegularExpression idRe(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    static const QRegularExpression colorRe(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    QSet<QString> ids, colors;
    const QJsonArray topics = root.value(QLatin1String("topics")).toArray();
    for (int i = 0; i < topics.size(); ++i) {
        if (!topics[i].isObject()) return fail(QStringLiteral("topic %1: must be an object").arg(i));
        const QJsonObject o = topics[i].toObject();
        const QString id = o.value(QLatin1String("id")).toString();
        const QString where = id.isEmpty() ? QStringLiteral("topic %1").arg(i)
                                           : QStringLiteral("topic \"%1\" (index %2)").arg(id).arg(i);
        if (!checkKeys(o, {"id", "name", "color", "description", "patterns", "weight", "$comment"}, &badKey))
            return fail(where + QStringLiteral(": unknown key \"%1\"").arg(badKey));
        for (const char* key : {"id", "name", "color", "description"}) {
            if (!o.value(QLatin1String(key)).isString() || o.value(QLatin1String(key)).toString().trimmed().isEmpty())
                return fail(where + QStringLiteral(": missing or empty \"%1\"").arg(QLatin1String(key)));
        }
        if (!idRe.match(id).hasMatch())
            return fail(where + QStringLiteral(": id must be lower-case letters, digits and _ (starting with a letter)"));
        if (ids.contains(id)) return fail(where + QStringLiteral(": duplicate id"));
        ids.insert(id);
        Topic topic;
        topic.id = id;
        topic.name = o.value(QLatin1String("name")).toString();
        topic.color = o.value(QLatin1String("color")).toString();
        topic.description = o.value(QLatin1String("description")).toString();
        if (!colorRe.match(topic.color).hasMatch())
            return fail(where + QStringLiteral(": color \"%1\" is not #rrggbb").arg(topic.color));
        if (colors.contains(topic.color.toLower()))
            return fail(where + QStringLiteral(": color %1 is already used by another topic").arg(topic.color));
        colors.insert(topic.color.toLower());
        if (o.contains(QLatin1String("weight"))) {
            const QJsonValue w = o.value(QLatin1String("weight"));
            if (!w.isDouble() || !(w.toDouble() > 0) || w.toDouble() > 1000)
                return fail(where + QStringLiteral(": \"weight\" must be a number in (0, 1000]"));
            topic.weight = w.toDouble();
        }
        if (!o.contains(QLatin1String("patterns")))
            return fail(where + QStringLiteral(": missing \"patterns\" (use [] for none)"));
        QString why;
        if (!readPatterns(o.value(QLatin1String("patterns")), where, &topic.patterns, &why)) return fail(why);
        t.m_topics.push_back(std::move(topic));
    }

    const QString fallback = root.contains(QLatin1String("fallback"))
                                 ? root.value(QLatin1String("fallback")).toString()
                                 : QStringLiteral("other");
    t.m_fallback = t.indexOf(fallback);
    if (t.m_fallback < 0)
        return fail(QStringLiteral("fallback topic \"%1\" is not defined").arg(fallback));

    if (!root.value(QLatin1String("cot")).isObject())
        return fail(QStringLiteral("missing \"cot\" section (chain-of-thought elicitation patterns)"));
    const QJsonObject cot = root.value(QLatin1String("cot")).toObject();
    if (!checkKeys(cot, {"description", "patterns", "weak", "suppress", "$comment"}, &badKey))
        return fail(QStringLiteral("cot: unknown key \"%1\"").arg(badKey));
    t.m_cot.description = cot.value(QLatin1String("description")).toString();
    QString why;
    if (!readPatterns(cot.value(QLatin1String("patterns")), QStringLiteral("cot.patterns"), &t.m_cot.strong, &why))
        return fail(why);
    if (t.m_cot.strong.empty()) return fail(QStringLiteral("cot.patterns: must not be empty"));
    for (const char* key : {"weak", "suppress"}) {
        if (!cot.contains(QLatin1String(key))) continue;
        auto* dst = QLatin1String(key) == QLatin1String("weak") ? &t.m_cot.weak : &t.m_cot.suppress;
        if (!readPatterns(cot.value(QLatin1String(key)), QStringLiteral("cot.") + QLatin1String(key), dst, &why))
            return fail(why);
    }
    return t;
}

const Taxonomy& Taxonomy::builtin() {
    // Function-local static: initialised once, thread-safe (C++11 magic statics).
    static const Taxonomy instance = [] {
        QString error;
        std::optional<Taxonomy> t = fromFile(builtinPath(), &error);
        if (!t) qFatal("built-in taxonomy is invalid: %s", qPrintable(error));
        return std::move(*t);
    }();
    return instance;
}

QStringList Taxonomy::topicIds() const {
    QStringList ids;
    for (const Topic& t : m_topics) ids << t.id;
    return ids;
}

int Taxonomy::indexOf(const QString& id) const {
    for (size_t i = 0; i < m_topics.size(); ++i)
        if (m_topics[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace quarry
