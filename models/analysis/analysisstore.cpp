// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisstore.h"

#include <QDateTime>
#include <QJsonDocument>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "core/timestamp.h"
#include "store/casereads.h"
#include "store/groupedinsert.h"
#include "store/jobcache.h"
#include "store/sqlite.h"

namespace quarry::analysisstore {
namespace {

// One place lists the per-account feature columns: the DDL, the insert and the JSON read all
// come from it.
struct FeatureColumn {
    const char* name;
    std::function<double(const AccountFeatures&)> get;
    bool integer;
};

const std::vector<FeatureColumn>& featureColumns() {
    static const std::vector<FeatureColumn> cols = {
        {"requests", [](const AccountFeatures& f) { return double(f.requests); }, true},
        {"first_ts", [](const AccountFeatures& f) { return double(f.firstTs); }, true},
        {"last_ts", [](const AccountFeatures& f) { return double(f.lastTs); }, true},
        {"active_days", [](const AccountFeatures& f) { return double(f.activeDays); }, true},
        {"active_hours", [](const AccountFeatures& f) { return double(f.activeHours); }, true},
        {"span_days", [](const AccountFeatures& f) { return double(f.spanDays); }, true},
        {"peak_hourly", [](const AccountFeatures& f) { return double(f.peakHourly); }, true},
        {"peak_daily", [](const AccountFeatures& f) { return double(f.peakDaily); }, true},
        {"mean_daily", [](const AccountFeatures& f) { return f.meanDaily; }, false},
        {"daily_cv", [](const AccountFeatures& f) { return f.dailyCv; }, false},
        {"gap_cv", [](const AccountFeatures& f) { return f.gapCv; }, false},
        {"hour_entropy", [](const AccountFeatures& f) { return f.hourEntropy; }, false},
        {"quiet_share", [](const AccountFeatures& f) { return f.quietShare; }, false},
        {"weekend_ratio", [](const AccountFeatures& f) { return f.weekendRatio; }, false},
        {"top_topic_share", [](const AccountFeatures& f) { return f.topTopicShare; }, false},
        {"topic_entropy", [](const AccountFeatures& f) { return f.topicEntropy; }, false},
        {"cot_share", [](const AccountFeatures& f) { return f.cotShare; }, false},
        {"mean_prompt_tokens", [](const AccountFeatures& f) { return f.meanPromptTokens; }, false},
        {"mean_completion_tokens", [](const AccountFeatures& f) { return f.meanCompletionTokens; }, false},
        {"distinct_ips", [](const AccountFeatures& f) { return double(f.distinctIps); }, true},
        {"distinct_subnets", [](const AccountFeatures& f) { return double(f.distinctSubnets); }, true},
        {"distinct_user_agents", [](const AccountFeatures& f) { return double(f.distinctUserAgents); }, true},
        {"template_reuse", [](const AccountFeatures& f) { return f.templateReuse; }, false},
        {"shared_template_share", [](const AccountFeatures& f) { return f.sharedTemplateShare; }, false},
        {"created_at", [](const AccountFeatures& f) { return double(f.createdAt); }, true},
        {"age_at_heavy_use_days", [](const AccountFeatures& f) { return f.ageAtHeavyUseDays; }, false},
        {"pivot_hours", [](const AccountFeatures& f) { return f.pivotHours; }, false},
        {"new_model_share", [](const AccountFeatures& f) { return f.newModelShare; }, false},
        {"prompt_token_cv", [](const AccountFeatures& f) { return f.promptTokenCv; }, false},
        {"completion_token_cv", [](const AccountFeatures& f) { return f.completionTokenCv; }, false},
        {"prompt_share", [](const AccountFeatures& f) { return f.promptShare; }, false},
        {"distinct_keys", [](const AccountFeatures& f) { return double(f.distinctKeys); }, true},
        {"automation", [](const AccountFeatures& f) { return f.automation; }, false},
        {"harvest", [](const AccountFeatures& f) { return f.harvest; }, false},
        {"lifecycle", [](const AccountFeatures& f) { return f.lifecycle; }, false},
        {"coordination", [](const AccountFeatures& f) { return f.coordination; }, false},
        {"mixture_share", [](const AccountFeatures& f) { return f.mixtureShare; }, false},
        {"mixture_requests", [](const AccountFeatures& f) { return double(f.mixtureRequests); }, true},
        {"score", [](const AccountFeatures& f) { return f.score; }, false},
    };
    return cols;
}

const char kDropAndCreate[] = R"sql(
DROP TABLE IF EXISTS analysis_runs;
DROP TABLE IF EXISTS taxonomy;
DROP TABLE IF EXISTS request_topics;
DROP TABLE IF EXISTS account_daily;
DROP TABLE IF EXISTS account_topics;
DROP TABLE IF EXISTS account_features;
DROP TABLE IF EXISTS links;
DROP TABLE IF EXISTS clusters;
DROP TABLE IF EXISTS harvest_requests;
CREATE TABLE analysis_runs(id INTEGER PRIMARY KEY, started_at INTEGER, finished_at INTEGER,
                           params TEXT, totals TEXT);
CREATE TABLE taxonomy(topic_id INTEGER PRIMARY KEY, position INTEGER, key TEXT, name TEXT,
                      color TEXT, high_value INTEGER);
CREATE TABLE request_topics(id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL, cot INTEGER NOT NULL);
CREATE TABLE account_daily(account_id INTEGER, day INTEGER, n INTEGER,
                           PRIMARY KEY(account_id, day)) WITHOUT ROWID;
CREATE TABLE account_topics(account_id INTEGER, topic_id INTEGER, n INTEGER,
                            PRIMARY KEY(account_id, topic_id)) WITHOUT ROWID;
CREATE TABLE links(a INTEGER NOT NULL, b INTEGER NOT NULL, type TEXT NOT NULL, count INTEGER,
                   weight REAL, evidence TEXT);
CREATE TABLE clusters(id INTEGER PRIMARY KEY, size INTEGER, score REAL, coordination REAL,
                      automation REAL, harvest REAL, flagged INTEGER, reasons TEXT,
                      lifecycle REAL, core INTEGER, families TEXT);
-- Requests of accounts flagged for mixed traffic that match a flagged cluster's templates.
CREATE TABLE harvest_requests(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
                              cluster_id INTEGER NOT NULL);
)sql";

QString json(const QStringList& list) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

bool failWith(sqlite3* db, QString* error, const char* what) {
    if (error) *error = QStringLiteral("%1: %2").arg(QLatin1String(what), sql::lastError(db));
    return false;
}

}  // namespace

