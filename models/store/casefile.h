// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

struct sqlite3;

namespace quarry {

// One investigation case: a single SQLite file (.quarry). Opening checks that the file is a
// Quarry case of a schema this build understands before anything is written to it, so a foreign,
// newer, truncated or corrupted file is refused with a reason and left exactly as it was.
class CaseFile {
public:
    enum class Access {
        ReadOnly,         // never writes (no migration, no journal roll-back on our side)
        ReadWrite,        // the file must exist
        CreateIfMissing,  // ReadWrite, creating a new empty case when the path does not exist
    };

    static std::unique_ptr<CaseFile> open(const QString& path, Access access, QString* error);
    ~CaseFile();
    CaseFile(const CaseFile&) = delete;
    CaseFile& operator=(const CaseFile&) = delete;

    sqlite3* db() const { return db_; }
    const QString& path() const { return path_; }
    QString caseId() const;
    QString meta(const QString& key) const;
    bool setMeta(const QString& key, const QString& value, QString* error);

    // Starts the single write transaction of an import or analysis. Fails with a clear reason
    // when another process is writing to the case.
    bool beginWrite(QString* error);
    bool commit(QString* error);
    void rollback();
    bool inTransaction() const;

    // Explains an SQLite result code in the words of this file (locked, corrupted, ...).
    QString describeError(int rc, const QString& doing) const;

private:
    CaseFile(const QString& path, sqlite3* db) : path_(path), db_(db) {}
    bool validate(Access access, QString* error);

    QString path_;
    sqlite3* db_ = nullptr;
};

}  // namespace quarry
