// SPDX-License-Identifier: GPL-3.0-or-later
// Detection on small hand-built cases with known answers: each feature, each link type,
// clustering on a planted graph, a planted campaign, and the hard negatives that must stay clear.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "analysis/analysisstore.h"
#include "analysis/analyzer.h"
#include "analysis/clustering.h"
#include "analysis/minhash.h"
#include "ingest/importer.h"
#include "ingest/timestamp.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "analysistestutil.h"
#include "testutil.h"

using namespace quarry;

using namespace quarry::test;

class TestAnalysis final : public QObject {
    Q_OBJECT
private slots:
    void minhashSeesTemplates() {
        minhash::Signature a, b, c;
        QVERIFY(minhash::promptSignature(campaignPrompt(0).toStdString(), a));
        QVERIFY(minhash::promptSignature(campaignPrompt(1).toStdString(), b));
        QVERIFY(minhash::promptSignature(diversePrompt(3).toStdString(), c));
        QVERIFY2(minhash::similarity(a, b) >= 0.5, qPrintable(QString::number(minhash::similarity(a, b))));
        QVERIFY(minhash::similarity(a, c) < 0.2);
        QVERIFY(minhash::similarity(a, a) == 1.0);
        QVERIFY(!minhash::promptSignature("too short", a));
    }

    void leidenFindsPlantedCommunities() {
        // Two dense groups of 8 joined by one light edge, and an isolated pair.
        std::vector<Link> links;
        auto add = [&](int a, int b, float w) {
            Link l;
            l.a = a;
            l.b = b;
            l.weight = w;
            links.push_back(l);
        };
        for (int g = 0; g < 2; ++g)
            for (int i = 0; i < 8; ++i)
                for (int j = i + 1; j < 8; ++j) add(g * 8 + i + 1, g * 8 + j + 1, 1.0f);
        add(1, 9, 0.4f);
        add(20, 21, 1.0f);
        QString error;
        const auto c = clusterAccounts(30, links, ClusteringParams(), &error);
        QCOMPARE(c.size(), size_t(30));
        for (int i = 2; i <= 8; ++i) QCOMPARE(c[i], c[1]);
        for (int i = 10; i <= 16; ++i) QCOMPARE(c[i], c[9]);
        QVERIFY(c[1] != c[9]);
        QCOMPARE(c[20], c[21]);
        QVERIFY(c[20] != c[1] && c[20] != c[9]);
        QCOMPARE(c[0], -1);
        QCOMPARE(c[25], -1);
        // Same input, same answer.
        QCOMPARE(clusterAccounts(30, links, ClusteringParams(), &error), c);
    }

    void timeFeaturesTellMachinesFromPeople() {
        QTemporaryDir dir;
        CaseBuilder b;
        // A clock: every 20 minutes for 10 days. A person: weekdays 09-17, a few an hour.
        for (int64_t t = kStart; t < kStart + 10 * kDay; t += 20 * 60000)
            b.add({t, QStringLiteral("clock"), QStringLiteral("198.51.100.7"), QStringLiteral("bot/1"), {}, {}, diversePrompt(int(t / 60000)), {}});
        for (int d = 0; d < 10; ++d) {
            const int dow = (2 + d) % 7;  // 2026-09-01 is a Tuesday
            if (dow == 0 || dow == 6) continue;
            for (int h = 9; h < 17; ++h)
                for (int k = 0; k < 3; ++k)
                    b.add({kStart + d * kDay + h * kHour + k * 1000 * 60 * 17, QStringLiteral("person"),
                           QStringLiteral("203.0.113.9"), QStringLiteral("Mozilla/5.0"), {}, {}, diversePrompt(d * 100 + h * 3 + k), {}});
        }
        auto f = b.build(dir.path());
        QVERIFY(f);
        QCOMPARE(feature(*f, QStringLiteral("clock"), "requests"), 720.0);
        QVERIFY(qAbs(feature(*f, QStringLiteral("clock"), "quiet_share") - 0.25) < 0.01);
        QVERIFY(feature(*f, QStringLiteral("clock"), "hour_entropy") > 4.5);
        QVERIFY(feature(*f, QStringLiteral("clock"), "daily_cv") < 0.05);
        QVERIFY(feature(*f, QStringLiteral("clock"), "gap_cv") < 0.05);
        QCOMPARE(feature(*f, QStringLiteral("clock"), "peak_hourly"), 3.0);
        QCOMPARE(feature(*f, QStringLiteral("clock"), "active_days"), 10.0);
        QCOMPARE(feature(*f, QStringLiteral("person"), "quiet_share"), 0.0);
        QVERIFY(feature(*f, QStringLiteral("person"), "hour_entropy") <= 3.01);  // 8 hours: log2(8)
        QCOMPARE(feature(*f, QStringLiteral("person"), "active_days"), 8.0);
        QVERIFY(feature(*f, QStringLiteral("person"), "weekend_ratio") < 0.01);
        QVERIFY(qAbs(feature(*f, QStringLiteral("clock"), "weekend_ratio") - 1.0) < 0.05);
        QVERIFY(reasonsOf(*f, QStringLiteral("clock")).join(QLatin1Char(' ')).contains(QStringLiteral("round the clock")));
    }