bool reset(sqlite3* db, QString* error) {
    std::string ddl = kDropAndCreate;
    ddl += "DROP TABLE IF EXISTS account_features;\nCREATE TABLE account_features(account_id INTEGER PRIMARY KEY, "
           "cluster_id INTEGER, flagged INTEGER, top_topic_id INTEGER, reasons TEXT";
    for (const auto& c : featureColumns()) ddl += std::string(", ") + c.name + (c.integer ? " INTEGER" : " REAL");
    // The link indexes are kept up to date through the inserts: they fit the analysis' page
    // cache, so the random order of the inserts costs little.
    ddl += ");\nCREATE INDEX account_features_cluster ON account_features(cluster_id);\n"
           "CREATE INDEX links_a ON links(a);\nCREATE INDEX links_b ON links(b);\n";
    return sql::exec(db, ddl, error);
}

bool hasAnalysis(sqlite3* db) { return reads::hasAnalysis(db); }

bool writeTaxonomy(sqlite3* db, const std::vector<TopicInfo>& topics, const std::vector<QString>& colors,
                   const std::vector<int64_t>& topicDictIds, QString* error) {
    sql::Statement s(db, "INSERT INTO taxonomy VALUES(?,?,?,?,?,?)");
    for (size_t i = 0; i < topics.size(); ++i) {
        const QByteArray key = topics[i].id.toUtf8(), name = topics[i].name.toUtf8(),
                         color = (i < colors.size() ? colors[i] : QString()).toUtf8();
        s.bind(1, topicDictIds[i]);
        s.bind(2, static_cast<int64_t>(i));
        s.bindTextCopy(3, key.toStdString());
        s.bindTextCopy(4, name.toStdString());
        s.bindTextCopy(5, color.toStdString());
        s.bind(6, topics[i].highValue ? 1 : 0);
        if (!s.run()) return failWith(db, error, "write taxonomy");
    }
    return true;
}

