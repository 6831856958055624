// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence that adds up (issue: detection that holds on data it was never tuned to), on small
// hand-built cases with known answers: a human-paced ring, a campaign core inside a mixed
// community, stock phrasing that must link nobody, a reseller mixing harvest into real traffic,
// and prompt-less logs.
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "analysistestutil.h"
#include "store/sqlite.h"

using namespace quarry;
using namespace quarry::test;

namespace {

// Deterministic small random numbers, so each case is the same on every run.
struct Dice {
    uint64_t x;
    explicit Dice(uint64_t seed) : x(seed * 0x9E3779B97F4A7C15ULL + 1) {}
    uint32_t next() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return static_cast<uint32_t>(x >> 16);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<uint32_t>(n)); }
};

bool isWeekday(int day) { return (day + 1) % 7 < 5; }  // kStart is a Tuesday

// A person at work: weekdays, `from`-`to` UTC, a few requests an hour, varied prompts.
void addOfficeWorker(CaseBuilder& b, const QString& id, const QString& ip, const QString& ua, int firstDay, int lastDay,
                     int from, int to, Dice& dice, int& seq) {
    for (int d = firstDay; d <= lastDay; ++d) {
        if (!isWeekday(d) || dice.below(10) == 0) continue;
        for (int h = from; h < to; ++h)
            for (int k = dice.below(4); k > 0; --k)
                b.add({kStart + d * kDay + h * kHour + dice.below(3600) * 1000LL, id, ip, ua, {}, {}, diversePrompt(seq++)});
    }
}

QString popularSdk() { return QStringLiteral("OpenAI/Python 1.51.0"); }
QString residentialIp(Dice& dice) {
    return QStringLiteral("%1.%2.%3.%4").arg(60 + dice.below(120)).arg(dice.below(250)).arg(dice.below(250)).arg(1 + dice.below(250));
}

// A human-paced ring on a residential proxy pool, prompt-less: twelve accounts on the weekdays
// of days 2-20, office hours, a fresh address for every request, long completions. Returns the
// /24 of its first request's address.
QString addProxyPoolRing(CaseBuilder& b, Dice& dice) {
    QString firstSubnet;
    for (int a = 0; a < 12; ++a)
        for (int d = 2; d <= 20; ++d) {
            if (!isWeekday(d)) continue;
            for (int h = 9; h < 17; ++h)
                for (int k = 1 + dice.below(2); k > 0; --k) {
                    Req r{kStart + d * kDay + h * kHour + dice.below(3600) * 1000LL,
                          QStringLiteral("ring%1").arg(a),
                          residentialIp(dice),
                          popularSdk(),
                          {},
                          {},
                          {}};
                    if (firstSubnet.isEmpty()) firstSubnet = r.ip.section(QLatin1Char('.'), 0, 2);
                    r.promptTokens = 300 + dice.below(40);
                    r.completionTokens = 1400 + dice.below(400);
                    b.add(r);
                }
        }
    return firstSubnet;
}

// Forty people over four weeks, each on a home address, with ordinary prompt and answer sizes.
void addPeopleWithTokens(CaseBuilder& b, Dice& dice) {
    for (int a = 0; a < 40; ++a)
        for (int d = 0; d < 28; ++d)
            for (int k = dice.below(10); k > 0; --k) {
                Req r{kStart + d * kDay + (8 + dice.below(10)) * kHour + dice.below(3600) * 1000LL,
                      QStringLiteral("person%1").arg(a),
                      QStringLiteral("90.%1.%2.4").arg(a).arg(a % 7),
                      popularSdk(),
                      {},
                      {},
                      {}};
                r.promptTokens = 20 + dice.below(400);
                r.completionTokens = 100 + dice.below(500);
                b.add(r);
            }
}

int64_t scalar(CaseFile& f, const char* sql) { return sql::queryInt(f.db(), sql, -1); }

QJsonObject clusterInfo(CaseFile& f, int id) {
    for (const auto& v : analysisstore::clusters(f.db()))
        if (v.toObject().value(QStringLiteral("id")).toInt() == id) return v.toObject();
    return {};
}

}  // namespace

