// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <sqlite3.h>

#include "schema.h"
#include "sqlite.h"

namespace quarry {
namespace {

constexpr int kBusyTimeoutMs = 1500;

uint32_t be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

QString lockedMessage(const QString& path) {
    return QStringLiteral("%1: the case is locked by another process that is writing to it "
                          "(an import or analysis in progress?); try again when it has finished")
        .arg(path);
}

// Reads the 100-byte SQLite header without SQLite, so that a file that is not a database is
// never handed to SQLite at all. Returns an empty string when the header is acceptable.
QString checkHeader(const QString& path, bool hotJournal) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot read the file: %2").arg(path, f.errorString());
    const qint64 size = f.size();
    if (size == 0) return QStringLiteral("%1: the file is empty, not a Quarry case").arg(path);
    const QByteArray h = f.read(100);
    static const char kMagic[] = "SQLite format 3";
    if (h.size() < 16 || memcmp(h.constData(), kMagic, 16) != 0)
        return QStringLiteral("%1: not a Quarry case (not an SQLite database)").arg(path);
    if (h.size() < 100)
        return QStringLiteral("%1: the case file is truncated (%2 bytes)").arg(path).arg(size);
    const auto* u = reinterpret_cast<const unsigned char*>(h.constData());
    const uint32_t appId = be32(u + 68);
    if (static_cast<int>(appId) != schema::kApplicationId)
        return QStringLiteral("%1: not a Quarry case (an SQLite database of another application)")
            .arg(path);
    const uint32_t version = be32(u + 60);
    if (static_cast<int>(version) > schema::kCurrentVersion)
        return QStringLiteral("%1: the case was written by a newer Quarry (schema version %2; this "
                              "build reads up to %3); open it with that version")
            .arg(path)
            .arg(version)
            .arg(schema::kCurrentVersion);
    // While a hot journal exists the header is not authoritative: SQLite rolls it back first.
    if (!hotJournal) {
        uint32_t pageSize = (uint32_t(u[16]) << 8) | u[17];
        if (pageSize == 1) pageSize = 65536;
        const uint32_t pageCount = be32(u + 28);
        const bool countValid = be32(u + 92) == be32(u + 24) && pageCount > 0;
        if (countValid && qint64(pageSize) * pageCount > size)
            return QStringLiteral("%1: the case file is truncated (%2 bytes of the %3 its header "
                                  "declares)")
                .arg(path)
                .arg(size)
                .arg(qint64(pageSize) * pageCount);
    }
    return {};
}

}  // namespace

std::unique_ptr<CaseFile> CaseFile::open(const QString& path, Access access, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
    };
    const QFileInfo info(path);
    const bool exists = info.exists();
    if (exists && info.isDir()) {
        setError(QStringLiteral("%1: is a directory, not a case file").arg(path));
        return nullptr;
    }
    if (!exists && access != Access::CreateIfMissing) {
        setError(QStringLiteral("%1: no such case file").arg(path));
        return nullptr;
    }
    if (exists) {
        const bool hotJournal = QFileInfo::exists(path + QStringLiteral("-journal"));
        const QString headerError = checkHeader(path, hotJournal);
        if (!headerError.isEmpty()) {
            setError(headerError);
            return nullptr;
        }
    }

    // A read-only connection cannot roll back the hot journal a killed import leaves behind, so
    // a writable case is opened read-write even for reading; ReadOnly only means Quarry itself
    // writes nothing (no migration).
    int flags = SQLITE_OPEN_NOMUTEX;
    if (exists && !info.isWritable()) {
        if (access != Access::ReadOnly) {
            setError(QStringLiteral("%1: the case file is read-only").arg(path));
            return nullptr;
        }
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
    }
    sqlite3* db = nullptr;
    const QByteArray native = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(native.constData(), &db, flags, nullptr);
    std::unique_ptr<CaseFile> file(new CaseFile(path, db));
    if (rc != SQLITE_OK) {
        setError(QStringLiteral("%1: cannot open: %2")
                     .arg(path, db ? sql::lastError(db) : QString::fromUtf8(sqlite3_errstr(rc))));
        return nullptr;
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);

    if (!exists) {
        QString e;
        const bool ok =
            sql::exec(db, "PRAGMA page_size = 8192; PRAGMA journal_mode = DELETE; BEGIN;", &e) &&
            schema::create(db, &e) &&
            file->setMeta(QStringLiteral("case_id"),
                          QUuid::createUuid().toString(QUuid::WithoutBraces), &e) &&
            file->setMeta(QStringLiteral("created_at"),
                          QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), &e) &&
            file->setMeta(QStringLiteral("created_by"),
                          QStringLiteral("Quarry " QUARRY_VERSION), &e) &&
            sql::exec(db, "COMMIT;", &e);
        if (!ok) {
            setError(QStringLiteral("%1: cannot create the case: %2").arg(path, e));
            file.reset();
            QFile::remove(path);
            return nullptr;
        }
        return file;
    }
    if (!file->validate(access, error)) return nullptr;
    return file;
}