bool writeRequestTopics(sqlite3* db, const std::vector<uint8_t>& flags,
                        const std::vector<int64_t>& topicDictIds, QString* error) {
    sql::GroupedInsert insert(db, "request_topics(id, topic_id, cot)", 3);
    // Every request the content pass read, in id order (the table's key), a chunk at a time.
    std::vector<int64_t> ids;
    ids.reserve(1 << 16);
    const size_t n = flags.size();
    for (size_t next = 0; next < n;) {
        ids.clear();
        for (; next < n && ids.size() < ids.capacity(); ++next)
            if (flags[next] & kRequestRead) ids.push_back(static_cast<int64_t>(next));
        if (insert.insert(ids.size(), [&](sql::Statement& s, int p, size_t i) {
                const auto id = static_cast<size_t>(ids[i]);
                s.bind(p, ids[i]);
                s.bind(p + 1, topicDictIds[static_cast<size_t>(requestTopic(flags[id]))]);
                s.bind(p + 2, (flags[id] & kRequestCot) ? 1 : 0);
            }))
            return failWith(db, error, "write request topics");
    }
    return true;
}

bool writeAccountTopics(sqlite3* db, const std::vector<ContentAccumulator>& acc,
                        const std::vector<int64_t>& topicDictIds, int topicCount, QString* error) {
    sql::Statement s(db, "INSERT INTO account_topics(account_id, topic_id, n) VALUES(?,?,?)");
    for (size_t a = 0; a < acc.size(); ++a)
        for (int t = 0; t < topicCount; ++t)
            if (acc[a].topics[static_cast<size_t>(t)]) {
                s.bind(1, static_cast<int64_t>(a));
                s.bind(2, topicDictIds[static_cast<size_t>(t)]);
                s.bind(3, acc[a].topics[static_cast<size_t>(t)]);
                if (!s.run()) return failWith(db, error, "write account topics");
            }
    return true;
}

bool writeFeatures(sqlite3* db, const std::vector<AccountFeatures>& features,
                   const std::vector<int64_t>& topicDictIds, QString* error) {
    std::string sqlText = "INSERT INTO account_features(account_id, cluster_id, flagged, top_topic_id, reasons";
    std::string params = "?,?,?,?,?";
    for (const auto& c : featureColumns()) {
        sqlText += std::string(", ") + c.name;
        params += ",?";
    }
    sql::Statement s(db, sqlText + ") VALUES(" + params + ")");
    for (const AccountFeatures& f : features) {
        if (f.requests == 0) continue;
        s.bind(1, f.accountId);
        s.bindOptional(2, f.clusterId >= 0, f.clusterId);
        s.bind(3, f.flagged ? 1 : 0);
        s.bindOptional(4, f.topTopic >= 0, f.topTopic >= 0 ? topicDictIds[static_cast<size_t>(f.topTopic)] : 0);
        const QByteArray reasons = json(f.reasons).toUtf8();
        s.bindTextCopy(5, reasons.toStdString());
        int i = 6;
        for (const auto& c : featureColumns()) {
            const double v = c.get(f);
            if (c.integer) s.bind(i++, static_cast<int64_t>(v));
            else s.bindReal(i++, v);
        }
        if (!s.run()) return failWith(db, error, "write account features");
    }
    return true;
}

