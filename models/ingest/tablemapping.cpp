// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablemapping.h"

#include <QStringList>

#include "litellmmapping.h"
#include "newapimapping.h"

namespace quarry {

void TableMapping::setColumns(const std::vector<std::string>& names) {
    names_ = names;
    const auto& tool = columns();
    index_.assign(tool.size(), -1);
    for (size_t c = 0; c < tool.size(); ++c)
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == tool[c].name) {
                index_[c] = static_cast<int>(i);
                break;
            }
}

bool TableMapping::checkColumns(const QString& source, QString* error) const {
    QStringList missing;
    for (int c : requiredColumns())
        if (at(c) < 0) missing << QString::fromLatin1(columns()[c].name);
    if (missing.isEmpty()) return true;
    if (error)
        *error = QStringLiteral("%1: not a %2 %3 table: no column %4")
                     .arg(source, QLatin1String(tool()), QLatin1String(tableName()),
                          missing.join(QStringLiteral(", ")));
    return false;
}

QString TableMapping::missingNoteOrColumns(Field f) const {
    const QString note = missingNote(f);
    if (!note.isEmpty()) return note;
    QStringList empty;
    for (size_t c = 0; c < columns().size(); ++c)
        if (columns()[c].field == index(f) && at(static_cast<int>(c)) >= 0)
            empty << QString::fromLatin1(columns()[c].name);
    if (!empty.isEmpty())
        return QStringLiteral("%1 is empty in every row").arg(empty.join(QStringLiteral(", ")));
    return QStringLiteral("%1's %2 table has no column for it")
        .arg(QLatin1String(tool()), QLatin1String(tableName()));
}

bool TableMapping::acceptsOverrides(const ColumnMapping& overrides, const QString& source,
                                    QString* error) const {
    if (overrides.overrides().empty()) return true;
    if (error)
        *error = QStringLiteral(
                     "%1: --map does not apply to a %2 %3 table, which maps by the tool's "
                     "schema; use --format csv or --format jsonl to map columns by hand")
                     .arg(source, QLatin1String(tool()), QLatin1String(tableName()));
    return false;
}

QString TableMapping::noteFor(const QString& column) const {
    for (const Column& c : columns())
        if (column == QLatin1String(c.name)) return QString::fromUtf8(c.note);
    return QString();
}

std::vector<std::pair<QString, int>> TableMapping::sourceColumnFields(size_t from) const {
    std::vector<std::pair<QString, int>> out;
    const auto& tool = columns();
    for (size_t i = from; i < names_.size(); ++i) {
        int field = -1;
        for (size_t c = 0; c < tool.size(); ++c)
            if (index_[c] == static_cast<int>(i)) field = tool[c].field;
        out.emplace_back(QString::fromStdString(names_[i]), field);
    }
    return out;
}

std::unique_ptr<TableMapping> createTableMapping(const QString& tool) {
    const QString t = tool.toLower();
    if (t == QLatin1String("litellm")) return std::make_unique<LiteLlmMapping>();
    if (t == QLatin1String("newapi") || t == QLatin1String("new-api") ||
        t == QLatin1String("oneapi") || t == QLatin1String("one-api"))
        return std::make_unique<NewApiMapping>();
    return nullptr;
}

std::unique_ptr<TableMapping> detectTableMapping(const std::vector<std::string>& names) {
    for (const char* tool : {"litellm", "newapi"}) {
        auto m = createTableMapping(QLatin1String(tool));
        if (m->matches(names)) return m;
    }
    return nullptr;
}

}  // namespace quarry
