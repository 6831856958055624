// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundle.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <map>
#include <set>

#include "store/auditlog.h"
#include "csvwriter.h"
#include "core/timestamp.h"
#include "redactor.h"
#include "reporthtml.h"
#include "signing.h"
#include "store/casefile.h"
#include "store/casereads.h"
#include "store/sqlite.h"
#include "tags.h"
#include "zipio.h"

namespace quarry::evidence {
namespace {

// A member being written to disk, hashed and counted on the way.
class MemberWriter {
public:
    bool open(const QString& path) {
        file_.setFileName(path);
        return file_.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }
    void write(const QByteArray& b) {
        hash_.addData(b);
        size_ += b.size();
        buffer_ += b;
        if (buffer_.size() >= (1 << 20)) flush();
    }
    void write(const QString& s) { write(s.toUtf8()); }
    bool close() {
        flush();
        file_.close();
        return ok_;
    }
    QString sha256() const { return QString::fromLatin1(hash_.result().toHex()); }
    qint64 size() const { return size_; }

private:
    void flush() {
        if (!buffer_.isEmpty() && file_.write(buffer_) != buffer_.size()) ok_ = false;
        buffer_.clear();
    }
    QFile file_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    QByteArray buffer_;
    qint64 size_ = 0;
    bool ok_ = true;
};

QString ts(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::fromStdString(formatTimestampMs(s.int64(col)));
}
QString num(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::number(static_cast<qlonglong>(s.int64(col)));
}
QString real(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::number(s.real(col), 'f', 3);
}
QStringList jsonStrings(const QString& json, const Redactor& red) {
    QStringList out;
    for (const auto& v : QJsonDocument::fromJson(json.toUtf8()).array()) out << red.text(v.toString());
    return out;
}

QStringList toList(const std::vector<QString>& v) {
    QStringList out;
    for (const auto& s : v) out << s;
    return out;
}

}  // namespace

bool isSafeMemberName(const QString& name) {
    if (name.isEmpty() || name.size() > 255) return false;
    if (name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) || name.contains(QLatin1Char(':')))
        return false;
    for (const QString& part : name.split(QLatin1Char('/')))
        if (part.isEmpty() || part == QLatin1String("..") || part == QLatin1String(".")) return false;
    for (const QChar c : name)
        if (c.unicode() < 0x20) return false;
    return true;
}