namespace {

// The sentence a link row carries for one type of shared evidence.
std::string linkEvidence(const Link& l, int t, const std::vector<std::string>& subnetNames) {
    const int32_t key = l.key[static_cast<size_t>(t)];
    switch (static_cast<LinkType>(t)) {
        case LinkType::Subnet:
            return key >= 0 && static_cast<size_t>(key) < subnetNames.size()
                       ? "both use subnet " + subnetNames[static_cast<size_t>(key)]
                       : std::string("share a subnet");
        case LinkType::Template:
            return "near-duplicate prompts (" + std::to_string(l.count[static_cast<size_t>(t)]) +
                   " shared MinHash bands)";
        case LinkType::Sync: return "active in the same hours";
        case LinkType::StartStop:
            return "started and stopped within a day of each other, with more accounts than this case's "
                   "own start and stop days explain";
        case LinkType::CreationBurst:
            return "created in the same sign-up burst (hour starting " + formatTimestampMs(int64_t(key) * 3600000) + ")";
        default:
            return std::string("same ") + linkTypeName(static_cast<LinkType>(t)) + " (dictionary id " +
                   std::to_string(key) + ")";
    }
}

}  // namespace

bool writeLinks(sqlite3* db, const std::vector<Link>& links, const std::vector<QString>& subnetNames,
                float minWeight, QString* error) {
    // links_a and links_b take their inserts in random order of a and b. With the analysis'
    // small page cache (store/jobcache.h) nearly every insert evicted a dirty index page: at 16
    // million requests (8.9 million links) writing the results went from about 55 s to 87 s. For
    // this write the cache is sized to the two indexes, about 32 bytes a link, at most 256 MiB:
    // it follows the number of links (accounts), not requests, and is given back afterwards.
    const int64_t indexKiB = std::clamp<int64_t>(static_cast<int64_t>(links.size()) * 32 / 1024,
                                                 sql::JobCache::kJobKiB, 262144);
    const sql::JobCache cache(db, static_cast<int>(indexKiB), sql::JobCache::kJobKiB);
    std::vector<std::string> subnets;
    subnets.reserve(subnetNames.size());
    for (const QString& name : subnetNames) subnets.push_back(name.toStdString());
    sql::GroupedInsert insert(db, "links(a, b, type, count, weight, evidence)", 6);
    // One row per link and type of evidence, a chunk at a time; the chunk's sentences live until
    // its rows are inserted (bound without a copy).
    struct Row {
        const Link* link;
        int type;
        std::string evidence;
    };
    std::vector<Row> rows;
    constexpr size_t kChunk = 1 << 14;
    rows.reserve(kChunk + kLinkTypes);
    auto flush = [&] {
        const bool ok = !insert.insert(rows.size(), [&](sql::Statement& s, int p, size_t i) {
            const Row& r = rows[i];
            s.bind(p, r.link->a);
            s.bind(p + 1, r.link->b);
            s.bindText(p + 2, linkTypeName(static_cast<LinkType>(r.type)));
            s.bind(p + 3, r.link->count[static_cast<size_t>(r.type)]);
            s.bindReal(p + 4, r.link->weight);
            s.bindText(p + 5, r.evidence);
        });
        rows.clear();
        return ok;
    };
    for (const Link& l : links) {
        if (l.weight < minWeight) continue;
        for (int t = 0; t < kLinkTypes; ++t)
            if (l.count[static_cast<size_t>(t)]) rows.push_back({&l, t, linkEvidence(l, t, subnets)});
        if (rows.size() >= kChunk && !flush()) return failWith(db, error, "write links");
    }
    if (!flush()) return failWith(db, error, "write links");
    return true;
}

