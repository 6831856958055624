// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatregistry.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>

#include "accesslogreader.h"
#include "azureapimreader.h"
#include "bedrockreader.h"
#include "cloudflarereader.h"
#include "csvreader.h"
#include "heliconereader.h"
#include "inputfile.h"
#include "jsonlreader.h"
#include "langfusereader.h"
#include "otlpreader.h"
#include "tablemapping.h"
#include "tablereaders.h"

namespace quarry {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QString lookThroughCompression(const QString& path) {
    QString name = QFileInfo(path).fileName().toLower();
    for (const char* z : {".gz", ".zst"})
        if (name.endsWith(QLatin1String(z))) name.chop(static_cast<int>(std::strlen(z)));
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? QString() : name.mid(dot + 1);
}

}  // namespace

std::string_view FileHead::firstLine() const {
    std::string_view rest(bytes);
    while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!std::all_of(line.begin(), line.end(), isSpace)) return line;
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
    return {};
}

char FileHead::firstByte() const {
    for (char c : bytes)
        if (!isSpace(c)) return c;
    return 0;
}

bool FileHead::hasJsonKey(std::string_view key) const {
    const std::string quoted = "\"" + std::string(key) + "\"";
    for (size_t at = bytes.find(quoted); at != std::string::npos; at = bytes.find(quoted, at + 1)) {
        size_t p = at + quoted.size();
        while (p < bytes.size() && isSpace(bytes[p])) ++p;
        if (p < bytes.size() && bytes[p] == ':') return true;
    }
    return false;
}

bool FileHead::hasCsvColumn(std::string_view name) const {
    std::string_view line = firstLine();
    while (!line.empty()) {
        const size_t comma = line.find(',');
        std::string_view cell = line.substr(0, comma);
        while (!cell.empty() && isSpace(cell.front())) cell.remove_prefix(1);
        while (!cell.empty() && isSpace(cell.back())) cell.remove_suffix(1);
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        if (cell == name) return true;
        if (comma == std::string_view::npos) break;
        line.remove_prefix(comma + 1);
    }
    return false;
}

bool readFileHead(const QString& path, FileHead& head, QString* error) {
    head.path = path;
    head.suffix = lookThroughCompression(path);
    head.bytes.clear();
    // Through InputFile, so the sniffers see what the readers will read.
    InputFile in;
    if (!in.open(path, error)) return false;
    while (in.available() < FileHead::kBytes && in.fill()) {
    }
    if (in.failed()) {
        if (error) *error = in.error();
        return false;
    }
    head.bytes.assign(in.begin(), std::min(in.available(), FileHead::kBytes));
    if (head.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) head.bytes.erase(0, 3);
    return true;
}

std::vector<std::unique_ptr<RecordReader>> allReaders() {
    std::vector<std::unique_ptr<RecordReader>> r;
    r.push_back(std::make_unique<CsvReader>());
    r.push_back(std::make_unique<JsonlReader>());
    r.push_back(std::make_unique<AccessLogReader>());
    r.push_back(std::make_unique<HeliconeReader>());
    r.push_back(std::make_unique<LangfuseReader>());
    r.push_back(std::make_unique<OtlpReader>());
    r.push_back(std::make_unique<BedrockReader>());
    r.push_back(std::make_unique<AzureApimReader>());
    r.push_back(std::make_unique<CloudflareReader>());
    return r;
}

std::unique_ptr<RecordReader> readerForName(const QString& name) {
    for (auto& r : allReaders())
        if (name.compare(QLatin1String(r->formatName()), Qt::CaseInsensitive) == 0)
            return std::move(r);
    return nullptr;
}

std::unique_ptr<RecordReader> detectReader(const FileHead& head) {
    std::unique_ptr<RecordReader> best;
    int bestScore = 0;
    for (auto& r : allReaders()) {
        const int score = r->confidence(head);
        if (score > bestScore) {
            bestScore = score;
            best = std::move(r);
        }
    }
    return best;
}

QStringList formatNames() {
    QStringList names{QStringLiteral("auto")};
    for (const auto& r : allReaders()) names << QString::fromLatin1(r->formatName());
    // Tool tables, read from an export or from the tool's database (tablereaders.h).
    names << QStringLiteral("litellm") << QStringLiteral("newapi");
    return names;
}

QString formatsHelp() {
    QString text;
    for (const auto& r : allReaders())
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(r->formatName()), -12)
                    .arg(QString::fromUtf8(r->description()));
    text += QStringLiteral("  %1%2\n")
                .arg(QStringLiteral("litellm"), -12)
                .arg(QStringLiteral("LiteLLM_SpendLogs: CSV or JSON export, or the PostgreSQL "
                                    "database as postgresql://USER@HOST:PORT/DB"));
    text += QStringLiteral("  %1%2\n")
                .arg(QStringLiteral("newapi"), -12)
                .arg(QStringLiteral("new-api/one-api logs: CSV or JSON export, or the SQLite "
                                    "database file (one-api.db)"));
    return text;
}

std::unique_ptr<RecordReader> createReader(const QString& format, const QString& path,
                                           QString* error) {
    const QString f = format.trimmed();
    const bool automatic = f.isEmpty() || f.compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0;
    // A tool's own table (its database, or its CSV/JSON export) is recognised by its columns
    // before the per-format readers are asked.
    if (automatic || createTableMapping(f)) {
        FileHead head;
        if (!isDatabaseUrl(path)) {
            // A SQLite database is binary: the text checks of the input layer would refuse it
            // before its table reader could look.
            QFile raw(path);
            const QByteArray magic = raw.open(QIODevice::ReadOnly) ? raw.read(16) : QByteArray();
            if (magic.startsWith(QByteArray("SQLite format 3\0", 16))) head.bytes = magic.toStdString();
            else if (!readFileHead(path, head, error)) return nullptr;
        }
        QString e;
        if (auto table = createTableReader(f, path, QByteArray::fromStdString(head.bytes), &e))
            return table;
        if (!e.isEmpty()) {
            if (error) *error = e;
            return nullptr;
        }
    }
    if (automatic) {
        FileHead head;
        if (!readFileHead(path, head, error)) return nullptr;
        auto reader = detectReader(head);
        if (!reader && error)
            *error = QStringLiteral(
                         "%1: no reader recognises this file; name one with --format "
                         "(%2)")
                         .arg(path, formatNames().mid(1).join(QStringLiteral(", ")));
        return reader;
    }
    auto reader = readerForName(f);
    if (!reader && error)
        *error = QStringLiteral("unknown format '%1' (one of %2)")
                     .arg(format, formatNames().join(QStringLiteral(", ")));
    return reader;
}

}  // namespace quarry
