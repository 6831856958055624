// SPDX-License-Identifier: GPL-3.0-or-later
#include "analyzer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "accountvalues.h"
#include "aggregates.h"
#include "analysisstore.h"
#include "clusterlinks.h"
#include "contentpass.h"
#include "core/heappolicy.h"
#include "families.h"
#include "mixture.h"
#include "store/auditlog.h"
#include "store/casefile.h"
#include "store/jobcache.h"
#include "store/sqlite.h"
#include "taxonomy.h"
#include "temporalpass.h"
#include "topicclassifier.h"

namespace quarry {
namespace {

constexpr int64_t kHourMs = 3600000;
constexpr int64_t kDayMs = 86400000;

// Topics every taxonomy marks as the capabilities harvesters go for (DESIGN.md): agentic coding
// and tool use, reasoning, rubric grading, censorship-style rewrites.
bool isHighValue(const QString& id) {
    static const QStringList kIds = {QStringLiteral("coding"), QStringLiteral("agentic"),
                                     QStringLiteral("math"), QStringLiteral("grading"),
                                     QStringLiteral("sensitive_rewrite")};
    return kIds.contains(id);
}

// The dictionary id in `topics` of every taxonomy topic, adding the missing ones.
bool topicIds(sqlite3* db, const Taxonomy& tax, std::vector<int64_t>& ids, QString* error) {
    sql::Statement insert(db, "INSERT OR IGNORE INTO topics(value) VALUES(?)");
    sql::Statement select(db, "SELECT id FROM topics WHERE value = ?");
    for (const Topic& t : tax.topics()) {
        const QByteArray key = t.id.toUtf8();
        insert.bindText(1, {key.constData(), size_t(key.size())});
        if (!insert.run()) {
            if (error) *error = sql::lastError(db);
            return false;
        }
        select.bindText(1, {key.constData(), size_t(key.size())});
        if (!select.step()) return false;
        ids.push_back(select.int64(0));
        select.reset();
    }
    return true;
}

}  // namespace

QJsonObject AnalysisOptions::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("scoring"), scoring.toJson());
    QJsonObject l;
    l.insert(QStringLiteral("neighbours_per_group"), links.neighboursPerGroup);
    l.insert(QStringLiteral("template_band_rows"), links.templateBandRows);
    l.insert(QStringLiteral("sync_min_similarity"), links.syncMinSimilarity);
    l.insert(QStringLiteral("popular_user_agent_share"), links.popularUserAgentShare);
    o.insert(QStringLiteral("links"), l);
    QJsonObject c;
    c.insert(QStringLiteral("resolution"), clustering.resolution);
    c.insert(QStringLiteral("min_link_weight"), clustering.minLinkWeight);
    c.insert(QStringLiteral("seed"), static_cast<qint64>(clustering.seed));
    o.insert(QStringLiteral("clustering"), c);
    return o;
}

QJsonObject AnalysisSummary::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("requests"), static_cast<qint64>(requests));
    o.insert(QStringLiteral("accounts"), static_cast<qint64>(accounts));
    o.insert(QStringLiteral("links"), static_cast<qint64>(links));
    o.insert(QStringLiteral("clusters"), static_cast<qint64>(clusters));
    o.insert(QStringLiteral("flagged_clusters"), static_cast<qint64>(flaggedClusters));
    o.insert(QStringLiteral("flagged_accounts"), static_cast<qint64>(flaggedAccounts));
    o.insert(QStringLiteral("new_model"), newModel);
    o.insert(QStringLiteral("mixture_accounts"), static_cast<qint64>(mixtureAccounts));
    o.insert(QStringLiteral("unavailable"), QJsonArray::fromStringList(unavailable));
    o.insert(QStringLiteral("seconds"), seconds);
    o.insert(QStringLiteral("stage_seconds"), stageSeconds);
    return o;
}

