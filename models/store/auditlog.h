// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The case's append-only, hash-chained audit trail: every analyst action (import, analyze, tag,
// untag, note, export) is one entry. Each entry's hash covers the previous entry's hash, so an
// edited, deleted or reordered entry breaks the chain from that point on.
//
// Canonical serialisation hashed by SHA-256 (UTF-8, '\n' separated, lengths in bytes):
//   "quarry-audit-1\n" seq "\n" time_ms "\n" len(analyst) ":" analyst "\n"
//   len(action) ":" action "\n" sha256_hex(details) "\n" prev_hash
// where details is the compact JSON text of the details object (QJsonDocument::Compact, keys
// sorted) and prev_hash is the previous entry's hash (64 zeros for the first entry). Hashing the
// details through their own SHA-256 lets a redacted export mask the details and still carry a
// verifiable chain (the entry then keeps details_sha256 of the original).
//
// It lives in store/ because import and analysis record into it as well as the evidence code (the
// arrows point down, docs/architecture.md); it keeps the evidence namespace it is read under.

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

struct sqlite3;

namespace quarry::evidence {

struct AuditEntry {
    int64_t seq = 0;
    int64_t time = 0;  // UTC epoch milliseconds
    QString analyst;
    QString action;
    QByteArray details;       // compact JSON text of the details object
    QByteArray detailsSha256; // hex; computed from details unless set (redacted copies)
    QString prevHash;
    QString hash;

    QString computeHash() const;
    // One JSON line for audit.jsonl / `audit --json`.
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& o, AuditEntry& e, QString* error);
};

struct AuditVerification {
    bool ok = true;
    int64_t entries = 0;
    int64_t brokenSeq = 0;  // the first entry that does not verify (0 when ok)
    QString reason;
    QString headHash;       // hash of the last entry
};

// The analyst recorded with every action: QUARRY_ANALYST, else QSettings("Quarry", "Quarry")
// value "analyst", else the OS user (USER / USERNAME), else "unknown".
QString currentAnalyst();
// The analyst name configured in the dashboard (Settings › Analyst name…), the setting
// currentAnalyst() reads; an empty name removes it.
QString configuredAnalyst();
void setConfiguredAnalyst(const QString& name);

inline const QString kGenesisHash = QString(64, QLatin1Char('0'));

// Appends one entry inside the caller's open write transaction, so the entry commits (or rolls
// back) together with the change it records.
bool appendAudit(sqlite3* db, const QString& action, const QJsonObject& details, QString* error,
                 AuditEntry* appended = nullptr);
// Entries in order; upToSeq < 0 means all.
std::vector<AuditEntry> auditEntries(sqlite3* db, int64_t upToSeq = -1);
// Walks the chain in the case and reports the first broken entry.
AuditVerification verifyAudit(sqlite3* db);
// The same check over entries read from elsewhere (a bundle's audit.jsonl).
AuditVerification verifyAuditEntries(const std::vector<AuditEntry>& entries);

}  // namespace quarry::evidence