    void contentFeatures() {
        QTemporaryDir dir;
        CaseBuilder b;
        for (int i = 0; i < 40; ++i)
            b.add({kStart + i * kHour, QStringLiteral("reasoner"), QStringLiteral("10.1.2.") + QString::number(i % 4),
                   QStringLiteral("sdk/1"), {}, {}, campaignPrompt(i), {}});
        auto f = b.build(dir.path());
        QVERIFY(f);
        QCOMPARE(feature(*f, QStringLiteral("reasoner"), "cot_share"), 1.0);
        QCOMPARE(feature(*f, QStringLiteral("reasoner"), "distinct_ips"), 4.0);
        QCOMPARE(feature(*f, QStringLiteral("reasoner"), "distinct_subnets"), 1.0);
        QVERIFY(feature(*f, QStringLiteral("reasoner"), "top_topic_share") >= 0.9);
        const QJsonObject topics = accountInfo(*f, QStringLiteral("reasoner")).value(QStringLiteral("topics")).toObject();
        QVERIFY2(topics.contains(QStringLiteral("coding")), QJsonDocument(topics).toJson().constData());
        QVERIFY(feature(*f, QStringLiteral("reasoner"), "template_reuse") >= 0.9);
    }

    void eachLinkType() {
        QTemporaryDir dir;
        CaseBuilder b;
        auto row = [&](const QString& acct, int i, const QString& ip, const QString& ua, const QString& org,
                       const QString& pay, const QString& prompt, int64_t created = 0) {
            b.add({kStart + i * 600000, acct, ip, ua, org, pay, prompt, {}, created});
        };
        // 40 background accounts on a popular user agent, each on its own network.
        for (int a = 0; a < 40; ++a)
            for (int i = 0; i < 3; ++i)
                row(QStringLiteral("crowd%1").arg(a), a * 3 + i, QStringLiteral("100.%1.%2.1").arg(a).arg(i),
                    QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(a * 10 + i),
                    kStart - (100 + a * 7) * kDay);
        row(QStringLiteral("ipA"), 1, QStringLiteral("192.0.2.10"), QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(900));
        row(QStringLiteral("ipB"), 2, QStringLiteral("192.0.2.10"), QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(901));
        row(QStringLiteral("netA"), 1, QStringLiteral("192.0.3.10"), QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(902));
        row(QStringLiteral("netB"), 2, QStringLiteral("192.0.3.77"), QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(903));
        row(QStringLiteral("payA"), 1, QStringLiteral("101.0.0.1"), QStringLiteral("openai-python/1.51.0"), {}, QStringLiteral("card-1"), diversePrompt(904));
        row(QStringLiteral("payB"), 2, QStringLiteral("102.0.0.1"), QStringLiteral("openai-python/1.51.0"), {}, QStringLiteral("card-1"), diversePrompt(905));
        row(QStringLiteral("orgA"), 1, QStringLiteral("103.0.0.1"), QStringLiteral("openai-python/1.51.0"), QStringLiteral("org-9"), {}, diversePrompt(906));
        row(QStringLiteral("orgB"), 2, QStringLiteral("104.0.0.1"), QStringLiteral("openai-python/1.51.0"), QStringLiteral("org-9"), {}, diversePrompt(907));
        row(QStringLiteral("uaA"), 1, QStringLiteral("105.0.0.1"), QStringLiteral("harvester-kit/0.3"), {}, {}, diversePrompt(908));
        row(QStringLiteral("uaB"), 2, QStringLiteral("106.0.0.1"), QStringLiteral("harvester-kit/0.3"), {}, {}, diversePrompt(909));
        row(QStringLiteral("tplA"), 1, QStringLiteral("107.0.0.1"), QStringLiteral("openai-python/1.51.0"), {}, {}, campaignPrompt(0));
        row(QStringLiteral("tplB"), 2, QStringLiteral("108.0.0.1"), QStringLiteral("openai-python/1.51.0"), {}, {}, campaignPrompt(3));
        // Eight sign-ups within one hour, against one sign-up every week or so otherwise.
        for (int k = 0; k < 8; ++k)
            row(QStringLiteral("burst%1").arg(k), 5 + k, QStringLiteral("110.%1.0.1").arg(k),
                QStringLiteral("openai-python/1.51.0"), {}, {}, diversePrompt(950 + k), kStart - 2 * kDay + k * 300000);
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY(linked(*f, QStringLiteral("ipA"), QStringLiteral("ipB"), QStringLiteral("ip")));
        QVERIFY(linked(*f, QStringLiteral("ipA"), QStringLiteral("ipB"), QStringLiteral("subnet")));
        QVERIFY(linked(*f, QStringLiteral("netA"), QStringLiteral("netB"), QStringLiteral("subnet")));
        QVERIFY(!linked(*f, QStringLiteral("netA"), QStringLiteral("netB"), QStringLiteral("ip")));
        QVERIFY(linked(*f, QStringLiteral("payA"), QStringLiteral("payB"), QStringLiteral("payment")));
        QVERIFY(linked(*f, QStringLiteral("orgA"), QStringLiteral("orgB"), QStringLiteral("organization")));
        QVERIFY(linked(*f, QStringLiteral("uaA"), QStringLiteral("uaB"), QStringLiteral("user_agent")));
        QVERIFY(linked(*f, QStringLiteral("tplA"), QStringLiteral("tplB"), QStringLiteral("template")));
        // The popular SDK user agent links nobody.
        sql::Statement ua(f->db(), "SELECT count(*) FROM links WHERE type = 'user_agent'");
        QVERIFY(ua.step());
        QCOMPARE(ua.int64(0), int64_t(1));
        int burstLinks = 0;
        for (int k = 1; k < 8; ++k)
            for (int j = 0; j < k; ++j)
                burstLinks += linked(*f, QStringLiteral("burst%1").arg(j), QStringLiteral("burst%1").arg(k),
                                     QStringLiteral("creation_burst"));
        QVERIFY(burstLinks >= 7);  // connected
        QVERIFY(!linked(*f, QStringLiteral("crowd1"), QStringLiteral("crowd2"), QStringLiteral("creation_burst")));
    }

