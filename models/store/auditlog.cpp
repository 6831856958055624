// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditlog.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSettings>

#include "core/timestamp.h"
#include "store/sqlite.h"

namespace quarry::evidence {
namespace {

QByteArray sha256Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

void appendField(QByteArray& out, const QString& value) {
    const QByteArray u = value.toUtf8();
    out += QByteArray::number(u.size());
    out += ':';
    out += u;
    out += '\n';
}

QByteArray toBytes(std::string_view v) { return QByteArray(v.data(), static_cast<qsizetype>(v.size())); }

}  // namespace

QString AuditEntry::computeHash() const {
    QByteArray c = "quarry-audit-1\n";
    c += QByteArray::number(static_cast<qlonglong>(seq)) + '\n';
    c += QByteArray::number(static_cast<qlonglong>(time)) + '\n';
    appendField(c, analyst);
    appendField(c, action);
    c += (detailsSha256.isEmpty() ? sha256Hex(details) : detailsSha256) + '\n';
    c += prevHash.toLatin1();
    return QString::fromLatin1(sha256Hex(c));
}

QJsonObject AuditEntry::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("seq"), static_cast<qint64>(seq));
    o.insert(QStringLiteral("time"), static_cast<qint64>(time));
    o.insert(QStringLiteral("time_utc"),
             QString::fromStdString(formatTimestampMs(time)));
    o.insert(QStringLiteral("analyst"), analyst);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("details"), QJsonDocument::fromJson(details).object());
    if (!detailsSha256.isEmpty())
        o.insert(QStringLiteral("details_sha256"), QString::fromLatin1(detailsSha256));
    o.insert(QStringLiteral("prev_hash"), prevHash);
    o.insert(QStringLiteral("hash"), hash);
    return o;
}

bool AuditEntry::fromJson(const QJsonObject& o, AuditEntry& e, QString* error) {
    static const char* const kKeys[] = {"seq", "time", "analyst", "action", "details", "prev_hash", "hash"};
    for (const char* k : kKeys)
        if (!o.contains(QLatin1String(k))) {
            if (error) *error = QStringLiteral("entry without '%1'").arg(QLatin1String(k));
            return false;
        }
    e.seq = o.value(QStringLiteral("seq")).toInteger();
    e.time = o.value(QStringLiteral("time")).toInteger();
    e.analyst = o.value(QStringLiteral("analyst")).toString();
    e.action = o.value(QStringLiteral("action")).toString();
    e.details = QJsonDocument(o.value(QStringLiteral("details")).toObject()).toJson(QJsonDocument::Compact);
    e.detailsSha256 = o.value(QStringLiteral("details_sha256")).toString().toLatin1();
    e.prevHash = o.value(QStringLiteral("prev_hash")).toString();
    e.hash = o.value(QStringLiteral("hash")).toString();
    return true;
}

QString currentAnalyst() {
    const QString env = qEnvironmentVariable("QUARRY_ANALYST").trimmed();
    if (!env.isEmpty()) return env;
    const QString configured = configuredAnalyst();
    if (!configured.isEmpty()) return configured;
    for (const char* var : {"USER", "USERNAME"}) {
        const QString user = qEnvironmentVariable(var).trimmed();
        if (!user.isEmpty()) return user;
    }
    return QStringLiteral("unknown");
}

// Its own QSettings scope ("Quarry", "Quarry"), not the dashboard's ("Quarry", "quarry"), so
// quarry-cli, which has no application name of its own, reads the same value.
QString configuredAnalyst() {
    return QSettings(QStringLiteral("Quarry"), QStringLiteral("Quarry")).value(QStringLiteral("analyst")).toString().trimmed();
}

void setConfiguredAnalyst(const QString& name) {
    QSettings s(QStringLiteral("Quarry"), QStringLiteral("Quarry"));
    if (name.trimmed().isEmpty())
        s.remove(QStringLiteral("analyst"));
    else
        s.setValue(QStringLiteral("analyst"), name.trimmed());
}

