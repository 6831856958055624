// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimeZone>

#include <sqlite3.h>

#include <algorithm>
#include <thread>

#include "core/boundedqueue.h"
#include "store/auditlog.h"
#include "rowconverter.h"
#include "store/casefile.h"
#include "store/groupedinsert.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "stringdictionary.h"

namespace quarry {
namespace {

constexpr size_t kBatchRows = 8192;
constexpr size_t kBatchTextBytes = 8 << 20;
constexpr size_t kQueueDepth = 3;  // batches in flight: bounds memory whatever the file size
constexpr int kDictCount = static_cast<int>(schema::kDictionaries.size());
// Average bytes per row below which a file is assumed to be large next to the case: then
// secondary indexes are dropped and rebuilt instead of being maintained row by row.
constexpr int64_t kBytesPerRowEstimate = 150;

struct RowOut {
    int64_t line, ts;
    int64_t dict[kDictCount];  // 0 = NULL; index 0 is the account
    int64_t number[4];
    int64_t createdAt;
    size_t promptOff, promptLen, uidOff, uidLen;
    uint8_t numberPresent;
    bool hasCreatedAt, hasPrompt, hasUid;
};
struct DictOut {
    int dict;
    int64_t id;
    size_t off, len;
};
struct QuarantineOut {
    int64_t line;
    RejectKind kind;
    size_t reasonOff, reasonLen, rawOff, rawLen;
};
struct Batch {
    std::vector<RowOut> rows;
    std::vector<DictOut> dicts;
    std::vector<QuarantineOut> quarantine;
    std::string text;
    int64_t bytesDone = 0;
    int64_t rowsRead = 0;

