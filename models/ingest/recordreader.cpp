// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordreader.h"

#include <QFileInfo>

namespace quarry {
namespace {

bool sameName(const QString& a, std::string_view b) {
    const QByteArray u = a.toUtf8();
    return std::string_view(u.constData(), static_cast<size_t>(u.size())) == b;
}

}  // namespace

const char* rejectKindName(RejectKind k) {
    switch (k) {
        case RejectKind::None: return "none";
        case RejectKind::ColumnCount: return "wrong column count";
        case RejectKind::MalformedCsv: return "malformed CSV";
        case RejectKind::MalformedJson: return "malformed JSON";
        case RejectKind::MalformedLogLine: return "malformed log line";
        case RejectKind::InvalidUtf8: return "invalid UTF-8";
        case RejectKind::RecordTooLarge: return "record over size cap";
        case RejectKind::FieldTooLarge: return "field over size cap";
        case RejectKind::MissingAccount: return "no account";
        case RejectKind::BadTimestamp: return "bad timestamp";
        case RejectKind::BadTime: return "bad account_created_at";
        case RejectKind::NotANumber: return "non-numeric number field";
        case RejectKind::NumberOutOfRange: return "number out of range";
        case RejectKind::NulByte: return "NUL byte in a field";
    }
    return "?";
}

bool ColumnMapping::add(const QString& spec, QString* error) {
    const int eq = spec.lastIndexOf(QLatin1Char('='));
    if (eq <= 0 || eq == spec.size() - 1) {
        if (error) *error = QStringLiteral("--map '%1': expected SOURCE=FIELD").arg(spec);
        return false;
    }
    const QString source = spec.left(eq);
    const QString target = spec.mid(eq + 1).trimmed();
    if (target == QLatin1String("-")) {
        add(source, -1);
        return true;
    }
    const QByteArray t = target.toUtf8();
    const auto field = fieldFromName(std::string_view(t.constData(), static_cast<size_t>(t.size())));
    if (!field) {
        QStringList names;
        for (int i = 0; i < kFieldCount; ++i) {
            const auto n = fieldName(static_cast<Field>(i));
            names << QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
        }
        if (error)
            *error = QStringLiteral("--map '%1': '%2' is not a canonical field (one of %3, or -)")
                         .arg(spec, target, names.join(QStringLiteral(", ")));
        return false;
    }
    add(source, index(*field));
    return true;
}

int ColumnMapping::fieldFor(std::string_view sourceName) const {
    for (const auto& [source, field] : overrides_)
        if (sameName(source, sourceName)) return field;
    // A column whose field an override already claims is not mapped a second time.
    const auto f = fieldForSourceName(sourceName);
    if (!f) return -1;
    for (const auto& o : overrides_)
        if (o.second == index(*f)) return -1;
    return index(*f);
}

bool ColumnMapping::isOverridden(std::string_view sourceName) const {
    for (const auto& o : overrides_)
        if (sameName(o.first, sourceName)) return true;
    return false;
}

bool RecordReader::open(const QString& path, const ColumnMapping& mapping, const Limits& limits,
                        QString* error) {
    mapping_ = mapping;
    limits_ = limits;
    if (!openInput(path, error)) return false;
    return readHeader(error);
}

QString RecordReader::sourcePath() const {
    return QFileInfo(input().path()).absoluteFilePath();
}

QString RecordReader::missingNote(Field f) const {
    QStringList columns;
    for (const auto& [column, field] : columnFields_)
        if (field == index(f)) columns << column;
    if (!columns.isEmpty())
        return QStringLiteral("'%1' is empty in every record")
            .arg(columns.join(QStringLiteral("', '")));
    const auto n = fieldName(f);
    return QStringLiteral("no column maps to it (--map COLUMN=%1 names one)")
        .arg(QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size())));
}

void RecordReader::noteMapped(const QString& source, int field) {
    const auto n = fieldName(static_cast<Field>(field));
    mapped_ << source + QStringLiteral("->") +
                   QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
    columnFields_.emplace_back(source, field);
}

void RecordReader::noteIgnored(const QString& source) {
    if (ignored_.contains(source)) return;
    ignored_ << source;
    columnFields_.emplace_back(source, -1);
}

}  // namespace quarry