bool appendAudit(sqlite3* db, const QString& action, const QJsonObject& details, QString* error,
                 AuditEntry* appended) {
    AuditEntry e;
    {
        sql::Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            e.seq = last.int64(0) + 1;
            e.prevHash = last.text(1);
        } else {
            e.seq = 1;
            e.prevHash = kGenesisHash;
        }
    }
    e.time = QDateTime::currentMSecsSinceEpoch();
    e.analyst = currentAnalyst();
    e.action = action;
    e.details = QJsonDocument(details).toJson(QJsonDocument::Compact);
    e.hash = e.computeHash();
    sql::Statement s(db, "INSERT INTO audit_log(seq, ts, analyst, action, details, prev_hash, hash) "
                         "VALUES(?,?,?,?,?,?,?)");
    const QByteArray analyst = e.analyst.toUtf8(), act = e.action.toUtf8(), prev = e.prevHash.toLatin1(),
                     hash = e.hash.toLatin1();
    s.bind(1, e.seq);
    s.bind(2, e.time);
    s.bindText(3, {analyst.constData(), size_t(analyst.size())});
    s.bindText(4, {act.constData(), size_t(act.size())});
    s.bindText(5, {e.details.constData(), size_t(e.details.size())});
    s.bindText(6, {prev.constData(), size_t(prev.size())});
    s.bindText(7, {hash.constData(), size_t(hash.size())});
    if (!s.run()) {
        if (error) *error = QStringLiteral("cannot append to the audit log: %1").arg(s.error());
        return false;
    }
    if (appended) *appended = e;
    return true;
}

std::vector<AuditEntry> auditEntries(sqlite3* db, int64_t upToSeq) {
    std::vector<AuditEntry> out;
    sql::Statement s(db, "SELECT seq, ts, analyst, action, details, prev_hash, hash FROM audit_log "
                         "WHERE ?1 < 0 OR seq <= ?1 ORDER BY seq");
    s.bind(1, upToSeq);
    while (s.step()) {
        AuditEntry e;
        e.seq = s.int64(0);
        e.time = s.int64(1);
        e.analyst = s.text(2);
        e.action = s.text(3);
        e.details = toBytes(s.textView(4));
        e.prevHash = s.text(5);
        e.hash = s.text(6);
        out.push_back(std::move(e));
    }
    return out;
}

AuditVerification verifyAuditEntries(const std::vector<AuditEntry>& entries) {
    AuditVerification v;
    QString prev = kGenesisHash;
    int64_t expectedSeq = 1;
    for (const AuditEntry& e : entries) {
        auto broken = [&](const QString& why) {
            v.ok = false;
            v.brokenSeq = e.seq;
            v.reason = QStringLiteral("entry %1 (%2): %3").arg(e.seq).arg(e.action, why);
            return v;
        };
        if (e.seq != expectedSeq)
            return broken(e.seq > expectedSeq
                              ? QStringLiteral("entries %1 to %2 are missing (deleted)").arg(expectedSeq).arg(e.seq - 1)
                              : QStringLiteral("out of order (expected entry %1)").arg(expectedSeq));
        if (!e.detailsSha256.isEmpty() && e.details.isEmpty())
            return broken(QStringLiteral("details missing"));
        if (e.prevHash != prev)
            return broken(QStringLiteral("does not follow the entry before it (prev_hash differs: an entry "
                                         "before it was changed, removed or reordered)"));
        if (e.computeHash() != e.hash)
            return broken(QStringLiteral("its content does not match its hash (the entry was edited)"));
        prev = e.hash;
        ++expectedSeq;
        ++v.entries;
    }
    v.headHash = entries.empty() ? kGenesisHash : entries.back().hash;
    return v;
}

AuditVerification verifyAudit(sqlite3* db) { return verifyAuditEntries(auditEntries(db)); }

}  // namespace quarry::evidence