bool analyzeCase(CaseFile& file, const AnalysisOptions& options, AnalysisSummary& summary,
                 QString* error) {
    QElapsedTimer timer;
    timer.start();
    const int64_t startedAt = QDateTime::currentMSecsSinceEpoch();
    sqlite3* db = file.db();
    QString currentStage;
    qint64 stageStart = 0;
    auto report = [&](const QString& stage, double f) {
        if (stage != currentStage) {
            if (!currentStage.isEmpty())
                summary.stageSeconds.insert(currentStage, (timer.elapsed() - stageStart) / 1000.0);
            currentStage = stage;
            stageStart = timer.elapsed();
        }
        if (options.progress) options.progress(stage, f);
    };
    const Taxonomy& tax = options.taxonomy ? *options.taxonomy : Taxonomy::builtin();
    if (tax.topicCount() > kMaxTopics) {
        if (error) *error = QStringLiteral("the taxonomy has %1 topics; at most %2 are supported").arg(tax.topicCount()).arg(kMaxTopics);
        return false;
    }
    QString e;
    auto classifier = TopicClassifier::create(tax, &e);
    if (!classifier) {
        if (error) *error = e;
        return false;
    }
    std::vector<TopicInfo> topics;
    std::vector<QString> colors;
    for (const Topic& t : tax.topics()) {
        topics.push_back({t.id, t.name, isHighValue(t.id)});
        colors.push_back(t.color);
    }

    // The passes stream the requests once each: a bounded cache keeps memory flat as they grow.
    const sql::JobCache cache(db);
    keepLargeBlocksOutOfTheHeap();
    if (!file.beginWrite(&e)) {
        if (error) *error = e;
        return false;
    }
    auto fail = [&](const QString& message) {
        file.rollback();
        if (error) *error = message;
        return false;
    };
    auto failWrite = [&](const QString& what) {
        return fail(file.describeError(sqlite3_errcode(db), what) + QStringLiteral(" (") + e + QLatin1Char(')'));
    };
    std::vector<int64_t> topicDict;
    if (!topicIds(db, tax, topicDict, &e) || !analysisstore::reset(db, &e) ||
        !aggregates::reset(db, &e) || !accountvalues::reset(db, &e))
        return fail(e);

    // Topics a source already carries are kept: map their labels onto the taxonomy.
    ContentPassInput in;
    in.db = db;
    in.otherTopic = tax.fallbackIndex() >= 0 ? tax.fallbackIndex() : 0;
    {
        in.sourceTopicToIndex.assign(static_cast<size_t>(sql::queryInt(db, "SELECT max(id) FROM topics", 0) + 1), -1);
        sql::Statement s(db, "SELECT id, value FROM topics");
        while (s.step()) {
            const QString label = s.text(1).trimmed();
            int idx = tax.indexOf(label);
            for (int i = 0; idx < 0 && i < tax.topicCount(); ++i)
                if (tax.topic(i).name.compare(label, Qt::CaseInsensitive) == 0 ||
                    tax.topic(i).id.compare(label, Qt::CaseInsensitive) == 0)
                    idx = i;
            in.sourceTopicToIndex[static_cast<size_t>(s.int64(0))] = idx >= 0 ? idx : in.otherTopic;
        }
    }
    in.makeLabeler = [&]() -> PromptLabeler {
        auto scratch = std::make_shared<TopicClassifier::Scratch>(classifier->makeScratch());
        return [&, scratch](std::string_view prompt, int& topic, bool& cot) {
            const auto r = classifier->classify(prompt, *scratch);
            topic = r.topic >= 0 ? r.topic : in.otherTopic;
            cot = r.cot;
        };
    };
    // Every core labels: the reading thread waits on SQLite part of the time.
    in.labelThreads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    in.cancel = options.cancel;
    in.progress = [&](int64_t done, int64_t total) {
        report(QStringLiteral("reading prompts"), total > 0 ? 0.55 * done / total : 0);
    };
    ContentPassOutput content;
    // The (value, account) pairs grow with the requests: written as they come, not held.
    aggregates::streamSearchPairs(db, content.ipAccounts, content.uaAccounts);
    accountvalues::stream(db, content.values);
    if (!runContentPass(in, content, &e)) return fail(e);

    // The newest model with real volume, first seen after the case began: the release whose
    // adoption speed the pivot feature measures.
    int64_t caseFirst = INT64_MAX, caseLast = INT64_MIN;
    for (const auto& m : content.models)
        if (m.count > 0) caseFirst = std::min(caseFirst, m.firstTs);
    caseLast = sql::queryInt(db, "SELECT max(last_ts) FROM sources", 0);
    int newModel = -1;
    int64_t releaseTs = 0;
    for (size_t m = 0; m < content.models.size(); ++m) {
        const auto& info = content.models[m];
        if (info.count < std::max<int64_t>(20, content.rows / 100)) continue;
        if (info.firstTs <= caseFirst + (caseLast - caseFirst) / 10) continue;
        if (newModel < 0 || info.firstTs > releaseTs) {
            newModel = static_cast<int>(m);
            releaseTs = info.firstTs;
        }
    }
    if (newModel >= 0) {
        sql::Statement s(db, "SELECT value FROM models WHERE id = ?");
        s.bind(1, newModel);
        if (s.step()) summary.newModel = s.text(0);
    }

    std::vector<AccountFeatures> features(content.accounts.size());
    TemporalPassOutput temporal;
    aggregates::Builder aggs(db, content.requestFlags, topicDict);
    if (!runTemporalPass(db, releaseTs, features, temporal, options.cancel,
                         [&](int64_t done, int64_t total) {
                             report(QStringLiteral("reading timelines"), 0.55 + 0.2 * done / std::max<int64_t>(1, total));
                         },
                         &e, &aggs))
        return fail(e);

    for (size_t a = 0; a < features.size(); ++a) {
        AccountFeatures& f = features[a];
        const ContentAccumulator& c = content.accounts[a];
        if (f.requests == 0 || c.n == 0) continue;
        std::vector<double> counts(c.topics.begin(), c.topics.begin() + tax.topicCount());
        const auto top = std::max_element(counts.begin(), counts.end());
        f.topTopic = static_cast<int>(top - counts.begin());
        f.topTopicShare = *top / c.n;
        f.topicEntropy = entropyBits(counts);
        f.cotShare = static_cast<double>(c.cot) / c.n;
        if (c.tokenRows > 0) {
            f.meanPromptTokens = static_cast<double>(c.promptTokens) / c.tokenRows;
            f.meanCompletionTokens = static_cast<double>(c.completionTokens) / c.tokenRows;
            auto cv = [&](double sumSq, double mean) {
                const double var = std::max(0.0, sumSq / c.tokenRows - mean * mean);
                return mean > 0 ? std::sqrt(var) / mean : -1.0;
            };
            if (c.tokenRows >= 2) {
                f.promptTokenCv = cv(c.promptTokensSq, f.meanPromptTokens);
                f.completionTokenCv = cv(c.completionTokensSq, f.meanCompletionTokens);
            }
        }
        f.promptShare = static_cast<double>(c.promptRows) / c.n;
        f.distinctKeys = static_cast<int>(c.keys.size());
        f.distinctIps = static_cast<int>(c.ips.size());
        f.distinctSubnets = static_cast<int>(c.subnets.size());
        f.distinctUserAgents = static_cast<int>(c.userAgents.size());
        f.createdAt = c.createdAt;
        if (f.createdAt != 0 && f.firstHeavyDayTs != 0)
            f.ageAtHeavyUseDays = std::max(0.0, static_cast<double>(f.firstHeavyDayTs - f.createdAt) / kDayMs);
        if (newModel >= 0 && f.firstTs < releaseTs) {
            for (const auto& m : c.models)
                if (m.model == newModel && temporal.afterRelease[a] > 0) {
                    f.pivotHours = static_cast<double>(m.firstTs - releaseTs) / kHourMs;
                    f.newModelShare = static_cast<double>(m.count) / temporal.afterRelease[a];
                }
        }
    }

    report(QStringLiteral("linking accounts"), 0.78);
    if (options.cancel && options.cancel->load()) return fail(QStringLiteral("analysis cancelled"));
    LinkOutput links = buildLinks(features, content, temporal, options.links);
    for (size_t a = 0; a < features.size(); ++a) {
        features[a].sharedTemplateShare = links.sharedTemplateShare[a];
        features[a].templateReuse = links.templateReuse[a];
    }
    report(QStringLiteral("clustering"), 0.85);
    std::vector<int32_t> cluster = clusterAccounts(features.size(), links.links, options.clustering, &e);
    if (cluster.size() != features.size()) return fail(e);
    splitByInfrastructure(cluster, links.links, options.links, options.scoring.minClusterSize);
    const CaseContext ctx = caseContext(features, content.coverage, options.scoring);
    std::vector<ClusterVerdict> verdicts = scoreClusters(features, cluster, links.links, ctx, topics,
                                                         content.subnetNames, options.scoring, options.clustering, &e);
    if (verdicts.empty() && !e.isEmpty()) return fail(e);
    report(QStringLiteral("mixture"), 0.88);
    MixtureOutput mixture;
    if (ctx.prompts &&
        !findMixtures(db, features, verdicts, links, options.links, options.scoring, options.cancel, mixture, &e))
        return fail(e);
    summary.unavailable = ctx.unavailable();
    summary.mixtureAccounts = 0;
    for (const auto& f : features) summary.mixtureAccounts += f.flagged && f.mixtureRequests > 0 && f.mixtureShare >= 0;

    report(QStringLiteral("writing results"), 0.9);
    if (options.cancel && options.cancel->load()) return fail(QStringLiteral("analysis cancelled"));
    if (!analysisstore::writeTaxonomy(db, topics, colors, topicDict, &e) ||
        !analysisstore::writeRequestTopics(db, content.requestFlags, topicDict, &e) ||
        !analysisstore::writeAccountTopics(db, content.accounts, topicDict, tax.topicCount(), &e) ||
        !analysisstore::writeFeatures(db, features, topicDict, &e) ||
        !analysisstore::writeLinks(db, links.links, content.subnetNames,
                                   static_cast<float>(options.clustering.minLinkWeight), &e) ||
        !analysisstore::writeClusters(db, verdicts, &e) ||
        !analysisstore::writeHarvestRequests(db, mixture.requests, &e))
        return failWrite(QStringLiteral("write the analysis"));
    report(QStringLiteral("summarising links"), 0.93);
    if (!writeClusterLinks(db, summarizeClusterLinks(features, links.links, static_cast<float>(options.clustering.minLinkWeight)),
                           content.subnetNames, &e))
        return failWrite(QStringLiteral("write the link summary"));
    report(QStringLiteral("writing aggregates"), 0.95);
    if (!aggs.finish(cluster, startedAt, &e) ||
        !aggregates::writeSearchPairs(db, content.ipAccounts, content.uaAccounts, &e) ||
        !accountvalues::write(db, content.values, links.accountTemplateKeys,
                              options.links.templateKeysPerAccount, startedAt, &e))
        return failWrite(QStringLiteral("write the aggregates"));

    summary.requests = content.rows;
    for (const auto& f : features) {
        summary.accounts += f.requests > 0;
        summary.flaggedAccounts += f.flagged;
    }
    summary.links = static_cast<int64_t>(links.links.size());
    for (const auto& v : verdicts) {
        summary.clusters += v.size > 0;
        summary.flaggedClusters += v.flagged;
    }
    report(QStringLiteral("commit"), 0.99);
    summary.seconds = timer.elapsed() / 1000.0;
    if (!analysisstore::writeRun(db, startedAt, options.toJson(), summary.toJson(), &e)) return fail(e);
    {
        // The audit entry commits with the analysis it records.
        QJsonObject totals = summary.toJson();
        totals.remove(QStringLiteral("seconds"));
        totals.remove(QStringLiteral("stage_seconds"));
        QJsonObject details;
        details.insert(QStringLiteral("params"), options.toJson());
        details.insert(QStringLiteral("totals"), totals);
        if (!evidence::appendAudit(db, QStringLiteral("analyze"), details, &e)) return fail(e);
    }
    if (!file.commit(&e)) return fail(e);
    report(QStringLiteral("done"), 1.0);
    summary.seconds = timer.elapsed() / 1000.0;
    return true;
}

}  // namespace quarry
