// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceinspector.h"

#include <QJsonArray>

#include "rowconverter.h"
#include "core/timestamp.h"

namespace quarry {
namespace {

QString fieldText(int f) {
    const auto n = fieldName(static_cast<Field>(f));
    return QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
}

QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

// Terminal-safe: log content is hostile, so control characters never reach the terminal,
// and long values (prompts) are cut.
QString printable(const QString& s, int max = 160) {
    QString out;
    for (const QChar c : s) {
        if (out.size() >= max) {
            out += QStringLiteral("...");
            break;
        }
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f ||
                (c.unicode() >= 0x80 && c.unicode() < 0xa0))
                   ? QChar(0xfffd)
                   : c;
    }
    return out;
}

const char* statusName(SourceInspection::Record::Status s) {
    switch (s) {
        case SourceInspection::Record::Status::Imported:
            return "imported";
        case SourceInspection::Record::Status::Quarantined:
            return "quarantined";
        case SourceInspection::Record::Status::Skipped:
            return "skipped";
    }
    return "?";
}

// The record as the importer stores it: convertRow() trims, types and checks it.
SourceInspection::Record inspectRow(SourceRow& row, size_t maxFieldBytes) {
    SourceInspection::Record r;
    r.line = row.line;
    if (row.skip) {
        r.status = SourceInspection::Record::Status::Skipped;
        r.reason = QString::fromStdString(row.skipReason);
        return r;
    }
    TypedRow typed;
    if (!convertRow(row, maxFieldBytes, typed)) {
        r.status = SourceInspection::Record::Status::Quarantined;
        r.reason = QStringLiteral("%1: %2").arg(QLatin1String(rejectKindName(row.reject)),
                                                QString::fromStdString(row.rejectMessage));
        return r;
    }
    for (int f = 0; f < kFieldCount; ++f)
        if (row.has(static_cast<Field>(f))) r.values[f] = fromView(row.value[f]);
    r.timestampMs = typed.ts;
    r.values[index(Field::Timestamp)] = QString::fromStdString(formatTimestampMs(typed.ts));
    if (typed.hasAccountCreatedAt)
        r.values[index(Field::AccountCreatedAt)] =
            QString::fromStdString(formatTimestampMs(typed.accountCreatedAt));
    for (int i = 0; i < 4; ++i) {
        const int f = index(TypedRow::kNumberFields[i]);
        r.values[f] = (typed.numberPresent & (1u << i))
                          ? std::optional<QString>(QString::number(typed.number[i]))
                          : std::nullopt;
    }
    return r;
}

}  // namespace

bool inspectSource(const QString& path, const QString& format, const ColumnMapping& mapping,
                   int rows, SourceInspection& out, QString* error, int sampleRows) {
    out = SourceInspection();
    auto reader = createReader(format, path, error);
    RecordReader::Limits limits;
    if (!reader || !reader->open(path, mapping, limits, error)) return false;
    out.source = reader->sourcePath();
    out.format = QString::fromLatin1(reader->formatName());

    FieldCounts counts{};
    SourceRow row;
    const int64_t limit = std::max(rows, sampleRows);
    while (out.sampled < limit && reader->next(row)) {
        ++out.sampled;
        SourceInspection::Record r = inspectRow(row, limits.maxFieldBytes);
        if (r.status == SourceInspection::Record::Status::Imported) {
            ++out.sampledImported;
            countFields(row.present, counts);
        }
        if (static_cast<int64_t>(out.records.size()) < rows) out.records.push_back(std::move(r));
    }
    if (!reader->error().isEmpty()) {
        if (error) *error = reader->error();
        return false;
    }
    // Columns are known once records were read (JSON keys appear as they come).
    for (const auto& [name, field] : reader->columnFields())
        out.columns.push_back({name, field, reader->columnNote(name)});
    out.missing = missingFields(counts, out.sampledImported, *reader);
    return true;
}