    std::string_view at(size_t off, size_t len) const { return {text.data() + off, len}; }
    size_t append(std::string_view v) {
        const size_t off = text.size();
        text.append(v);
        return off;
    }
};

using BatchQueue = BoundedQueue<std::unique_ptr<Batch>>;

// Everything the parsing thread produces besides the batches.
struct ParseTotals {
    int64_t rowsRead = 0;
    int64_t firstTs = INT64_MAX, lastTs = INT64_MIN;
    int64_t newAccounts = 0;
    int64_t rowsSkipped = 0;
    std::map<std::string, int64_t> skippedByReason;
    FieldCounts fieldRows{};  // accepted rows that carry each field
};

// Readers give a handful of fixed skip reasons; the cap only guards against one that does not.
constexpr size_t kMaxSkipReasons = 32;

void countSkipped(const SourceRow& row, ParseTotals& totals) {
    ++totals.rowsSkipped;
    auto it = totals.skippedByReason.find(row.skipReason);
    if (it != totals.skippedByReason.end())
        ++it->second;
    else if (totals.skippedByReason.size() < kMaxSkipReasons)
        totals.skippedByReason.emplace(row.skipReason, 1);
    else
        ++totals.skippedByReason["other"];
}

void parseAll(RecordReader& reader, const ImportOptions& options,
              std::vector<StringDictionary>& dicts, BatchQueue& queue, ParseTotals& totals) {
    auto batch = std::make_unique<Batch>();
    SourceRow row;
    TypedRow typed;
    auto flush = [&] {
        batch->bytesDone = reader.bytesRead();
        batch->rowsRead = totals.rowsRead;
        if (!queue.push(std::move(batch))) return false;
        batch = std::make_unique<Batch>();
        batch->rows.reserve(kBatchRows);
        return true;
    };
    batch->rows.reserve(kBatchRows);
    while (reader.next(row)) {
        ++totals.rowsRead;
        if (row.skip) {
            countSkipped(row, totals);
        } else if (!convertRow(row, options.limits.maxFieldBytes, typed)) {
            QuarantineOut q;
            q.line = row.line;
            q.kind = row.reject;
            q.reasonOff = batch->append(row.rejectMessage);
            q.reasonLen = row.rejectMessage.size();
            const std::string_view raw = row.raw.substr(0, options.quarantineRawBytes);
            q.rawOff = batch->append(raw);
            q.rawLen = raw.size();
            batch->quarantine.push_back(q);
        } else {
            countFields(row.present, totals.fieldRows);
            RowOut r;
            r.line = row.line;
            r.ts = typed.ts;
            totals.firstTs = std::min(totals.firstTs, typed.ts);
            totals.lastTs = std::max(totals.lastTs, typed.ts);
            for (int d = 0; d < kDictCount; ++d) {
                const Field f = schema::kDictionaries[d].field;
                if (!row.has(f)) {
                    r.dict[d] = 0;
                    continue;
                }
                const std::string_view v = row.value[index(f)];
                bool isNew = false;
                r.dict[d] = dicts[d].idFor(v, isNew);
                if (isNew) {
                    batch->dicts.push_back({d, r.dict[d], batch->append(v), v.size()});
                    if (f == Field::AccountId) ++totals.newAccounts;
                }
            }
            std::copy(std::begin(typed.number), std::end(typed.number), r.number);
            r.numberPresent = typed.numberPresent;
            r.hasCreatedAt = typed.hasAccountCreatedAt;
            r.createdAt = typed.accountCreatedAt;
            r.hasPrompt = row.has(Field::Prompt);
            r.hasUid = row.has(Field::RequestId);
            r.promptOff = r.promptLen = r.uidOff = r.uidLen = 0;
            if (r.hasPrompt) {
                const auto p = row.value[index(Field::Prompt)];
                r.promptOff = batch->append(p);
                r.promptLen = p.size();
            }
            if (r.hasUid) {
                const auto u = trimmed(row.value[index(Field::RequestId)]);
                r.uidOff = batch->append(u);
                r.uidLen = u.size();
            }
            batch->rows.push_back(r);
        }
        if (batch->rows.size() + batch->quarantine.size() >= kBatchRows ||
            batch->text.size() >= kBatchTextBytes) {
            if (!flush()) return;
        }
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) break;
    }
    flush();
}

constexpr int kRequestParams = 4 + kDictCount + 5;
constexpr int kTextParams = 3;

// Prepared statements of the writing side.
struct Writer {
    sqlite3* db;
    sql::GroupedInsert request, text;
    sql::Statement quarantine;
    std::vector<sql::Statement> dict;
    int64_t nextRequestId = 1;
    int64_t sourceId = 0;
    int64_t quarantined = 0, imported = 0;
    std::map<std::string, int64_t> byKind;
    std::vector<std::pair<int64_t, const RowOut*>> withText;  // reused between batches

    explicit Writer(sqlite3* d) : db(d) {
        std::string cols = "id, source_id, source_line, ts";
        for (const auto& dd : schema::kDictionaries) cols += std::string(", ") + dd.requestColumn;
        cols += ", prompt_tokens, completion_tokens, status_code, latency_ms, account_created_at";
        request = sql::GroupedInsert(db, "requests(" + cols + ")", kRequestParams);
        text = sql::GroupedInsert(db, "request_text(id, request_uid, prompt)", kTextParams);
        quarantine = sql::Statement(
            db, "INSERT INTO quarantine(source_id, line, kind, reason, raw) VALUES(?,?,?,?,?)");
        for (const auto& dd : schema::kDictionaries)
            dict.emplace_back(db, std::string("INSERT INTO ") + dd.table + "(id, value) VALUES(?,?)");
    }
    bool valid() const {
        bool ok = quarantine.valid();
        ok = ok && request.valid() && text.valid();
        for (const auto& s : dict) ok = ok && s.valid();
        return ok;
    }