    void syncLinks() {
        QTemporaryDir dir;
        CaseBuilder b;
        // Two accounts busy in the same 60 scattered hours; a third in 60 different hours.
        for (int k = 0; k < 60; ++k) {
            const int64_t hour = kStart + static_cast<int64_t>((k * 37) % 300) * kHour;
            b.add({hour + 60000, QStringLiteral("syncA"), QStringLiteral("120.0.0.1"), QStringLiteral("x"), {}, {}, diversePrompt(k), {}});
            b.add({hour + 120000, QStringLiteral("syncB"), QStringLiteral("121.0.0.1"), QStringLiteral("y"), {}, {}, diversePrompt(k + 500), {}});
            b.add({hour + kHour * 400, QStringLiteral("other"), QStringLiteral("122.0.0.1"), QStringLiteral("z"), {}, {}, diversePrompt(k + 900), {}});
        }
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY(linked(*f, QStringLiteral("syncA"), QStringLiteral("syncB"), QStringLiteral("sync")));
        QVERIFY(!linked(*f, QStringLiteral("syncA"), QStringLiteral("other"), QStringLiteral("sync")));
    }

    // A planted campaign among hard negatives: only the campaign is flagged, and the negatives
    // carry reasons that say why their strong signal was not enough.
    void campaignFlaggedHardNegativesNot() {
        QTemporaryDir dir;
        CaseBuilder b;
        int seq = 0;
        // Campaign: 15 accounts created within an hour, behind two /24s, 24x7, templated CoT coding.
        for (int a = 0; a < 15; ++a)
            for (int64_t t = kStart + a * 137000; t < kStart + 8 * kDay; t += 45 * 60000)
                b.add({t, QStringLiteral("h%1").arg(a), QStringLiteral("45.13.%1.%2").arg(a % 2).arg(10 + a),
                       QStringLiteral("openai-python/1.51.0"), {}, {}, campaignPrompt(seq++), {},
                       kStart - 3 * kDay + a * 200000});
        // Support bots: 3 accounts of one company, 24x7, templated support prompts.
        for (int a = 0; a < 3; ++a)
            for (int64_t t = kStart + a * 91000; t < kStart + 8 * kDay; t += 20 * 60000)
                b.add({t, QStringLiteral("support%1").arg(a), QStringLiteral("34.120.5.%1").arg(a),
                       QStringLiteral("acme-helpdesk/2.1"), QStringLiteral("org-acme"), QStringLiteral("card-acme"),
                       QStringLiteral("You are the support assistant for Acme. Customer message: my order %1 has not "
                                      "arrived yet and I would like a refund or a replacement please")
                           .arg(seq++),
                       {}, kStart - 400 * kDay});
        // Classroom: 20 students signed up together on the university network, daytime homework.
        for (int a = 0; a < 20; ++a)
            for (int d = 0; d < 5; ++d)
                for (int k = 0; k < 8; ++k)
                    b.add({kStart + d * kDay + (9 + k) * kHour + a * 60000, QStringLiteral("student%1").arg(a),
                           QStringLiteral("129.97.4.%1").arg(a), QStringLiteral("Mozilla/5.0"), QStringLiteral("org-uni"), {},
                           diversePrompt(seq++), {}, kStart - 1 * kDay + a * 120000});
        // Benchmark run: one account, a burst of templated exam questions asking to think step by step.
        for (int k = 0; k < 300; ++k)
            b.add({kStart + 2 * kDay + k * 20000, QStringLiteral("bench"), QStringLiteral("18.0.0.5"),
                   QStringLiteral("lm-eval/0.4"), {}, {},
                   QStringLiteral("Question %1: A train leaves at 3 pm and travels 60 km per hour. How far has it gone "
                                  "by 5 pm? Let's think step by step.")
                       .arg(k),
                   {}, kStart - 200 * kDay});
        auto f = b.build(dir.path());
        QVERIFY(f);
        for (int a = 0; a < 15; ++a) QVERIFY2(flagged(*f, QStringLiteral("h%1").arg(a)), qPrintable(QStringLiteral("h%1").arg(a)));
        const int c = clusterOf(*f, QStringLiteral("h0"));
        QVERIFY(c >= 0);
        for (int a = 1; a < 15; ++a) QCOMPARE(clusterOf(*f, QStringLiteral("h%1").arg(a)), c);
        for (int a = 0; a < 3; ++a) QVERIFY(!flagged(*f, QStringLiteral("support%1").arg(a)));
        for (int a = 0; a < 20; ++a) QVERIFY(!flagged(*f, QStringLiteral("student%1").arg(a)));
        QVERIFY(!flagged(*f, QStringLiteral("bench")));
        // Reasons carry numbers an analyst can read out.
        const QJsonArray clusters = analysisstore::clusters(f->db());
        QJsonObject campaign;
        for (const auto& v : clusters)
            if (v.toObject().value(QStringLiteral("id")).toInt() == c) campaign = v.toObject();
        QCOMPARE(campaign.value(QStringLiteral("flagged")).toBool(), true);
        QCOMPARE(campaign.value(QStringLiteral("size")).toInt(), 15);
        const QString reasons = QString::fromUtf8(QJsonDocument(campaign.value(QStringLiteral("reasons")).toArray()).toJson());
        QVERIFY2(reasons.contains(QStringLiteral("step-by-step reasoning")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("near-duplicate prompts")), qPrintable(reasons));
        // The classroom is coordinated (burst, subnet, organisation) yet not flagged, and says why.
        const int room = clusterOf(*f, QStringLiteral("student0"));
        QVERIFY(room >= 0);
        for (const auto& v : clusters) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("id")).toInt() != room) continue;
            QCOMPARE(o.value(QStringLiteral("flagged")).toBool(), false);
            const QString why = QString::fromUtf8(QJsonDocument(o.value(QStringLiteral("reasons")).toArray()).toJson());
            QVERIFY2(why.contains(QStringLiteral("not flagged")) && why.contains(QStringLiteral("human daily rhythm")), qPrintable(why));
        }
        const QString supportWhy = reasonsOf(*f, QStringLiteral("support0")).join(QLatin1Char(' '));
        QVERIFY2(supportWhy.contains(QStringLiteral("round the clock")), qPrintable(supportWhy));
    }

    void reanalysisReplacesResults() {
        QTemporaryDir dir;
        CaseBuilder b;
        for (int i = 0; i < 50; ++i)
            b.add({kStart + i * kHour, QStringLiteral("solo"), QStringLiteral("1.2.3.4"), QStringLiteral("x"), {}, {}, diversePrompt(i), {}});
        auto f = b.build(dir.path());
        QVERIFY(f);
        AnalysisSummary s;
        QString error;
        QVERIFY(analyzeCase(*f, AnalysisOptions(), s, &error));
        QCOMPARE(sql::queryInt(f->db(), "SELECT count(*) FROM analysis_runs"), int64_t(1));
        QCOMPARE(sql::queryInt(f->db(), "SELECT count(*) FROM account_features"), int64_t(1));
        QCOMPARE(sql::queryInt(f->db(), "SELECT count(*) FROM request_topics"), int64_t(50));
        // Cancelled analysis keeps the previous one.
        std::atomic<bool> cancel{true};
        AnalysisOptions o;
        o.cancel = &cancel;
        QVERIFY(!analyzeCase(*f, o, s, &error));
        QCOMPARE(sql::queryInt(f->db(), "SELECT count(*) FROM request_topics"), int64_t(50));
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