bool CaseFile::validate(Access access, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    // The first read makes SQLite roll back a hot journal left by a killed import, so the
    // header is read again through SQLite afterwards.
    sql::Statement s(db_, "SELECT count(*) FROM sqlite_schema");
    if (!s.step()) return setError(describeError(s.resultCode(), QStringLiteral("read the schema")));
    const QString headerError = checkHeader(path_, false);
    if (!headerError.isEmpty()) return setError(headerError);

    const int version = static_cast<int>(sql::queryInt(db_, "PRAGMA user_version", -1));
    static const char* const kRequired[] = {"case_meta", "sources", "quarantine", "requests",
                                             "request_text"};
    for (const char* table : kRequired) {
        sql::Statement t(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
        t.bindText(1, table);
        if (!t.step())
            return setError(QStringLiteral("%1: damaged case: table '%2' is missing")
                                .arg(path_, QString::fromLatin1(table)));
    }
    if (version < schema::kCurrentVersion) {
        if (access == Access::ReadOnly)
            return setError(QStringLiteral("%1: the case has schema version %2 and needs an "
                                           "upgrade; open it for writing once")
                                .arg(path_)
                                .arg(version));
        QString e;
        if (!beginWrite(&e)) return setError(e);
        if (!schema::migrate(db_, version, &e) || !commit(&e)) {
            rollback();
            return setError(QStringLiteral("%1: upgrade failed: %2").arg(path_, e));
        }
    }
    return true;
}

CaseFile::~CaseFile() {
    if (db_) {
        if (inTransaction()) rollback();
        sqlite3_close_v2(db_);
    }
}

QString CaseFile::caseId() const { return meta(QStringLiteral("case_id")); }

QString CaseFile::meta(const QString& key) const {
    sql::Statement s(db_, "SELECT value FROM case_meta WHERE key = ?");
    const QByteArray k = key.toUtf8();
    s.bindText(1, {k.constData(), size_t(k.size())});
    return s.step() ? s.text(0) : QString();
}

bool CaseFile::setMeta(const QString& key, const QString& value, QString* error) {
    sql::Statement s(db_, "INSERT OR REPLACE INTO case_meta(key, value) VALUES(?, ?)");
    const QByteArray k = key.toUtf8(), v = value.toUtf8();
    s.bindText(1, {k.constData(), size_t(k.size())});
    s.bindText(2, {v.constData(), size_t(v.size())});
    if (s.run()) return true;
    if (error) *error = s.error();
    return false;
}

bool CaseFile::beginWrite(QString* error) {
    sql::Statement s(db_, "BEGIN IMMEDIATE");
    if (s.run()) return true;
    if (error) *error = describeError(s.resultCode(), QStringLiteral("start writing"));
    return false;
}

bool CaseFile::commit(QString* error) {
    sql::Statement s(db_, "COMMIT");
    if (s.run()) return true;
    if (error) *error = describeError(s.resultCode(), QStringLiteral("commit"));
    return false;
}

void CaseFile::rollback() {
    if (inTransaction()) sql::exec(db_, "ROLLBACK");
}

bool CaseFile::inTransaction() const { return db_ && !sqlite3_get_autocommit(db_); }

QString CaseFile::describeError(int rc, const QString& doing) const {
    if (sql::isBusy(rc)) return lockedMessage(path_);
    if (sql::isCorrupt(rc))
        return QStringLiteral("%1: the case file is corrupted (%2)").arg(path_, sql::lastError(db_));
    if ((rc & 0xff) == SQLITE_READONLY)
        return QStringLiteral("%1: cannot %2: the file is read-only").arg(path_, doing);
    if ((rc & 0xff) == SQLITE_FULL)
        return QStringLiteral("%1: cannot %2: the disk is full").arg(path_, doing);
    return QStringLiteral("%1: cannot %2: %3").arg(path_, doing, sql::lastError(db_));
}

}  // namespace quarry