    void bindRequest(sql::Statement& s, int p, int64_t id, const RowOut& r) const {
        s.bind(p++, id);
        s.bind(p++, sourceId);
        s.bind(p++, r.line);
        s.bind(p++, r.ts);
        for (int d = 0; d < kDictCount; ++d) s.bindOptional(p++, r.dict[d] != 0, r.dict[d]);
        for (int i = 0; i < 4; ++i) s.bindOptional(p++, r.numberPresent & (1u << i), r.number[i]);
        s.bindOptional(p++, r.hasCreatedAt, r.createdAt);
    }
    static void bindText(sql::Statement& s, int p, int64_t id, const RowOut& r, const Batch& b) {
        s.bind(p, id);
        if (r.hasUid) s.bindText(p + 1, b.at(r.uidOff, r.uidLen)); else s.bindNull(p + 1);
        if (r.hasPrompt) s.bindText(p + 2, b.at(r.promptOff, r.promptLen)); else s.bindNull(p + 2);
    }

    bool write(const Batch& b, QString* error) {
        auto failed = [&](sql::Statement& s) {
            if (error) *error = s.error();
            return false;
        };
        for (const DictOut& d : b.dicts) {
            auto& s = dict[d.dict];
            s.bind(1, d.id);
            s.bindText(2, b.at(d.off, d.len));
            if (!s.run()) return failed(s);
        }
        // Ids are given in file order; rows with a prompt or request id also go to request_text.
        withText.clear();
        int64_t id = nextRequestId;
        sql::Statement* failedAt = request.insert(b.rows.size(), [&](sql::Statement& s, int p, size_t i) {
            const RowOut& r = b.rows[i];
            bindRequest(s, p, id, r);
            if (r.hasPrompt || r.hasUid) withText.emplace_back(id, &r);
            ++id;
        });
        nextRequestId = id;
        if (!failedAt)
            failedAt = text.insert(withText.size(), [&](sql::Statement& s, int p, size_t i) {
                bindText(s, p, withText[i].first, *withText[i].second, b);
            });
        if (failedAt) return failed(*failedAt);
        imported += static_cast<int64_t>(b.rows.size());
        for (const QuarantineOut& q : b.quarantine) {
            quarantine.bind(1, sourceId);
            quarantine.bind(2, q.line);
            quarantine.bindText(3, rejectKindName(q.kind));
            quarantine.bindText(4, b.at(q.reasonOff, q.reasonLen));
            // Raw bytes may be invalid UTF-8 (that can be why the row is here): keep them
            // readable rather than storing bytes that break every viewer.
            const QByteArray raw =
                QString::fromUtf8(b.text.data() + q.rawOff, static_cast<qsizetype>(q.rawLen)).toUtf8();
            quarantine.bindTextCopy(5, std::string_view(raw.constData(), size_t(raw.size())));
            if (!quarantine.run()) return failed(quarantine);
            ++byKind[rejectKindName(q.kind)];
        }
        quarantined += static_cast<int64_t>(b.quarantine.size());
        return true;
    }
};

}  // namespace