bool exportBundle(CaseFile& file, const BundleOptions& options, const QString& outPath, BundleResult& result,
                  QString* error) {
    QElapsedTimer timer;
    timer.start();
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    auto report = [&](const QString& stage, double f) {
        if (options.progress) options.progress(stage, f);
    };
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    sqlite3* db = file.db();
    TagStore store(file);
    const Redactor red(options.redact);
    const bool analysed = reads::hasAnalysis(db);

    // One read transaction: every member describes the same state of the case.
    if (!sql::exec(db, "BEGIN", nullptr)) return setError(file.describeError(0, QStringLiteral("read the case")));
    struct EndRead {
        sqlite3* db;
        ~EndRead() { sql::exec(db, "DROP TABLE IF EXISTS temp.bundle_accounts; COMMIT;"); }
    } endRead{db};

    // The selection.
    std::set<int64_t> accountIds, clusterIds;
    auto addCluster = [&](int64_t c) -> bool {
        if (!store.clusterExists(c)) return false;
        clusterIds.insert(c);
        for (int64_t m : store.clusterMembers(c)) accountIds.insert(m);
        return true;
    };
    for (int64_t c : options.clusters)
        if (!addCluster(c))
            return setError(analysed ? QStringLiteral("%1: no cluster %2 in the latest analysis").arg(file.path()).arg(c)
                                     : QStringLiteral("%1: not analysed yet; clusters need quarry-cli analyze").arg(file.path()));
    for (const QString& a : options.accounts) {
        const auto id = store.accountId(a);
        if (!id) return setError(QStringLiteral("%1: no account '%2' in this case").arg(file.path(), a));
        accountIds.insert(*id);
    }
    for (const QString& t : options.tags) {
        if (!store.tag(t)) return setError(QStringLiteral("%1: no tag '%2' in this case").arg(file.path(), t));
        for (int64_t id : store.targetsWithTag(t, TargetType::Account)) accountIds.insert(id);
        // Cluster tags only count when made on the current analysis (a re-analysis renumbers
        // clusters); their member accounts, tagged with --members, always count.
        if (analysed) {
            sql::Statement s(db, "SELECT a.target_id FROM tag_assignments a JOIN tags g ON g.id = a.tag_id "
                                 "WHERE g.name = ? AND a.target_type = 'cluster' AND "
                                 "a.analysis_run = (SELECT max(id) FROM analysis_runs)");
            const QByteArray n = t.toUtf8();
            s.bindTextCopy(1, {n.constData(), size_t(n.size())});
            while (s.step()) addCluster(s.int64(0));
        }
    }
    if (accountIds.empty()) return setError(QStringLiteral("%1: the selection holds no accounts").arg(file.path()));
    {
        QString e;
        if (!sql::exec(db, "DROP TABLE IF EXISTS temp.bundle_accounts; CREATE TEMP TABLE bundle_accounts(id INTEGER PRIMARY KEY);", &e))
            return setError(e);
        sql::Statement ins(db, "INSERT INTO temp.bundle_accounts(id) VALUES(?)");
        for (int64_t id : accountIds) {
            ins.bind(1, id);
            if (!ins.run()) return setError(ins.error());
            ins.reset();
        }
    }

    const QFileInfo outInfo(outPath);
    QTemporaryDir tmp(outInfo.absolutePath() + QStringLiteral("/.quarry-bundle-XXXXXX"));
    if (!tmp.isValid()) return setError(QStringLiteral("%1: cannot create a work folder next to it").arg(outPath));
    QJsonArray filesJson;
    std::vector<std::pair<QString, QString>> members;
    auto finish = [&](MemberWriter& w, const QString& name) {
        if (!w.close()) return false;
        QJsonObject f;
        f.insert(QStringLiteral("path"), name);
        f.insert(QStringLiteral("sha256"), w.sha256());
        f.insert(QStringLiteral("size"), static_cast<qint64>(w.size()));
        filesJson.append(f);
        members.emplace_back(name, tmp.filePath(name));
        return true;
    };
    auto openMember = [&](MemberWriter& w, const QString& name) { return w.open(tmp.filePath(name)); };
    const QString writeFailed = QStringLiteral("%1: cannot write the bundle's work files (disk full?)").arg(outPath);

    // accounts.csv
    report(QStringLiteral("accounts"), 0.02);
    BundleContext ctx;
    std::vector<BundleAccountRow>& accounts = ctx.accounts;
    {
        std::string q = "SELECT a.id, a.value, "
                        "(SELECT count(*) FROM requests r WHERE r.account_id = a.id), "
                        "(SELECT min(ts) FROM requests r WHERE r.account_id = a.id), "
                        "(SELECT max(ts) FROM requests r WHERE r.account_id = a.id)";
        q += analysed ? ", f.cluster_id, f.score, f.flagged, f.reasons, f.active_days, f.distinct_ips, f.distinct_subnets, "
                        "f.automation, f.harvest FROM temp.bundle_accounts b JOIN accounts a ON a.id = b.id "
                        "LEFT JOIN account_features f ON f.account_id = a.id ORDER BY f.score DESC, a.value"
                      : " FROM temp.bundle_accounts b JOIN accounts a ON a.id = b.id ORDER BY a.value";
        sql::Statement s(db, q);
        MemberWriter w;
        if (!openMember(w, QStringLiteral("accounts.csv"))) return setError(writeFailed);
        w.write(QByteArray("account_id,cluster_id,score,flagged,requests,first_seen,last_seen,active_days,distinct_ips,"
                           "distinct_subnets,automation,harvest,tags,note,reasons\n"));
        while (s.step()) {
            BundleAccountRow r;
            r.id = s.int64(0);
            r.name = red.account(s.text(1));
            r.requests = num(s, 2);
            r.firstSeen = ts(s, 3);
            r.lastSeen = ts(s, 4);
            QStringList extra(7);
            if (analysed) {
                r.cluster = num(s, 5);
                r.score = real(s, 6);
                r.flagged = !s.isNull(7) && s.int64(7) != 0;
                r.reasons = jsonStrings(s.text(8), red);
                extra = {num(s, 9), num(s, 10), num(s, 11), real(s, 12), real(s, 13)};
            }
            r.tags = toList(store.tagsOf({TargetType::Account, r.id}));
            r.note = red.text(store.note({TargetType::Account, r.id}));
            w.write(csvLine({r.name, r.cluster, r.score, analysed ? (r.flagged ? QStringLiteral("1") : QStringLiteral("0")) : QString(),
                             r.requests, r.firstSeen, r.lastSeen, extra.value(0), extra.value(1), extra.value(2),
                             extra.value(3), extra.value(4), r.tags.join(QLatin1Char(';')), r.note,
                             r.reasons.join(QStringLiteral("; "))}));
            accounts.push_back(std::move(r));
        }
        if (!finish(w, QStringLiteral("accounts.csv"))) return setError(writeFailed);
    }
    std::map<int64_t, QString> names;  // account id -> (redacted) name, for the selection
    for (const auto& a : accounts) names[a.id] = a.name;

    // requests.csv, streamed account by account.
    {
        std::string q = "SELECT r.id, t.request_uid, r.ts, k.value, o.value, ip.value, ua.value, m.value, e.value, "
                        "r.prompt_tokens, r.completion_tokens, r.status_code, r.latency_ms, c.value, tp.value, ";
        q += analysed ? "rt.cot, " : "NULL, ";
        q += "t.prompt FROM requests r LEFT JOIN request_text t ON t.id = r.id "
             "LEFT JOIN api_keys k ON k.id = r.api_key_id LEFT JOIN organizations o ON o.id = r.org_id "
             "LEFT JOIN ips ip ON ip.id = r.ip_id LEFT JOIN user_agents ua ON ua.id = r.ua_id "
             "LEFT JOIN models m ON m.id = r.model_id LEFT JOIN endpoints e ON e.id = r.endpoint_id "
             "LEFT JOIN countries c ON c.id = r.country_id ";
        q += analysed ? "LEFT JOIN request_topics rt ON rt.id = r.id LEFT JOIN topics tp ON tp.id = coalesce(rt.topic_id, r.topic_id) "
                      : "LEFT JOIN topics tp ON tp.id = r.topic_id ";
        q += "WHERE r.account_id = ? ORDER BY r.ts, r.id";
        sql::Statement s(db, q);
        if (!s.valid()) return setError(QStringLiteral("%1: cannot read requests: %2").arg(file.path(), sql::lastError(db)));
        MemberWriter w;
        if (!openMember(w, QStringLiteral("requests.csv"))) return setError(writeFailed);
        w.write(QByteArray("request_id,request_uid,timestamp,account_id,api_key_id,organization_id,ip,user_agent,model,"
                           "endpoint,prompt_tokens,completion_tokens,status_code,latency_ms,country,topic,cot,prompt\n"));
        const int64_t total = sql::queryInt(db, "SELECT count(*) FROM requests WHERE account_id IN (SELECT id FROM temp.bundle_accounts)");
        int64_t done = 0;
        for (const auto& a : accounts) {
            s.bind(1, a.id);
            auto& activity = ctx.activity[a.id];
            while (s.step()) {
                const QString topic = s.text(14);
                if (!s.isNull(2)) {
                    // floor division: days before 1970 stay on their own day
                    const int64_t t = s.int64(2);
                    const int64_t day = t >= 0 ? t / 86400000 : -((-t + 86399999) / 86400000);
                    ++activity[DayTopic{day, topic.isEmpty() ? QStringLiteral("unclassified") : topic}];
                }
                w.write(csvLine({num(s, 0), red.text(s.text(1)), ts(s, 2), a.name, s.text(3), s.text(4), red.ip(s.text(5)),
                                 s.text(6), s.text(7), s.text(8), num(s, 9), num(s, 10), num(s, 11), num(s, 12), s.text(13),
                                 topic, num(s, 15), red.prompt(s.text(16))}));
                if ((++done & 0x3fff) == 0) {
                    report(QStringLiteral("requests"), 0.05 + 0.6 * double(done) / double(std::max<int64_t>(total, 1)));
                    if (cancelled()) return setError(QStringLiteral("export cancelled; nothing was written"));
                }
            }
            s.reset();
        }
        result.requests = done;
        if (!finish(w, QStringLiteral("requests.csv"))) return setError(writeFailed);
    }

    // links.csv: every evidence link touching the selection.
    report(QStringLiteral("links"), 0.7);
    if (analysed) {
        sql::Statement s(db, "SELECT l.a, l.b, aa.value, ab.value, l.type, l.count, l.weight, l.evidence FROM links l "
                             "JOIN accounts aa ON aa.id = l.a JOIN accounts ab ON ab.id = l.b "
                             "WHERE l.a IN (SELECT id FROM temp.bundle_accounts) OR l.b IN (SELECT id FROM temp.bundle_accounts) "
                             "ORDER BY l.weight DESC, l.a, l.b, l.type");
        MemberWriter w;
        if (!openMember(w, QStringLiteral("links.csv"))) return setError(writeFailed);
        w.write(QByteArray("account_a,account_b,both_in_bundle,type,count,weight,evidence\n"));
        while (s.step()) {
            const bool both = names.count(s.int64(0)) && names.count(s.int64(1));
            w.write(csvLine({red.account(s.text(2)), red.account(s.text(3)), both ? QStringLiteral("1") : QStringLiteral("0"),
                             s.text(4), num(s, 5), real(s, 6), red.text(s.text(7))}));
            ++result.links;
        }
        if (!finish(w, QStringLiteral("links.csv"))) return setError(writeFailed);
    } else {
        MemberWriter w;
        if (!openMember(w, QStringLiteral("links.csv"))) return setError(writeFailed);
        w.write(QByteArray("account_a,account_b,both_in_bundle,type,count,weight,evidence\n"));
        if (!finish(w, QStringLiteral("links.csv"))) return setError(writeFailed);
    }

    // audit.jsonl: the chain as it stands before this export.
    report(QStringLiteral("audit"), 0.75);
    const auto audit = auditEntries(db);
    const AuditVerification chain = verifyAuditEntries(audit);
    if (!chain.ok) return setError(QStringLiteral("%1: the case's audit chain is broken at %2; export refused").arg(file.path(), chain.reason));
    {
        MemberWriter w;
        if (!openMember(w, QStringLiteral("audit.jsonl"))) return setError(writeFailed);
        for (AuditEntry e : audit) {
            if (options.redact) {
                e.detailsSha256 = QCryptographicHash::hash(e.details, QCryptographicHash::Sha256).toHex();
                e.details = QJsonDocument(red.json(QJsonDocument::fromJson(e.details).object()).toObject())
                                .toJson(QJsonDocument::Compact);
            }
            w.write(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n');
        }
        if (!finish(w, QStringLiteral("audit.jsonl"))) return setError(writeFailed);
    }

    // sources.json
    {
        QJsonArray sources;
        sql::Statement s(db, "SELECT id, path, sha256, size, format, rows_read, rows_imported, rows_quarantined, first_ts, "
                             "last_ts, imported_at, forced FROM sources ORDER BY id");
        while (s.step()) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), static_cast<qint64>(s.int64(0)));
            o.insert(QStringLiteral("path"), red.text(s.text(1)));
            o.insert(QStringLiteral("sha256"), s.text(2));
            o.insert(QStringLiteral("size"), static_cast<qint64>(s.int64(3)));
            o.insert(QStringLiteral("format"), s.text(4));
            o.insert(QStringLiteral("rows_read"), static_cast<qint64>(s.int64(5)));
            o.insert(QStringLiteral("rows_imported"), static_cast<qint64>(s.int64(6)));
            o.insert(QStringLiteral("rows_quarantined"), static_cast<qint64>(s.int64(7)));
            o.insert(QStringLiteral("first_ts"), ts(s, 8));
            o.insert(QStringLiteral("last_ts"), ts(s, 9));
            o.insert(QStringLiteral("imported_at"), ts(s, 10));
            o.insert(QStringLiteral("forced"), s.int64(11) != 0);
            sources.append(o);
        }
        MemberWriter w;
        if (!openMember(w, QStringLiteral("sources.json"))) return setError(writeFailed);
        w.write(QJsonDocument(sources).toJson(QJsonDocument::Indented));
        if (!finish(w, QStringLiteral("sources.json"))) return setError(writeFailed);
    }

    // The analysis thresholds and the clusters shown.
    QJsonValue thresholds;
    QString analysisFinished;
    if (analysed) {
        sql::Statement s(db, "SELECT params, finished_at FROM analysis_runs ORDER BY id DESC LIMIT 1");
        if (s.step()) {
            thresholds = QJsonDocument::fromJson(s.text(0).toUtf8()).object();
            analysisFinished = ts(s, 1);
        }
    }
    std::vector<BundleClusterRow>& clusters = ctx.clusters;
    for (int64_t c : clusterIds) {
        const std::optional<reads::ClusterRow> row = reads::cluster(db, c);
        if (!row) continue;
        BundleClusterRow r;
        r.id = c;
        for (const auto& a : accounts)
            if (a.cluster == QString::number(c)) r.members.push_back(a.id);
        r.size = row->size;
        r.score = row->score;
        r.flagged = row->flagged;
        for (const QString& reason : row->reasons) r.reasons << red.text(reason);
        r.coordination = row->coordination;
        r.automation = row->automation;
        r.harvest = row->harvest;
        r.tags = toList(store.tagsOf({TargetType::Cluster, c}));
        r.note = red.text(store.note({TargetType::Cluster, c}));
        clusters.push_back(r);
    }
    result.accounts = static_cast<int64_t>(accounts.size());
    result.clusters = static_cast<int64_t>(clusters.size());

    result.bundleId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString createdAt = QString::fromStdString(formatTimestampMs(QDateTime::currentMSecsSinceEpoch()));
    const QString analyst = currentAnalyst();
    QJsonObject filters;
    {
        QJsonArray fc, fa, ft;
        for (int64_t c : options.clusters) fc.append(static_cast<qint64>(c));
        for (const QString& a : options.accounts) fa.append(red.account(a));
        for (const QString& t : options.tags) ft.append(t);
        filters.insert(QStringLiteral("clusters"), fc);
        filters.insert(QStringLiteral("accounts"), fa);
        filters.insert(QStringLiteral("tags"), ft);
        filters.insert(QStringLiteral("redacted"), options.redact);
    }

    ctx.bundleId = result.bundleId;
    ctx.createdAt = createdAt;
    ctx.analyst = analyst;
    ctx.caseId = file.caseId();
    ctx.tool = QStringLiteral("Quarry " QUARRY_VERSION);
    ctx.analysisFinished = analysisFinished;
    ctx.thresholds = thresholds.toObject();
    ctx.filters = filters;
    ctx.redacted = options.redact;
    ctx.requests = result.requests;
    ctx.links = result.links;

    report(QStringLiteral("report"), 0.8);
    {
        MemberWriter w;
        if (!openMember(w, QStringLiteral("report.html"))) return setError(writeFailed);
        w.write(reportHtml(ctx));
        if (!finish(w, QStringLiteral("report.html"))) return setError(writeFailed);
    }
    // report.pdf and charts/, rendered by the caller (models has no Qt Gui); fixed names only.
    if (options.extraMembers) {
        std::vector<ExtraMember> extra;
        QString e;
        if (!options.extraMembers(ctx, extra, &e))
            return setError(QStringLiteral("%1: cannot render the report: %2").arg(outPath, e));
        for (const auto& m : extra) {
            const bool taken = std::any_of(members.begin(), members.end(),
                                           [&](const auto& x) { return x.first == m.path; });
            if (!isSafeMemberName(m.path) || taken ||
                m.path.startsWith(QLatin1String("manifest.json")) ||
                m.path == QLatin1String("signing_key.pub"))
                return setError(
                    QStringLiteral("%1: refused report member name '%2'").arg(outPath, m.path));
            if (!QDir(tmp.path()).mkpath(QFileInfo(m.path).path())) return setError(writeFailed);
            MemberWriter w;
            if (!openMember(w, m.path)) return setError(writeFailed);
            w.write(m.data);
            if (!finish(w, m.path)) return setError(writeFailed);
        }
    }

    // manifest.json (+ its SHA-256, + the signature).
    QJsonObject manifest;
    manifest.insert(QStringLiteral("format"), QLatin1String(kBundleFormat));
    manifest.insert(QStringLiteral("format_version"), kBundleFormatVersion);
    manifest.insert(QStringLiteral("bundle_id"), result.bundleId);
    manifest.insert(QStringLiteral("created_at"), createdAt);
    manifest.insert(QStringLiteral("tool"), QStringLiteral("Quarry " QUARRY_VERSION));
    manifest.insert(QStringLiteral("case_id"), file.caseId());
    manifest.insert(QStringLiteral("analyst"), analyst);
    manifest.insert(QStringLiteral("thresholds"), thresholds);
    manifest.insert(QStringLiteral("analysis_finished_at"), analysisFinished);
    manifest.insert(QStringLiteral("filters"), filters);
    QJsonObject counts;
    counts.insert(QStringLiteral("accounts"), static_cast<qint64>(result.accounts));
    counts.insert(QStringLiteral("clusters"), static_cast<qint64>(result.clusters));
    counts.insert(QStringLiteral("requests"), static_cast<qint64>(result.requests));
    counts.insert(QStringLiteral("links"), static_cast<qint64>(result.links));
    manifest.insert(QStringLiteral("counts"), counts);
    QJsonObject auditHead;
    auditHead.insert(QStringLiteral("entries"), static_cast<qint64>(chain.entries));
    auditHead.insert(QStringLiteral("head_hash"), chain.headHash);
    manifest.insert(QStringLiteral("audit"), auditHead);
    manifest.insert(QStringLiteral("files"), filesJson);
    QByteArray publicKey, secretKey;
    if (options.sign) {
        QString e;
        if (!loadOrCreateSigningKey(publicKey, secretKey, &e)) return setError(e);
        QJsonObject sig;
        sig.insert(QStringLiteral("algorithm"), QStringLiteral("Ed25519"));
        sig.insert(QStringLiteral("public_key"), QString::fromLatin1(publicKey.toHex()));
        sig.insert(QStringLiteral("file"), QStringLiteral("manifest.json.sig"));
        manifest.insert(QStringLiteral("signature"), sig);
        result.publicKeyHex = QString::fromLatin1(publicKey.toHex());
    }
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    result.manifestSha256 = QString::fromLatin1(QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex());
    auto writeSmall = [&](const QString& name, const QByteArray& bytes) {
        MemberWriter w;
        if (!openMember(w, name)) return false;
        w.write(bytes);
        if (!w.close()) return false;
        members.emplace_back(name, tmp.filePath(name));
        return true;
    };
    // The manifest goes first in the archive.
    std::vector<std::pair<QString, QString>> ordered;
    ordered.swap(members);
    if (!writeSmall(QStringLiteral("manifest.json"), manifestBytes) ||
        !writeSmall(QStringLiteral("manifest.json.sha256"), result.manifestSha256.toLatin1() + "  manifest.json\n"))
        return setError(writeFailed);
    if (options.sign &&
        (!writeSmall(QStringLiteral("manifest.json.sig"), signDetached(manifestBytes, secretKey).toHex() + '\n') ||
         !writeSmall(QStringLiteral("signing_key.pub"), publicKey.toHex() + '\n')))
        return setError(writeFailed);
    members.insert(members.end(), ordered.begin(), ordered.end());

    report(QStringLiteral("zip"), 0.85);
    if (cancelled()) return setError(QStringLiteral("export cancelled; nothing was written"));
    QString e;
    if (!writeZipFromFiles(outInfo.absoluteFilePath(), members, &e)) return setError(e);

    // The export itself goes into the audit trail, naming the bundle and its manifest hash.
    sql::exec(db, "DROP TABLE IF EXISTS temp.bundle_accounts; COMMIT;");
    QJsonObject details;
    details.insert(QStringLiteral("bundle_id"), result.bundleId);
    details.insert(QStringLiteral("path"), outInfo.absoluteFilePath());
    details.insert(QStringLiteral("manifest_sha256"), result.manifestSha256);
    details.insert(QStringLiteral("filters"), filters);
    details.insert(QStringLiteral("counts"), counts);
    details.insert(QStringLiteral("signed"), options.sign);
    if (options.sign) details.insert(QStringLiteral("public_key"), result.publicKeyHex);
    if (!file.beginWrite(&e) || !appendAudit(db, QStringLiteral("export"), details, &e) || !file.commit(&e)) {
        file.rollback();
        QFile::remove(outInfo.absoluteFilePath());
        return setError(QStringLiteral("%1: cannot record the export in the audit trail (%2); the bundle was removed")
                            .arg(file.path(), e));
    }
    report(QStringLiteral("done"), 1.0);
    result.seconds = timer.elapsed() / 1000.0;
    return true;
}

}  // namespace quarry::evidence