class TestDetection final : public QObject {
    Q_OBJECT
private slots:
    // A careful ring: office hours of one time zone on weekdays, residential proxies, the popular
    // SDK's user agent, a fifth of its prompts ordinary. It still shares templates, asks for the
    // reasoning in most prompts, and starts and stops together. Nothing about it is automated,
    // and it must be caught; the office workers beside it must not.
    void humanPacedRingIsCaught() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(1);
        int seq = 0;
        for (int a = 0; a < 12; ++a)
            for (int d = 3; d <= 17; ++d) {
                if (!isWeekday(d)) continue;
                for (int h = 8; h < 17; ++h)
                    for (int k = 1 + dice.below(3); k > 0; --k)
                        b.add({kStart + d * kDay + h * kHour + dice.below(3600) * 1000LL, QStringLiteral("ring%1").arg(a),
                               residentialIp(dice), popularSdk(), {}, {},
                               dice.below(5) == 0 ? diversePrompt(seq++) : campaignPrompt(seq++)});
            }
        for (int a = 0; a < 40; ++a)
            addOfficeWorker(b, QStringLiteral("office%1").arg(a), QStringLiteral("81.2.%1.%2").arg(a % 4).arg(a), popularSdk(),
                            0, 21, 8, 17, dice, seq);
        auto f = b.build(dir.path());
        QVERIFY(f);
        int caught = 0;
        for (int a = 0; a < 12; ++a) caught += flagged(*f, QStringLiteral("ring%1").arg(a));
        QVERIFY2(caught >= 11, qPrintable(QString::number(caught)));
        for (int a = 0; a < 40; ++a) QVERIFY2(!flagged(*f, QStringLiteral("office%1").arg(a)), qPrintable(QString::number(a)));
        // Harvest carries it, not automation: the ring keeps human hours.
        QVERIFY(feature(*f, QStringLiteral("ring0"), "automation") < 0.5);
        QVERIFY(feature(*f, QStringLiteral("ring0"), "harvest") >= 0.5);
        const int c = clusterOf(*f, QStringLiteral("ring0"));
        for (int a = 1; a < 12; ++a)
            if (flagged(*f, QStringLiteral("ring%1").arg(a))) QCOMPARE(clusterOf(*f, QStringLiteral("ring%1").arg(a)), c);
        const QJsonObject info = clusterInfo(*f, c);
        QVERIFY(info.value(QStringLiteral("families")).toArray().contains(QStringLiteral("harvest")));
        const QString reasons = QString::fromUtf8(QJsonDocument(info.value(QStringLiteral("reasons")).toArray()).toJson());
        QVERIFY2(reasons.contains(QStringLiteral("near-duplicate prompts")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("started and stopped")), qPrintable(reasons));
    }

    // A 24x7 campaign whose proxy subnet is also home to thirty ordinary people: one community
    // in the graph, but the campaign core is judged on its own and nobody else is flagged.
    void campaignCoreInsideMixedCommunity() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(2);
        int seq = 0;
        for (int a = 0; a < 10; ++a)
            for (int64_t t = kStart + a * 97000; t < kStart + 10 * kDay; t += 40 * 60000)
                b.add({t, QStringLiteral("hydra%1").arg(a), QStringLiteral("92.40.7.%1").arg(10 + dice.below(200)),
                       QStringLiteral("python-httpx/0.27"), {}, QStringLiteral("card-%1").arg(a % 3), campaignPrompt(seq++)});
        for (int a = 0; a < 30; ++a)
            addOfficeWorker(b, QStringLiteral("local%1").arg(a), QStringLiteral("92.40.7.%1").arg(10 + a), popularSdk(), 0, 10,
                            9, 18, dice, seq);
        auto f = b.build(dir.path());
        QVERIFY(f);
        const int c = clusterOf(*f, QStringLiteral("hydra0"));
        QVERIFY(c >= 0);
        for (int a = 0; a < 10; ++a) {
            QVERIFY(flagged(*f, QStringLiteral("hydra%1").arg(a)));
            QCOMPARE(clusterOf(*f, QStringLiteral("hydra%1").arg(a)), c);
        }
        for (int a = 0; a < 30; ++a) {
            QVERIFY(!flagged(*f, QStringLiteral("local%1").arg(a)));
            QVERIFY(clusterOf(*f, QStringLiteral("local%1").arg(a)) != c);
        }
        QCOMPARE(clusterInfo(*f, c).value(QStringLiteral("size")).toInt(), 10);
    }

    // Two campaigns with their own templates, cards and subnets, switched on and off on the same
    // days. Starting and stopping together is weak glue next to either's own infrastructure: each
    // is found and flagged as a cluster of its own, not one cluster of both.
    void campaignsStartingTogetherStayApart() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(5);
        int seq = 0;
        auto mathPrompt = [](int i) {
            static const char* const kClaims[] = {"the square root of two is irrational", "there are infinitely many primes",
                                                  "every tree with n nodes has n-1 edges", "the harmonic series diverges"};
            return QStringLiteral("You are a competition mathematician. Prove that %1. Reason step by step and show "
                                  "every intermediate step before the final answer.")
                .arg(QLatin1String(kClaims[i % 4]));
        };
        for (int a = 0; a < 20; ++a) {
            const bool first = a < 10;
            for (int64_t t = kStart + 2 * kDay + a * 61000; t < kStart + 12 * kDay; t += 35 * 60000)
                b.add({t, QStringLiteral("%1%2").arg(first ? QStringLiteral("coder") : QStringLiteral("prover")).arg(a),
                       first ? QStringLiteral("92.40.7.%1").arg(10 + dice.below(200))
                             : QStringLiteral("185.3.9.%1").arg(10 + dice.below(200)),
                       QStringLiteral("python-httpx/0.27"), {},
                       first ? QStringLiteral("card-a%1").arg(a % 3) : QStringLiteral("card-b%1").arg(a % 3),
                       first ? campaignPrompt(seq++) : mathPrompt(seq++)});
        }
        for (int a = 0; a < 60; ++a)
            addOfficeWorker(b, QStringLiteral("office%1").arg(a), QStringLiteral("81.2.%1.%2").arg(a % 8).arg(a), popularSdk(),
                            dice.below(6), 14 + dice.below(8), 8, 17, dice, seq);
        auto f = b.build(dir.path());
        QVERIFY(f);
        const int coders = clusterOf(*f, QStringLiteral("coder0")), provers = clusterOf(*f, QStringLiteral("prover10"));
        QVERIFY(coders >= 0 && provers >= 0);
        QVERIFY2(coders != provers, "two operators merged by starting and stopping on the same days");
        for (int a = 0; a < 20; ++a) {
            const QString id = QStringLiteral("%1%2").arg(a < 10 ? QStringLiteral("coder") : QStringLiteral("prover")).arg(a);
            QVERIFY2(flagged(*f, id), qPrintable(id));
            QCOMPARE(clusterOf(*f, id), a < 10 ? coders : provers);
        }
        for (int a = 0; a < 60; ++a) QVERIFY(!flagged(*f, QStringLiteral("office%1").arg(a)));
    }

    // Case-relative rarity: sixty unrelated people using the same three stock phrasings share
    // band keys everywhere, yet no pair of them is further from chance than any other, so no
    // template link is drawn. Six accounts on one operator's template are (positive control).
    void stockPhrasingLinksNobody() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(3);
        static const char* const kStock[] = {
            "Can you help me write a short and friendly email to my %1 about the %2 next week please",
            "What are some good ideas for a %2 with my %1 this weekend in the city",
            "Please summarize the main points of this article about %2 for my %1 in simple words"};
        static const char* const kWho[] = {"boss", "sister", "team", "landlord", "teacher", "neighbour", "friend", "doctor"};
        static const char* const kWhat[] = {"meeting", "party", "trip", "budget", "garden", "concert", "move", "exam"};
        int seq = 0;
        for (int a = 0; a < 60; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = 0; k < 6; ++k)
                    b.add({kStart + d * kDay + (9 + dice.below(9)) * kHour + dice.below(3600) * 1000LL,
                           QStringLiteral("person%1").arg(a), QStringLiteral("100.%1.%2.%3").arg(a).arg(d).arg(k), popularSdk(), {},
                           {},
                           QString::fromLatin1(kStock[dice.below(3)]).arg(QLatin1String(kWho[dice.below(8)]),
                                                                          QLatin1String(kWhat[dice.below(8)]))});
        for (int a = 0; a < 6; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = 0; k < 6; ++k)
                    b.add({kStart + d * kDay + (9 + dice.below(9)) * kHour + dice.below(3600) * 1000LL, QStringLiteral("op%1").arg(a),
                           QStringLiteral("100.200.%1.%2").arg(d).arg(k), popularSdk(), {}, {}, campaignPrompt(seq++)});
        auto f = b.build(dir.path());
        QVERIFY(f);
        const int64_t stockLinks = scalar(*f,
            "SELECT count(*) FROM links l JOIN accounts x ON x.id = l.a JOIN accounts y ON y.id = l.b "
            "WHERE l.type = 'template' AND x.value LIKE 'person%' AND y.value LIKE 'person%'");
        QCOMPARE(stockLinks, int64_t(0));
        QVERIFY(feature(*f, QStringLiteral("person0"), "shared_template_share") < 0.2);
        QVERIFY(linked(*f, QStringLiteral("op0"), QStringLiteral("op1"), QStringLiteral("template")) ||
                linked(*f, QStringLiteral("op0"), QStringLiteral("op2"), QStringLiteral("template")) ||
                linked(*f, QStringLiteral("op0"), QStringLiteral("op3"), QStringLiteral("template")));
        QVERIFY(feature(*f, QStringLiteral("op0"), "shared_template_share") >= 0.5);
        for (int a = 0; a < 60; ++a) QVERIFY(!flagged(*f, QStringLiteral("person%1").arg(a)));
    }

    // Mixture: a reseller whose traffic is mostly its real customers', with a fifth harvest on a
    // flagged campaign's templates. It is flagged with that share and the requests that carry
    // it; an ordinary account of the same size is not.
    void resellerMixtureIsFlagged() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(4);
        int seq = 0;
        for (int a = 0; a < 10; ++a)
            for (int64_t t = kStart + a * 97000; t < kStart + 10 * kDay; t += 40 * 60000)
                b.add({t, QStringLiteral("hydra%1").arg(a), QStringLiteral("45.13.9.%1").arg(a), QStringLiteral("python-httpx/0.27"),
                       {}, QStringLiteral("card-x"), campaignPrompt(seq++)});
        for (const QString& id : {QStringLiteral("reseller"), QStringLiteral("plain")})
            for (int d = 0; d < 10; ++d)
                for (int k = 0; k < 50; ++k) {
                    const bool harvest = id == QLatin1String("reseller") && dice.below(5) == 0;
                    b.add({kStart + d * kDay + (6 + dice.below(16)) * kHour + dice.below(3600) * 1000LL, id,
                           QStringLiteral("77.%1.%2.%3").arg(id.size()).arg(d).arg(k), popularSdk(), {}, {},
                           harvest ? campaignPrompt(seq++) : diversePrompt(seq++)});
                }
        for (int a = 0; a < 30; ++a)
            addOfficeWorker(b, QStringLiteral("office%1").arg(a), QStringLiteral("81.3.0.%1").arg(a), popularSdk(), 0, 10, 8, 17,
                            dice, seq);
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY(flagged(*f, QStringLiteral("hydra0")));
        QVERIFY(flagged(*f, QStringLiteral("reseller")));
        const double share = feature(*f, QStringLiteral("reseller"), "mixture_share");
        QVERIFY2(share >= 0.08 && share <= 0.3, qPrintable(QString::number(share)));
        QVERIFY(reasonsOf(*f, QStringLiteral("reseller")).join(QLatin1Char(' ')).contains(QStringLiteral("mixed traffic")));
        const int64_t carried = scalar(*f, "SELECT count(*) FROM harvest_requests h JOIN accounts a ON a.id = h.account_id "
                                           "WHERE a.value = 'reseller'");
        QVERIFY2(carried >= 40, qPrintable(QString::number(carried)));
        // Every request it names is one of the harvest prompts.
        QCOMPARE(scalar(*f, "SELECT count(*) FROM harvest_requests h JOIN request_text t ON t.id = h.id "
                            "WHERE t.prompt NOT LIKE 'You are an expert software engineer%'"),
                 int64_t(0));
        QVERIFY(!flagged(*f, QStringLiteral("plain")));
        QVERIFY(feature(*f, QStringLiteral("plain"), "mixture_share") < 0.03);
    }

    // An operator may use a popular tool's template beside its own. The crowd of developers who
    // use that tool template makes it public, but must not hide a reseller that carries the
    // operator's own template too: the crowd is judged per template, not per cluster.
    void resellerBesideAPublicToolTemplateIsFlagged() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(7);
        int seq = 0;
        auto toolPrompt = [](int i) {
            static const char* const kFiles[] = {"parser.cpp", "router.go", "billing.py",
                                                 "auth.ts",    "cache.rs",  "queue.java"};
            return QStringLiteral(
                       "You are a coding assistant inside the editor. Open %1, refactor the "
                       "function under the "
                       "cursor for readability and list each change you made as a bullet.")
                .arg(QLatin1String(kFiles[i % 6]));
        };
        for (int a = 0; a < 12; ++a)
            for (int64_t t = kStart + a * 97000; t < kStart + 10 * kDay; t += 40 * 60000)
                b.add({t,
                       QStringLiteral("hydra%1").arg(a),
                       QStringLiteral("45.13.9.%1").arg(a),
                       QStringLiteral("python-httpx/0.27"),
                       {},
                       QStringLiteral("card-x"),
                       dice.below(4) ? campaignPrompt(seq++) : toolPrompt(seq++)});
        // Ten developers (more than a quarter of the operator's twelve) use the tool template
        // for a tenth of their prompts.
        for (int a = 0; a < 10; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = 0; k < 40; ++k)
                    b.add({kStart + d * kDay + (8 + dice.below(10)) * kHour +
                               dice.below(3600) * 1000LL,
                           QStringLiteral("dev%1").arg(a),
                           QStringLiteral("88.%1.%2.%3").arg(a).arg(d).arg(k),
                           popularSdk(),
                           {},
                           {},
                           dice.below(10) == 0 ? toolPrompt(seq++) : diversePrompt(seq++)});
        for (int d = 0; d < 10; ++d)
            for (int k = 0; k < 50; ++k) {
                const int roll = dice.below(10);  // a fifth harvest, half on each template
                b.add({kStart + d * kDay + (6 + dice.below(16)) * kHour + dice.below(3600) * 1000LL,
                       QStringLiteral("reseller"),
                       QStringLiteral("77.9.%1.%2").arg(d).arg(k),
                       popularSdk(),
                       {},
                       {},
                       roll == 0   ? campaignPrompt(seq++)
                       : roll == 1 ? toolPrompt(seq++)
                                   : diversePrompt(seq++)});
            }
        for (int a = 0; a < 30; ++a)
            addOfficeWorker(b, QStringLiteral("office%1").arg(a),
                            QStringLiteral("81.3.0.%1").arg(a), popularSdk(), 0, 10, 8, 17, dice,
                            seq);
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY2(flagged(*f, QStringLiteral("hydra0")),
                 qPrintable(reasonsOf(*f, QStringLiteral("hydra0")).join(QLatin1Char('|'))));
        QVERIFY2(flagged(*f, QStringLiteral("reseller")),
                 qPrintable(reasonsOf(*f, QStringLiteral("reseller")).join(QLatin1Char('|'))));
        for (int a = 0; a < 10; ++a) QVERIFY(!flagged(*f, QStringLiteral("dev%1").arg(a)));
        // Only the operator's own template counts as the reseller's harvest: about a tenth.
        const double share = feature(*f, QStringLiteral("reseller"), "mixture_share");
        QVERIFY2(share >= 0.05 && share <= 0.16, qPrintable(QString::number(share)));
        QCOMPARE(
            scalar(*f,
                   "SELECT count(*) FROM harvest_requests h JOIN request_text t ON t.id = h.id "
                   "WHERE t.prompt NOT LIKE 'You are an expert software engineer%'"),
            int64_t(0));
    }

    // A ring on a residential proxy pool takes a fresh address for every request, so one of them
    // falls in the subnet of someone's office by chance. That shared subnet is one of the ring
    // member's hundreds and must not pull the office account into the ring: a researcher with
    // long answers (the same harvest shape, prompt-less logs) stays out of it and unflagged.
    void chanceSubnetOfAProxyPoolJoinsNobody() {
        QTemporaryDir dir;
        CaseBuilder b;
        b.withPrompts = false;
        Dice dice(11);
        const QString sharedSubnet = addProxyPoolRing(b, dice);
        for (int d = 0; d < 28; ++d)
            for (int k = 5 + dice.below(20); k > 0; --k) {
                Req r{kStart + d * kDay + (8 + dice.below(12)) * kHour + dice.below(3600) * 1000LL,
                      QStringLiteral("researcher"),
                      sharedSubnet + QStringLiteral(".77"),
                      QStringLiteral("curl/8.5.0"),
                      {},
                      {},
                      {}};
                r.promptTokens = 50 + dice.below(800);
                r.completionTokens = 1000 + dice.below(900);
                b.add(r);
            }
        addPeopleWithTokens(b, dice);
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY2(flagged(*f, QStringLiteral("ring0")),
                 qPrintable(reasonsOf(*f, QStringLiteral("ring0")).join(QLatin1Char('|'))));
        QVERIFY2(!flagged(*f, QStringLiteral("researcher")),
                 qPrintable(reasonsOf(*f, QStringLiteral("researcher")).join(QLatin1Char('|'))));
        QVERIFY(clusterOf(*f, QStringLiteral("researcher")) !=
                clusterOf(*f, QStringLiteral("ring0")));
    }

    // Starting and stopping together marks a lifetime only for an account seen on most days of
    // its span. A student seen on 5 days of 19, the first and last of them the ring's, with long
    // answers of its own, is not a member of the ring (prompt-less logs).
    void sparseAccountOnARingsDaysIsNotAMember() {
        QTemporaryDir dir;
        CaseBuilder b;
        b.withPrompts = false;
        Dice dice(17);
        addProxyPoolRing(b, dice);
        for (int d : {2, 6, 9, 14, 20})
            for (int k = 0; k < 9; ++k) {
                Req r{kStart + d * kDay + (10 + dice.below(8)) * kHour + dice.below(3600) * 1000LL,
                      QStringLiteral("student"),
                      QStringLiteral("129.97.1.9"),
                      popularSdk(),
                      {},
                      {},
                      {}};
                r.promptTokens = 200 + dice.below(60);
                r.completionTokens = 1200 + dice.below(500);
                b.add(r);
            }
        addPeopleWithTokens(b, dice);
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY2(flagged(*f, QStringLiteral("ring0")),
                 qPrintable(reasonsOf(*f, QStringLiteral("ring0")).join(QLatin1Char('|'))));
        QVERIFY2(!flagged(*f, QStringLiteral("student")),
                 qPrintable(reasonsOf(*f, QStringLiteral("student")).join(QLatin1Char('|'))));
    }

    // A new account on the network's card and address, with too little history to judge, is
    // flagged with it; fifteen students behind a campus address that one network account also
    // used once are not, and none of them passes the tie on to the next.
    void successorsComeFromTheClusterNotFromACrowd() {
        QTemporaryDir dir;
        CaseBuilder b;
        b.withPrompts = false;
        Dice dice(13);
        const QString campus = QStringLiteral("129.97.0.5");
        for (int a = 0; a < 12; ++a)
            for (int64_t t = kStart + a * 97000; t < kStart + 10 * kDay; t += 45 * 60000) {
                const bool away =
                    a == 0 && dice.below(40) == 0;  // hydra0 once in a while through the campus
                Req r{t,
                      QStringLiteral("hydra%1").arg(a),
                      away ? campus : QStringLiteral("45.13.%1.%2").arg(a % 2).arg(10 + a),
                      QStringLiteral("python-httpx/0.27"),
                      {},
                      QStringLiteral("card-%1").arg(a % 3),
                      {}};
                r.promptTokens = 180 + dice.below(20);
                r.completionTokens = 1800 + dice.below(600);
                b.add(r);
            }
        for (int k = 0; k < 12; ++k) {
            Req r{kStart + 8 * kDay + k * 40 * 60000LL,
                  QStringLiteral("recruit"),
                  QStringLiteral("45.13.1.11"),
                  QStringLiteral("python-httpx/0.27"),
                  {},
                  QStringLiteral("card-1"),
                  {}};
            r.promptTokens = 185;
            r.completionTokens = 2000 + dice.below(300);
            b.add(r);
        }
        for (int a = 0; a < 15; ++a)
            for (int k = 3 + dice.below(6); k > 0; --k) {
                Req r{kStart + (2 + a % 7) * kDay + (9 + dice.below(8)) * kHour +
                          dice.below(3600) * 1000LL,
                      QStringLiteral("student%1").arg(a),
                      campus,
                      popularSdk(),
                      {},
                      {},
                      {}};
                r.promptTokens = 40 + dice.below(300);
                r.completionTokens = 300 + dice.below(900);
                b.add(r);
            }
        for (int a = 0; a < 40; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = dice.below(12); k > 0; --k) {
                    Req r{kStart + d * kDay + (8 + dice.below(10)) * kHour +
                              dice.below(3600) * 1000LL,
                          QStringLiteral("user%1").arg(a),
                          QStringLiteral("88.%1.1.%2").arg(a).arg(d),
                          popularSdk(),
                          {},
                          {},
                          {}};
                    r.promptTokens = 20 + dice.below(800);
                    r.completionTokens = 100 + dice.below(700);
                    b.add(r);
                }
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY(flagged(*f, QStringLiteral("hydra0")));
        QVERIFY2(flagged(*f, QStringLiteral("recruit")),
                 qPrintable(reasonsOf(*f, QStringLiteral("recruit")).join(QLatin1Char('|'))));
        QCOMPARE(clusterOf(*f, QStringLiteral("recruit")), clusterOf(*f, QStringLiteral("hydra1")));
        int students = 0;
        for (int a = 0; a < 15; ++a) students += flagged(*f, QStringLiteral("student%1").arg(a));
        QCOMPARE(students, 0);
    }

    // Prompt-less logs: a round-the-clock network tied by payments and one subnet that asks for
    // long answers is caught from metadata alone; a company's support bots (round the clock,
    // one card, one subnet, ordinary answers) are not; and the analysis says what it lacked.
    // Without prompt text and without long completions, harvest cannot be read at all. An
    // automated fleet paying with a pool of cards, each card funding several of its accounts, is
    // still an operator spreading itself over accounts; a company's automated accounts on its one
    // card are not.
    void pooledCardsFleetWithoutPrompts() {
        QTemporaryDir dir;
        CaseBuilder b;
        b.withPrompts = false;
        Dice dice(8);
        // cards(k): the card paying for the k-th request (an operator rotates through its pool).
        auto automated = [&](const QString& id, const QString& ip, const QString& ua, const QString& org,
                             const std::function<QString(int)>& cards, int offset) {
            int k = 0;
            for (int64_t t = kStart + offset * 89000LL; t < kStart + 10 * kDay; t += 40 * 60000) {
                Req r{t, id, ip, ua, org, cards(k++), {}};
                r.promptTokens = 100 + dice.below(600);
                r.completionTokens = 200 + dice.below(500);
                b.add(r);
            }
        };
        for (int a = 0; a < 12; ++a)
            automated(QStringLiteral("fleet%1").arg(a), residentialIp(dice), QStringLiteral("python-httpx/0.27"), {},
                      [a](int k) { return QStringLiteral("pool-card-%1").arg((a + k % 2) % 4); }, a);
        for (int a = 0; a < 12; ++a)
            automated(QStringLiteral("service%1").arg(a), QStringLiteral("34.120.9.%1").arg(10 + a),
                      QStringLiteral("acme-sync/3.0"), QStringLiteral("org-acme"), [](int) { return QStringLiteral("card-acme"); }, a);
        for (int a = 0; a < 40; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = dice.below(12); k > 0; --k) {
                    Req r{kStart + d * kDay + (8 + dice.below(10)) * kHour + dice.below(3600) * 1000LL,
                          QStringLiteral("user%1").arg(a), QStringLiteral("88.%1.1.%2").arg(a).arg(d), popularSdk(), {}, {}, {}};
                    r.promptTokens = 20 + dice.below(800);
                    r.completionTokens = 100 + dice.below(700);
                    b.add(r);
                }
        auto f = b.build(dir.path());
        QVERIFY(f);
        int caught = 0;
        for (int a = 0; a < 12; ++a) caught += flagged(*f, QStringLiteral("fleet%1").arg(a));
        const QJsonObject info = clusterInfo(*f, clusterOf(*f, QStringLiteral("fleet0")));
        QVERIFY2(caught >= 11, qPrintable(QString::number(caught) + QString::fromUtf8(QJsonDocument(info).toJson()) + reasonsOf(*f, QStringLiteral("fleet0")).join(QLatin1Char('\n'))));
        const QString reasons = QString::fromUtf8(QJsonDocument(info.value(QStringLiteral("reasons")).toArray()).toJson());
        QVERIFY2(reasons.contains(QStringLiteral("pool of")), qPrintable(reasons));
        for (int a = 0; a < 12; ++a) QVERIFY2(!flagged(*f, QStringLiteral("service%1").arg(a)), qPrintable(QString::number(a)));
        for (int a = 0; a < 40; ++a) QVERIFY(!flagged(*f, QStringLiteral("user%1").arg(a)));
    }

    void metadataOnlyCatchesHydraNotBots() {
        QTemporaryDir dir;
        CaseBuilder b;
        b.withPrompts = false;
        Dice dice(5);
        for (int a = 0; a < 12; ++a)
            for (int64_t t = kStart + a * 97000; t < kStart + 10 * kDay; t += 45 * 60000) {
                Req r{t, QStringLiteral("hydra%1").arg(a), QStringLiteral("45.13.%1.%2").arg(a % 2).arg(10 + a),
                      QStringLiteral("python-httpx/0.27"), {}, QStringLiteral("card-%1").arg(a % 3), {}};
                r.promptTokens = 180 + dice.below(20);
                r.completionTokens = 1800 + dice.below(600);
                b.add(r);
            }
        for (int a = 0; a < 6; ++a)
            for (int64_t t = kStart + a * 91000; t < kStart + 10 * kDay; t += 20 * 60000) {
                Req r{t, QStringLiteral("support%1").arg(a), QStringLiteral("34.120.5.%1").arg(a), QStringLiteral("acme-helpdesk/2.1"),
                      QStringLiteral("org-acme"), QStringLiteral("card-acme"), {}};
                r.promptTokens = 300 + dice.below(200);
                r.completionTokens = 150 + dice.below(250);
                b.add(r);
            }
        for (int a = 0; a < 40; ++a)
            for (int d = 0; d < 10; ++d)
                for (int k = dice.below(12); k > 0; --k) {
                    Req r{kStart + d * kDay + (8 + dice.below(10)) * kHour + dice.below(3600) * 1000LL, QStringLiteral("user%1").arg(a),
                          QStringLiteral("88.%1.1.%2").arg(a).arg(d), popularSdk(), {}, {}, {}};
                    r.promptTokens = 20 + dice.below(800);
                    r.completionTokens = 100 + dice.below(700);
                    b.add(r);
                }
        auto f = b.build(dir.path());
        QVERIFY(f);
        for (int a = 0; a < 12; ++a) QVERIFY2(flagged(*f, QStringLiteral("hydra%1").arg(a)), qPrintable(QString::number(a)));
        for (int a = 0; a < 6; ++a) QVERIFY(!flagged(*f, QStringLiteral("support%1").arg(a)));
        for (int a = 0; a < 40; ++a) QVERIFY(!flagged(*f, QStringLiteral("user%1").arg(a)));
        QVERIFY(b.summary.unavailable.join(QLatin1Char(' ')).contains(QStringLiteral("prompt text")));
        const QJsonObject info = clusterInfo(*f, clusterOf(*f, QStringLiteral("hydra0")));
        const QString reasons = QString::fromUtf8(QJsonDocument(info.value(QStringLiteral("reasons")).toArray()).toJson());
        QVERIFY2(reasons.contains(QStringLiteral("not in these logs: prompt text")), qPrintable(reasons));
        QVERIFY(reasonsOf(*f, QStringLiteral("hydra0")).join(QLatin1Char(' ')).contains(QStringLiteral("long completions")));
        // The support bots automate and share a card, which is one family and coordination: their
        // cluster says why it is clear.
        const QJsonObject bots = clusterInfo(*f, clusterOf(*f, QStringLiteral("support0")));
        QCOMPARE(bots.value(QStringLiteral("flagged")).toBool(), false);
    }
    // Each family is measured on its own: a round-the-clock client automates, a person asking for
    // the reasoning in most prompts harvests, a fresh account that jumps to a new model within
    // hours of its release shows lifecycle evidence, and a benchmark run's bursts do not count
    // as a paced harvest.
    void eachFamilyOnItsOwn() {
        QTemporaryDir dir;
        CaseBuilder b;
        Dice dice(6);
        int seq = 0;
        const int64_t release = kStart + 6 * kDay + 10 * kHour;
        auto model = [&](int64_t t, bool early) {
            return t >= release + (early ? 2 * kHour : 3 * kDay) ? QStringLiteral("model-b") : QStringLiteral("model-a");
        };
        for (int64_t t = kStart; t < kStart + 12 * kDay; t += 30 * 60000)
            b.add({t, QStringLiteral("clock"), QStringLiteral("50.1.1.1"), QStringLiteral("svc/1.0"), {}, {}, diversePrompt(seq++),
                   model(t, false)});
        for (int d = 0; d < 12; ++d)
            for (int k = 0; k < 20; ++k) {
                const int64_t t = kStart + d * kDay + (9 + dice.below(8)) * kHour + dice.below(3600) * 1000LL;
                b.add({t, QStringLiteral("reasoner"), QStringLiteral("50.1.1.2"), popularSdk(), {}, {},
                       dice.below(10) < 8 ? campaignPrompt(seq++) : diversePrompt(seq++), model(t, false)});
            }
        for (int d = 4; d < 12; ++d)
            for (int k = 0; k < 30; ++k) {
                const int64_t t = kStart + d * kDay + (9 + dice.below(8)) * kHour + dice.below(3600) * 1000LL;
                b.add({t, QStringLiteral("pivoter"), QStringLiteral("50.1.1.3"), popularSdk(), {}, {}, diversePrompt(seq++),
                       model(t, true), kStart + 3 * kDay});
            }
        for (int burst : {1, 5, 9})
            for (int k = 0; k < 400; ++k)
                b.add({kStart + burst * kDay + 14 * kHour + k * 9000LL, QStringLiteral("bench"), QStringLiteral("50.1.1.4"),
                       QStringLiteral("lm-eval/0.4"), {}, {},
                       QStringLiteral("Question %1: how many apples remain if %2 are eaten? Let's think step by step.").arg(k).arg(k % 7),
                       model(kStart + burst * kDay, false)});
        for (int a = 0; a < 30; ++a)
            for (int d = 0; d < 12; ++d)
                for (int k = dice.below(6); k > 0; --k) {
                    const int64_t t = kStart + d * kDay + (8 + dice.below(10)) * kHour + dice.below(3600) * 1000LL;
                    b.add({t, QStringLiteral("user%1").arg(a), QStringLiteral("60.1.%1.1").arg(a), popularSdk(), {}, {},
                           diversePrompt(seq++), model(t, false)});
                }
        auto f = b.build(dir.path());
        QVERIFY(f);
        QVERIFY(feature(*f, QStringLiteral("clock"), "automation") >= 0.5);
        QVERIFY(feature(*f, QStringLiteral("clock"), "harvest") < 0.5);
        QVERIFY(feature(*f, QStringLiteral("reasoner"), "harvest") >= 0.5);
        QVERIFY(feature(*f, QStringLiteral("reasoner"), "automation") < 0.5);
        QVERIFY(feature(*f, QStringLiteral("pivoter"), "lifecycle") >= 0.5);
        QVERIFY(feature(*f, QStringLiteral("pivoter"), "harvest") < 0.5);
        QVERIFY(feature(*f, QStringLiteral("bench"), "harvest") < 0.5);
        QVERIFY(reasonsOf(*f, QStringLiteral("bench")).join(QLatin1Char(' ')).contains(QStringLiteral("bursts")));
        // One family alone flags nobody.
        for (const char* id : {"clock", "reasoner", "pivoter", "bench"}) QVERIFY2(!flagged(*f, QLatin1String(id)), id);
    }
};

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"
