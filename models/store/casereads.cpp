// SPDX-License-Identifier: GPL-3.0-or-later
#include "casereads.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "sqlite.h"

namespace quarry::reads {
namespace {

QStringList jsonStrings(const QString& text) {
    QStringList out;
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto& v : a) out << v.toString();
    return out;
}

constexpr const char* kClusterColumns =
    "SELECT id, size, score, coordination, automation, harvest, flagged, reasons FROM clusters ";

ClusterRow clusterRow(const sql::Statement& s) {
    ClusterRow c;
    c.id = s.int64(0);
    c.size = s.int64(1);
    c.score = s.real(2);
    c.coordination = s.real(3);
    c.automation = s.real(4);
    c.harvest = s.real(5);
    c.flagged = s.int64(6) != 0;
    c.reasons = jsonStrings(s.text(7));
    return c;
}

void bindName(sql::Statement& s, int i, const QByteArray& utf8) {
    s.bindText(i, std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

}  // namespace

bool tableExists(sqlite3* db, const char* name) {
    sql::Statement s(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    s.bindText(1, name);
    return s.step() && s.int64(0) > 0;
}

bool hasAnalysis(sqlite3* db) {
    return tableExists(db, "analysis_runs") &&
           sql::queryInt(db, "SELECT count(*) FROM analysis_runs") > 0;
}

std::vector<ClusterRow> clusters(sqlite3* db) {
    std::vector<ClusterRow> out;
    if (!tableExists(db, "clusters")) return out;
    sql::Statement s(
        db, std::string(kClusterColumns) + "ORDER BY flagged DESC, score DESC, size DESC, id");
    while (s.step()) out.push_back(clusterRow(s));
    return out;
}

std::optional<ClusterRow> cluster(sqlite3* db, int64_t id) {
    if (!tableExists(db, "clusters")) return std::nullopt;
    sql::Statement s(db, std::string(kClusterColumns) + "WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return clusterRow(s);
}

std::vector<int64_t> clusterMembers(sqlite3* db, int64_t cluster) {
    std::vector<int64_t> out;
    if (!tableExists(db, "account_features")) return out;
    sql::Statement s(
        db, "SELECT account_id FROM account_features WHERE cluster_id = ? ORDER BY account_id");
    s.bind(1, cluster);
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

QStringList clusterMemberNames(sqlite3* db, int64_t cluster) {
    QStringList out;
    if (!tableExists(db, "account_features")) return out;
    sql::Statement s(
        db,
        "SELECT a.value FROM account_features f JOIN accounts a ON a.id = f.account_id "
        "WHERE f.cluster_id = ? ORDER BY a.value");
    s.bind(1, cluster);
    while (s.step()) out << s.text(0);
    return out;
}

std::optional<int64_t> accountId(sqlite3* db, const QString& name) {
    sql::Statement s(db, "SELECT id FROM accounts WHERE value = ?");
    const QByteArray utf8 = name.toUtf8();
    bindName(s, 1, utf8);
    if (s.step()) return s.int64(0);
    return std::nullopt;
}

QString accountName(sqlite3* db, int64_t id) {
    sql::Statement s(db, "SELECT value FROM accounts WHERE id = ?");
    s.bind(1, id);
    return s.step() ? s.text(0) : QString();
}

}  // namespace quarry::reads
