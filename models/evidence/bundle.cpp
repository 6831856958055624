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
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <map>
#include <set>

#include <cstdio>
#include <sqlite3.h>

#include "core/timestamp.h"
#include "exportworkdir.h"
#include "memberwriter.h"
#include "store/auditlog.h"
#include "redactor.h"
#include "reporthtml.h"
#include "signing.h"
#include "story.h"
#include "store/casefile.h"
#include "store/casereads.h"
#include "store/sqlite.h"
#include "tags.h"
#include "zipio.h"

namespace quarry::evidence {
namespace {

QString ts(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::fromStdString(formatTimestampMs(s.int64(col)));
}
QString num(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::number(static_cast<qlonglong>(s.int64(col)));
}
QString real(const sql::Statement& s, int col) {
    return s.isNull(col) ? QString() : QString::number(s.real(col), 'f', 3);
}
QStringList jsonStrings(const QString& json) {
    QStringList out;
    for (const auto& v : QJsonDocument::fromJson(json.toUtf8()).array()) out << v.toString();
    return out;
}

// The test hook behind QUARRY_TEST_EXPORT_PAUSE=<stage>: stops the export at that stage (saying so
// on stderr) until it is cancelled, so tests can interrupt a real export at a known point.
void pauseForTest(const char* stage, const std::function<bool()>& cancelled) {
    static const QByteArray want = qgetenv("QUARRY_TEST_EXPORT_PAUSE");
    static bool paused = false;
    if (paused || want != stage) return;
    paused = true;
    std::fprintf(stderr, "quarry-test: export paused at %s\n", stage);
    std::fflush(stderr);
    for (int i = 0; i < 1200 && !cancelled(); ++i) QThread::msleep(50);
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
    const std::function<bool()> cancelled = [&] { return options.cancel && options.cancel->load(); };
    const QString cancelMessage = QStringLiteral("%1: export cancelled; nothing was written").arg(outPath);
    sqlite3* db = file.db();
    // A cancel also interrupts a long query (SQLITE_INTERRUPT ends the loop reading it).
    if (options.cancel)
        sqlite3_progress_handler(
            db, 20000, [](void* c) { return static_cast<const std::atomic<bool>*>(c)->load() ? 1 : 0; },
            const_cast<std::atomic<bool>*>(options.cancel));
    struct EndProgress {
        sqlite3* db;
        ~EndProgress() { sqlite3_progress_handler(db, 0, nullptr, nullptr); }
    } endProgress{db};
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
    ExportWorkDir tmp;
    if (!tmp.create(outPath, error)) return false;
    // Members in their own subfolder: no member name can meet the lock or the ZIP being built.
    auto memberPath = [&](const QString& name) { return tmp.filePath(QStringLiteral("members/") + name); };
    if (!QDir().mkpath(memberPath(QString()))) return setError(QStringLiteral("%1: cannot create a work folder next to it").arg(outPath));
    QJsonArray filesJson;
    std::vector<std::pair<QString, QString>> members;
    auto finish = [&](MemberWriter& w, const QString& name) {
        if (!w.close() || cancelled()) return false;
        QJsonObject f;
        f.insert(QStringLiteral("path"), name);
        f.insert(QStringLiteral("sha256"), w.sha256());
        f.insert(QStringLiteral("size"), static_cast<qint64>(w.size()));
        filesJson.append(f);
        members.emplace_back(name, memberPath(name));
        return true;
    };
    auto openMember = [&](MemberWriter& w, const QString& name) { return w.open(memberPath(name)); };
    const QString writeFailedText = QStringLiteral("%1: cannot write the bundle's work files (disk full?)").arg(outPath);
    auto writeFailed = [&] { return setError(cancelled() ? cancelMessage : writeFailedText); };

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
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("accounts.csv"))) return writeFailed();
        w.raw(QByteArray("account_id,cluster_id,score,flagged,requests,first_seen,last_seen,active_days,distinct_ips,"
                           "distinct_subnets,automation,harvest,tags,note,reasons\n"));
        while (s.step()) {
            BundleAccountRow r;
            r.id = s.int64(0);
            r.name = s.text(1);
            r.requests = num(s, 2);
            r.firstSeen = ts(s, 3);
            r.lastSeen = ts(s, 4);
            QStringList extra(7);
            if (analysed) {
                r.cluster = num(s, 5);
                r.score = real(s, 6);
                r.flagged = !s.isNull(7) && s.int64(7) != 0;
                r.reasons = jsonStrings(s.text(8));
                extra = {num(s, 9), num(s, 10), num(s, 11), real(s, 12), real(s, 13)};
            }
            r.tags = toList(store.tagsOf({TargetType::Account, r.id}));
            r.note = store.note({TargetType::Account, r.id});
            w.row({r.name, r.cluster, r.score, analysed ? (r.flagged ? QStringLiteral("1") : QStringLiteral("0")) : QString(),
                             r.requests, r.firstSeen, r.lastSeen, extra.value(0), extra.value(1), extra.value(2),
                             extra.value(3), extra.value(4), r.tags.join(QLatin1Char(';')), r.note,
                   r.reasons.join(QStringLiteral("; "))});
            accounts.push_back(std::move(r));
        }
        if (!finish(w, QStringLiteral("accounts.csv"))) return writeFailed();
    }
    std::map<int64_t, QString> names;  // account id -> name, for the selection
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
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("requests.csv"))) return writeFailed();
        w.raw(QByteArray("request_id,request_uid,timestamp,account_id,api_key_id,organization_id,ip,user_agent,model,"
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
                w.row({num(s, 0), s.text(1), ts(s, 2), a.name, s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                       s.text(8), num(s, 9), num(s, 10), num(s, 11), num(s, 12), s.text(13), topic, num(s, 15),
                       red.prompt(s.text(16))});
                if ((++done & 0x3fff) == 0) {
                    report(QStringLiteral("requests"), 0.05 + 0.6 * double(done) / double(std::max<int64_t>(total, 1)));
                    if (cancelled()) return setError(cancelMessage);
                }
            }
            s.reset();
            if (done > 0) pauseForTest("requests", cancelled);
        }
        result.requests = done;
        if (!finish(w, QStringLiteral("requests.csv"))) return writeFailed();
    }

    // links.csv: every evidence link touching the selection.
    report(QStringLiteral("links"), 0.7);
    if (analysed) {
        sql::Statement s(db, "SELECT l.a, l.b, aa.value, ab.value, l.type, l.count, l.weight, l.evidence FROM links l "
                             "JOIN accounts aa ON aa.id = l.a JOIN accounts ab ON ab.id = l.b "
                             "WHERE l.a IN (SELECT id FROM temp.bundle_accounts) OR l.b IN (SELECT id FROM temp.bundle_accounts) "
                             "ORDER BY l.weight DESC, l.a, l.b, l.type");
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("links.csv"))) return writeFailed();
        w.raw(QByteArray("account_a,account_b,both_in_bundle,type,count,weight,evidence\n"));
        while (s.step()) {
            const bool both = names.count(s.int64(0)) && names.count(s.int64(1));
            w.row({s.text(2), s.text(3), both ? QStringLiteral("1") : QStringLiteral("0"), s.text(4), num(s, 5),
                   real(s, 6), s.text(7)});
            ++result.links;
        }
        if (!finish(w, QStringLiteral("links.csv"))) return writeFailed();
    } else {
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("links.csv"))) return writeFailed();
        w.raw(QByteArray("account_a,account_b,both_in_bundle,type,count,weight,evidence\n"));
        if (!finish(w, QStringLiteral("links.csv"))) return writeFailed();
    }

    // audit.jsonl: the chain as it stands before this export.
    report(QStringLiteral("audit"), 0.75);
    const auto audit = auditEntries(db);
    const AuditVerification chain = verifyAuditEntries(audit);
    if (!chain.ok) return setError(QStringLiteral("%1: the case's audit chain is broken at %2; export refused").arg(file.path(), chain.reason));
    {
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("audit.jsonl"))) return writeFailed();
        for (AuditEntry e : audit) {
            // The details are redacted inside the entry, keeping the SHA-256 of the originals that
            // the chain hashes; the analyst (the bundle's author, not a subject) is hashed as is.
            if (options.redact) {
                e.detailsSha256 = QCryptographicHash::hash(e.details, QCryptographicHash::Sha256).toHex();
                e.details = QJsonDocument(red.json(QJsonDocument::fromJson(e.details).object()).toObject())
                                .toJson(QJsonDocument::Compact);
            }
            w.raw(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n');
        }
        if (!finish(w, QStringLiteral("audit.jsonl"))) return writeFailed();
    }

    // sources.json
    {
        QJsonArray sources;
        sql::Statement s(db, "SELECT id, path, sha256, size, format, rows_read, rows_imported, rows_quarantined, first_ts, "
                             "last_ts, imported_at, forced FROM sources ORDER BY id");
        while (s.step()) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), static_cast<qint64>(s.int64(0)));
            o.insert(QStringLiteral("path"), s.text(1));
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
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("sources.json"))) return writeFailed();
        w.json(sources);
        if (!finish(w, QStringLiteral("sources.json"))) return writeFailed();
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
        r.reasons = row->reasons;  // masked with everything else by redactedContext()
        r.coordination = row->coordination;
        r.automation = row->automation;
        r.harvest = row->harvest;
        r.tags = toList(store.tagsOf({TargetType::Cluster, c}));
        r.note = store.note({TargetType::Cluster, c});
        clusters.push_back(r);
    }
    result.accounts = static_cast<int64_t>(accounts.size());
    result.clusters = static_cast<int64_t>(clusters.size());

    // story.csv: the story's items about the selection, in the analyst's order.
    ctx.story = bundleStoryRows(storyForSelection(db, accountIds, clusterIds));
    {
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("story.csv"))) return writeFailed();
        w.raw(QByteArray("position,kind,time,subject,title,text,analyst\n"));
        int position = 0;
        for (const BundleStoryRow& r : ctx.story)
            w.row({QString::number(++position), r.kind, r.time, r.subject, r.title, r.text, r.analyst});
        if (!finish(w, QStringLiteral("story.csv"))) return writeFailed();
    }

    result.bundleId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString createdAt = QString::fromStdString(formatTimestampMs(QDateTime::currentMSecsSinceEpoch()));
    const QString analyst = currentAnalyst();
    QJsonObject filters;
    {
        QJsonArray fc, fa, ft;
        for (int64_t c : options.clusters) fc.append(static_cast<qint64>(c));
        for (const QString& a : options.accounts) fa.append(a);
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

    // The rendered members see only the redacted context.
    const BundleContext shown = redactedContext(ctx, red);
    report(QStringLiteral("report"), 0.8);
    {
        MemberWriter w(red);
        if (!openMember(w, QStringLiteral("report.html"))) return writeFailed();
        w.raw(reportHtml(shown).toUtf8());
        if (!finish(w, QStringLiteral("report.html"))) return writeFailed();
    }
    // report.pdf and charts/, rendered by the caller (models has no Qt Gui); fixed names only.
    if (options.extraMembers) {
        std::vector<ExtraMember> extra;
        QString e;
        if (!options.extraMembers(shown, extra, &e))
            return setError(QStringLiteral("%1: cannot render the report: %2").arg(outPath, e));
        for (const auto& m : extra) {
            const bool taken = std::any_of(members.begin(), members.end(),
                                           [&](const auto& x) { return x.first == m.path; });
            if (!isSafeMemberName(m.path) || taken ||
                m.path.startsWith(QLatin1String("manifest.json")) ||
                m.path == QLatin1String("signing_key.pub"))
                return setError(
                    QStringLiteral("%1: refused report member name '%2'").arg(outPath, m.path));
            if (!QDir().mkpath(QFileInfo(memberPath(m.path)).path())) return writeFailed();
            MemberWriter w(red);
            if (!openMember(w, m.path)) return writeFailed();
            w.raw(m.data);
            if (!finish(w, m.path)) return writeFailed();
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
        sig.insert(QStringLiteral("fingerprint"), publicKeyFingerprint(QString::fromLatin1(publicKey.toHex())));
        sig.insert(QStringLiteral("file"), QStringLiteral("manifest.json.sig"));
        manifest.insert(QStringLiteral("signature"), sig);
        result.publicKeyHex = QString::fromLatin1(publicKey.toHex());
    }
    // Through the one redaction step like every other member (the filters name accounts).
    const QByteArray manifestBytes = QJsonDocument(red.json(manifest).toObject()).toJson(QJsonDocument::Indented);
    result.manifestSha256 = QString::fromLatin1(QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex());
    auto writeSmall = [&](const QString& name, const QByteArray& bytes) {
        MemberWriter w(red);
        if (!openMember(w, name)) return false;
        w.raw(bytes);
        if (!w.close()) return false;
        members.emplace_back(name, memberPath(name));
        return true;
    };
    // The manifest goes first in the archive.
    std::vector<std::pair<QString, QString>> ordered;
    ordered.swap(members);
    if (!writeSmall(QStringLiteral("manifest.json"), manifestBytes) ||
        !writeSmall(QStringLiteral("manifest.json.sha256"), result.manifestSha256.toLatin1() + "  manifest.json\n"))
        return writeFailed();
    if (options.sign &&
        (!writeSmall(QStringLiteral("manifest.json.sig"), signDetached(manifestBytes, secretKey).toHex() + '\n') ||
         !writeSmall(QStringLiteral("signing_key.pub"), publicKey.toHex() + '\n')))
        return writeFailed();
    members.insert(members.end(), ordered.begin(), ordered.end());

    report(QStringLiteral("zip"), 0.85);
    if (cancelled()) return setError(cancelMessage);
    // The ZIP (and libzip's own temporary) is written inside the work folder, then renamed over
    // outPath: an interrupted export leaves nothing next to the bundle but that folder.
    QString e;
    const QString built = tmp.filePath(QStringLiteral("bundle.zip"));
    ZipWriteHooks hooks;
    hooks.cancelled = cancelled;
    hooks.progress = [&](double f) {
        report(QStringLiteral("zip"), 0.85 + 0.14 * f);
        if (f >= 0.3) pauseForTest("zip", cancelled);
    };
    if (!writeZipFromFiles(built, members, &e, hooks)) return setError(cancelled() ? cancelMessage : e);
    if (::rename(QFile::encodeName(built).constData(), QFile::encodeName(outInfo.absoluteFilePath()).constData()) != 0)
        return setError(QStringLiteral("%1: cannot move the finished bundle into place").arg(outPath));

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