bool writeClusters(sqlite3* db, const std::vector<ClusterVerdict>& clusters, QString* error) {
    sql::Statement s(db, "INSERT INTO clusters(id, size, score, coordination, automation, harvest, flagged, "
                         "reasons, lifecycle, core, families) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    for (const ClusterVerdict& c : clusters) {
        if (c.size == 0) continue;
        s.bind(1, c.id);
        s.bind(2, c.size);
        s.bindReal(3, c.score);
        s.bindReal(4, c.coordination);
        s.bindReal(5, c.automation);
        s.bindReal(6, c.harvest);
        s.bind(7, c.flagged ? 1 : 0);
        const QByteArray reasons = json(c.reasons).toUtf8();
        s.bindTextCopy(8, reasons.toStdString());
        s.bindReal(9, c.lifecycle);
        s.bind(10, c.core ? 1 : 0);
        s.bindTextCopy(11, json(c.families).toStdString());
        if (!s.run()) return failWith(db, error, "write clusters");
    }
    return true;
}

bool writeHarvestRequests(sqlite3* db, const std::vector<MixtureOutput::Hit>& hits, QString* error) {
    sql::Statement s(db, "INSERT OR IGNORE INTO harvest_requests(id, account_id, cluster_id) VALUES(?,?,?)");
    for (const auto& h : hits) {
        s.bind(1, h.request);
        s.bind(2, h.account);
        s.bind(3, h.cluster);
        if (!s.run()) return failWith(db, error, "write harvest requests");
    }
    return true;
}

bool writeRun(sqlite3* db, int64_t startedAt, const QJsonObject& params, const QJsonObject& totals,
              QString* error) {
    sql::Statement s(db, "INSERT INTO analysis_runs(started_at, finished_at, params, totals) VALUES(?,?,?,?)");
    s.bind(1, startedAt);
    s.bind(2, QDateTime::currentMSecsSinceEpoch());
    const QByteArray p = QJsonDocument(params).toJson(QJsonDocument::Compact);
    const QByteArray t = QJsonDocument(totals).toJson(QJsonDocument::Compact);
    s.bindTextCopy(3, p.toStdString());
    s.bindTextCopy(4, t.toStdString());
    return s.run() || failWith(db, error, "write analysis run");
}

std::vector<AccountRow> accounts(sqlite3* db, bool flaggedOnly) {
    std::vector<AccountRow> out;
    sql::Statement s(db, std::string("SELECT a.value, f.score, f.cluster_id, f.flagged, f.reasons "
                                     "FROM account_features f JOIN accounts a ON a.id = f.account_id") +
                             (flaggedOnly ? " WHERE f.flagged = 1" : "") + " ORDER BY f.score DESC, a.value");
    while (s.step()) {
        AccountRow r;
        r.account = s.text(0);
        r.score = s.real(1);
        r.cluster = s.isNull(2) ? -1 : static_cast<int>(s.int64(2));
        r.flagged = s.int64(3) != 0;
        r.reasons = QJsonDocument::fromJson(s.text(4).toUtf8()).array();
        out.push_back(r);
    }
    return out;
}

QJsonArray unavailableEvidence(sqlite3* db) {
    sql::Statement s(db, "SELECT totals FROM analysis_runs ORDER BY id DESC LIMIT 1");
    if (!s.step()) return {};
    return QJsonDocument::fromJson(s.text(0).toUtf8()).object().value(QStringLiteral("unavailable")).toArray();
}

QJsonArray clusters(sqlite3* db) {
    // The rows and their order are the one cluster read every view shares (store/casereads.h).
    QJsonArray out;
    // Families and cores came with evidence-based detection; a case analysed before has none.
    std::unique_ptr<sql::Statement> extra;
    if (sql::queryInt(db, "SELECT count(*) FROM pragma_table_info('clusters') WHERE name = 'families'") > 0)
        extra = std::make_unique<sql::Statement>(db, "SELECT lifecycle, core, families FROM clusters WHERE id = ?");
    for (const reads::ClusterRow& r : reads::clusters(db)) {
        QJsonObject c;
        c.insert(QStringLiteral("id"), static_cast<qint64>(r.id));
        c.insert(QStringLiteral("size"), static_cast<qint64>(r.size));
        c.insert(QStringLiteral("score"), r.score);
        c.insert(QStringLiteral("coordination"), r.coordination);
        c.insert(QStringLiteral("automation"), r.automation);
        c.insert(QStringLiteral("harvest"), r.harvest);
        c.insert(QStringLiteral("flagged"), r.flagged);
        c.insert(QStringLiteral("reasons"), QJsonArray::fromStringList(r.reasons));
        if (extra) {
            extra->bind(1, r.id);
            if (extra->step()) {
                c.insert(QStringLiteral("lifecycle"), extra->real(0));
                c.insert(QStringLiteral("core"), extra->int64(1) != 0);
                c.insert(QStringLiteral("families"), QJsonDocument::fromJson(extra->text(2).toUtf8()).array());
            }
            extra->reset();
        }
        c.insert(QStringLiteral("members"), QJsonArray::fromStringList(reads::clusterMemberNames(db, r.id)));
        out.append(c);
    }
    return out;
}