bool Importer::run(const QString& path, const ImportOptions& options, ImportResult& result,
                   QString* error) {
    QElapsedTimer timer;
    timer.start();
    sqlite3* db = file_.db();
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };

    QString e;
    auto reader = createReader(options.format, path, &e);
    if (!reader || !reader->open(path, options.mapping, options.limits, &e)) return setError(e);
    result.path = reader->sourcePath();
    result.format = QString::fromLatin1(reader->formatName());
    result.bytes = reader->sourceBytes();

    // Same size as a source already imported: hash first, and refuse before any work.
    if (reader->isFile()) {
        sql::Statement same(db, "SELECT id, sha256, path, imported_at FROM sources WHERE size = ?");
        same.bind(1, result.bytes);
        std::string digest;
        while (same.step()) {
            if (digest.empty()) {
                digest = sha256OfFile(path, &e);
                if (digest.empty()) return setError(e);
            }
            if (same.textView(1) == digest && !options.force)
                return setError(
                    QStringLiteral("%1: already imported into this case as source #%2 (%3, on %4; "
                                   "same SHA-256); use --force to import it again")
                        .arg(path)
                        .arg(same.int64(0))
                        .arg(same.text(2),
                             QDateTime::fromMSecsSinceEpoch(same.int64(3), QTimeZone::utc())
                                 .toString(Qt::ISODate)));
        }
    }

    // The load appends at the right edge of each B-tree, so a modest cache holds the pages it
    // touches. The cache is also the budget of SQLite's sorter when the indexes are rebuilt
    // (vdbesort.c sizes its in-memory runs from cache_size), so this one number bounds the
    // import's memory whatever the row count: a bigger cache made peak RSS grow with the file
    // until it reached cache plus sorter (issue 15 item 10).
    sql::exec(db, "PRAGMA cache_size = -32768");
    if (!file_.beginWrite(&e)) return setError(e);
    auto abortWith = [&](const QString& message) {
        file_.rollback();
        sql::exec(db, "PRAGMA cache_size = -16384");
        return setError(message);
    };

    const int64_t existingRows = sql::queryInt(db, "SELECT max(id) FROM requests", 0);
    const bool rebuildIndexes = existingRows < result.bytes / kBytesPerRowEstimate;
    if (rebuildIndexes && !schema::dropRequestIndexes(db, &e)) return abortWith(e);

    std::vector<StringDictionary> dicts(kDictCount);
    for (int d = 0; d < kDictCount; ++d) {
        sql::Statement s(db, std::string("SELECT id, value FROM ") + schema::kDictionaries[d].table);
        while (s.step()) dicts[d].insertExisting(s.textView(1), s.int64(0));
        if (sql::isCorrupt(s.resultCode()) || sql::isBusy(s.resultCode()))
            return abortWith(file_.describeError(s.resultCode(), QStringLiteral("read the case")));
    }

    Writer writer(db);
    if (!writer.valid()) return abortWith(file_.describeError(sqlite3_errcode(db), QStringLiteral("prepare the import")));
    writer.nextRequestId = existingRows + 1;
    writer.sourceId = sql::queryInt(db, "SELECT max(id) FROM sources", 0) + 1;

    BatchQueue queue(kQueueDepth);
    ParseTotals totals;
    std::thread parser([&] {
        parseAll(*reader, options, dicts, queue, totals);
        queue.close();
    });
    QString writeError;
    while (auto next = queue.pop()) {
        const auto& batch = *next;
        if (!writer.write(*batch, &writeError)) {
            writeError = file_.describeError(sqlite3_errcode(db), QStringLiteral("write rows"));
            break;
        }
        if (options.progress)
            options.progress(batch->bytesDone, result.bytes, writer.imported, writer.quarantined);
        if (options.cancel && options.cancel->load()) break;
    }
    queue.abort();
    parser.join();

    if (!writeError.isEmpty()) return abortWith(writeError);
    if (options.cancel && options.cancel->load())
        return abortWith(
            QStringLiteral("%1: import cancelled; the case is unchanged").arg(result.path));
    if (!reader->error().isEmpty()) return abortWith(reader->error());
    // A file with nothing in it is most likely the wrong file or a failed download; recording
    // it as a source would claim it was read.
    if (totals.rowsRead == 0)
        return abortWith(reader->input().bytesConsumed() == 0 && result.bytes == 0
                             ? QStringLiteral("%1: the file is empty; nothing was imported").arg(result.path)
                             : QStringLiteral("%1: the file holds no records (only a header or "
                                              "blank lines); nothing was imported")
                                   .arg(result.path));
    result.sha256 = reader->sha256Hex();
    // A database server has no file to hash up front: the same rows twice are the same digest.
    if (!reader->isFile() && !options.force) {
        sql::Statement same(db, "SELECT id FROM sources WHERE sha256 = ?");
        same.bindText(1, result.sha256);
        if (same.step())
            return abortWith(QStringLiteral("%1: these rows are already in this case as source #%2 "
                                            "(same SHA-256); use --force to import them again")
                                 .arg(result.path)
                                 .arg(same.int64(0)));
    }

    if (rebuildIndexes) {
        // Rebuilding the index is a sort of every row, done after the parsing thread has
        // finished: let SQLite's sorter use the idle cores for it (vdbesort.c merges its runs
        // on up to `threads` helper threads).
        const unsigned cores = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
        sql::exec(db, "PRAGMA threads = " + std::to_string(cores - 1));
        const bool built = schema::createRequestIndexes(db, &e);
        sql::exec(db, "PRAGMA threads = 0");
        if (!built)
            return abortWith(file_.describeError(sqlite3_errcode(db), QStringLiteral("build indexes")));
    }

    result.rowsRead = totals.rowsRead;
    result.rowsImported = writer.imported;
    result.rowsQuarantined = writer.quarantined;
    result.quarantineByReason = writer.byKind;
    result.rowsSkipped = totals.rowsSkipped;
    result.skippedByReason = totals.skippedByReason;
    result.fieldRows = totals.fieldRows;
    result.newAccounts = totals.newAccounts;
    result.mapping = reader->mappingDescription();
    result.ignoredColumns = reader->ignoredColumns();
    for (const MissingField& m :
         missingFields(totals.fieldRows, writer.imported, *reader, importWarnedFields()))
        result.warnings << m.text();
    result.firstTs = writer.imported ? totals.firstTs : 0;
    result.lastTs = writer.imported ? totals.lastTs : 0;
    result.sourceId = writer.sourceId;

    sql::Statement src(db,
                       "INSERT INTO sources(id, path, sha256, size, format, mapping, rows_read, "
                       "rows_imported, rows_quarantined, first_ts, last_ts, imported_at, forced, "
                       "rows_skipped) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const QByteArray p = result.path.toUtf8();
    const QByteArray fmt = result.format.toUtf8();
    const QByteArray map = result.mapping.join(QLatin1Char(',')).toUtf8();
    src.bind(1, result.sourceId);
    src.bindText(2, {p.constData(), size_t(p.size())});
    src.bindText(3, result.sha256);
    src.bind(4, result.bytes);
    src.bindText(5, {fmt.constData(), size_t(fmt.size())});
    src.bindText(6, {map.constData(), size_t(map.size())});
    src.bind(7, result.rowsRead);
    src.bind(8, result.rowsImported);
    src.bind(9, result.rowsQuarantined);
    src.bindOptional(10, writer.imported > 0, result.firstTs);
    src.bindOptional(11, writer.imported > 0, result.lastTs);
    src.bind(12, QDateTime::currentMSecsSinceEpoch());
    src.bind(13, options.force ? 1 : 0);
    src.bind(14, result.rowsSkipped);
    if (!src.run())
        return abortWith(file_.describeError(src.resultCode(), QStringLiteral("record the source")));
    {
        // The audit entry commits with the rows it records.
        QJsonObject details;
        details.insert(QStringLiteral("source_id"), static_cast<qint64>(result.sourceId));
        details.insert(QStringLiteral("path"), result.path);
        details.insert(QStringLiteral("sha256"), QString::fromStdString(result.sha256));
        details.insert(QStringLiteral("size"), static_cast<qint64>(result.bytes));
        details.insert(QStringLiteral("format"), result.format);
        details.insert(QStringLiteral("rows_read"), static_cast<qint64>(result.rowsRead));
        details.insert(QStringLiteral("rows_imported"), static_cast<qint64>(result.rowsImported));
        details.insert(QStringLiteral("rows_quarantined"), static_cast<qint64>(result.rowsQuarantined));
        details.insert(QStringLiteral("rows_skipped"), static_cast<qint64>(result.rowsSkipped));
        details.insert(QStringLiteral("forced"), options.force);
        if (!evidence::appendAudit(db, QStringLiteral("import"), details, &e)) return abortWith(e);
    }
    if (!file_.commit(&e)) return abortWith(e);
    sql::exec(db, "PRAGMA cache_size = -16384");
    result.seconds = timer.elapsed() / 1000.0;
    return true;
}

}  // namespace quarry