QJsonObject SourceInspection::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("source"), source);
    o.insert(QStringLiteral("format"), format);
    QJsonArray cols;
    QJsonArray unmapped;
    for (const Column& c : columns) {
        QJsonObject j;
        j.insert(QStringLiteral("column"), c.name);
        j.insert(QStringLiteral("field"),
                 c.field >= 0 ? QJsonValue(fieldText(c.field)) : QJsonValue());
        if (!c.note.isEmpty()) j.insert(QStringLiteral("note"), c.note);
        cols.append(j);
        if (c.field < 0) unmapped.append(c.name);
    }
    o.insert(QStringLiteral("columns"), cols);
    o.insert(QStringLiteral("unmapped"), unmapped);
    o.insert(QStringLiteral("sampled_records"), static_cast<qint64>(sampled));
    QJsonArray miss;
    for (const MissingField& m : missing) {
        QJsonObject j;
        j.insert(QStringLiteral("field"), fieldText(index(m.field)));
        j.insert(QStringLiteral("text"), m.text());
        miss.append(j);
    }
    o.insert(QStringLiteral("missing"), miss);
    QJsonArray recs;
    for (const Record& r : records) {
        QJsonObject j;
        j.insert(QStringLiteral("line"), static_cast<qint64>(r.line));
        j.insert(QStringLiteral("status"), QLatin1String(statusName(r.status)));
        if (!r.reason.isEmpty()) j.insert(QStringLiteral("reason"), r.reason);
        if (r.status == Record::Status::Imported) {
            QJsonObject fields;
            for (int f = 0; f < kFieldCount; ++f)
                fields.insert(fieldText(f), r.values[f] ? QJsonValue(*r.values[f]) : QJsonValue());
            fields.insert(QStringLiteral("timestamp_ms"), static_cast<qint64>(r.timestampMs));
            j.insert(QStringLiteral("fields"), fields);
        }
        recs.append(j);
    }
    o.insert(QStringLiteral("records"), recs);
    return o;
}

QString SourceInspection::toText() const {
    QString t;
    t += QStringLiteral("source  %1\nformat  %2\n").arg(printable(source, 400), format);
    t += QStringLiteral("\ncolumns (source -> canonical field)\n");
    int width = 0;
    for (const Column& c : columns)
        width = std::max(width, static_cast<int>(std::min<qsizetype>(c.name.size(), 40)));
    for (const Column& c : columns) {
        QString line = QStringLiteral("  %1  ").arg(printable(c.name, 40), -width);
        line += c.field >= 0 ? QStringLiteral("-> %1").arg(fieldText(c.field), -18)
                             : QStringLiteral("   %1").arg(QStringLiteral("(not used)"), -18);
        if (!c.note.isEmpty()) line += QStringLiteral("  ") + c.note;
        t += line.trimmed().prepend(QStringLiteral("  ")) + QLatin1Char('\n');
    }
    t += QStringLiteral("\nmissing (judged on the first %1 records, %2 of them importable)\n")
             .arg(sampled)
             .arg(sampledImported);
    if (missing.empty()) t += QStringLiteral("  nothing that costs a signal\n");
    for (const MissingField& m : missing) t += QStringLiteral("  %1\n").arg(m.text());
    t += QStringLiteral("\nfirst %1 records, as the importer stores them\n").arg(records.size());
    for (const Record& r : records) {
        t += QStringLiteral("  line %1: %2").arg(r.line).arg(QLatin1String(statusName(r.status)));
        if (!r.reason.isEmpty()) t += QStringLiteral(" (%1)").arg(printable(r.reason, 200));
        t += QLatin1Char('\n');
        for (int f = 0; f < kFieldCount; ++f)
            if (r.values[f])
                t += QStringLiteral("    %1 %2\n")
                         .arg(fieldText(f), -18)
                         .arg(printable(*r.values[f]));
    }
    return t;
}

}  // namespace quarry