QJsonObject account(sqlite3* db, const QString& accountName) {
    QJsonObject o;
    const QByteArray name = accountName.toUtf8();
    sql::Statement id(db, "SELECT id FROM accounts WHERE value = ?");
    id.bindText(1, {name.constData(), size_t(name.size())});
    if (!id.step()) return o;
    const int64_t accountId = id.int64(0);
    o.insert(QStringLiteral("account_id"), accountName);
    o.insert(QStringLiteral("unavailable"), unavailableEvidence(db));
    sql::Statement f(db, "SELECT * FROM account_features WHERE account_id = ?");
    f.bind(1, accountId);
    if (f.step()) {
        QJsonObject features;
        sqlite3_stmt* raw = f.handle();
        for (int c = 0; c < sqlite3_column_count(raw); ++c) {
            const QString col = QString::fromUtf8(sqlite3_column_name(raw, c));
            if (col == QLatin1String("reasons")) {
                o.insert(QStringLiteral("reasons"), QJsonDocument::fromJson(f.text(c).toUtf8()).array());
                continue;
            }
            if (col == QLatin1String("account_id")) continue;
            if (f.isNull(c)) features.insert(col, QJsonValue());
            else if (sqlite3_column_type(raw, c) == SQLITE_INTEGER) features.insert(col, static_cast<qint64>(f.int64(c)));
            else features.insert(col, f.real(c));
        }
        o.insert(QStringLiteral("score"), features.take(QStringLiteral("score")));
        o.insert(QStringLiteral("cluster_id"), features.take(QStringLiteral("cluster_id")));
        o.insert(QStringLiteral("flagged"), features.take(QStringLiteral("flagged")).toInt() != 0);
        o.insert(QStringLiteral("features"), features);
    }
    QJsonObject topics;
    sql::Statement t(db, "SELECT x.key, n FROM account_topics at JOIN taxonomy x ON x.topic_id = at.topic_id "
                         "WHERE at.account_id = ? ORDER BY n DESC");
    t.bind(1, accountId);
    while (t.step()) topics.insert(t.text(0), static_cast<qint64>(t.int64(1)));
    o.insert(QStringLiteral("topics"), topics);
    QJsonArray links;
    sql::Statement l(db, "SELECT CASE WHEN l.a = ?1 THEN l.b ELSE l.a END AS other, acc.value, l.type, l.count, "
                         "l.weight, l.evidence FROM links l JOIN accounts acc ON acc.id = "
                         "(CASE WHEN l.a = ?1 THEN l.b ELSE l.a END) WHERE l.a = ?1 OR l.b = ?1 "
                         "ORDER BY l.weight DESC, acc.value LIMIT 500");
    l.bind(1, accountId);
    while (l.step()) {
        QJsonObject link;
        link.insert(QStringLiteral("account_id"), l.text(1));
        link.insert(QStringLiteral("type"), l.text(2));
        link.insert(QStringLiteral("count"), static_cast<qint64>(l.int64(3)));
        link.insert(QStringLiteral("weight"), l.real(4));
        link.insert(QStringLiteral("evidence"), l.text(5));
        links.append(link);
    }
    o.insert(QStringLiteral("links"), links);
    return o;
}

}  // namespace quarry::analysisstore
