// SPDX-License-Identifier: GPL-3.0-or-later
// quarry-cli generate, tested through the real program on a small configuration.
#include <QtTest>

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <map>
#include <set>

#include "core/fields.h"
#include "gentestutil.h"
#include "testutil.h"

using namespace quarry;
using quarry::test::parseCsv;
using quarry::test::readAll;
using quarry::test::runCli;

namespace {

const QStringList kSmall = {QStringLiteral("--accounts"), QStringLiteral("300"),
                            QStringLiteral("--days"), QStringLiteral("5"),
                            QStringLiteral("--campaigns"), QStringLiteral("2"),
                            QStringLiteral("--campaign-accounts"), QStringLiteral("60")};

const qint64 kStartMs = 1788220800000;  // 2026-09-01T00:00:00Z
const qint64 kDayMs = 86400000;

}  // namespace

class TestGenerator final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QString dirA_;
    QList<QList<QByteArray>> rows_;                 // requests.csv without the header
    QByteArray header_;
    std::map<QByteArray, QList<QByteArray>> truth_;  // account_id -> truth record

    QString generate(const QString& name, QStringList extra) {
        const QString dir = tmp_.filePath(name);
        extra << QStringLiteral("--out") << dir;
        const auto r = runCli(QStringList{QStringLiteral("generate")} + kSmall + extra);
        if (r.exitCode != 0) qWarning("generate failed: %s", r.err.constData());
        return r.exitCode == 0 ? dir : QString();
    }

    int col(Field f) const { return index(f); }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dirA_ = generate(QStringLiteral("a"), {QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY(!dirA_.isEmpty());
        QList<QList<QByteArray>> records;
        QVERIFY2(parseCsv(readAll(dirA_ + QStringLiteral("/requests.csv")), records),
                 "requests.csv is not valid RFC 4180");
        QVERIFY(records.size() > 1000);
        header_ = records.first().join(',');
        rows_ = records.mid(1);
        QList<QList<QByteArray>> truth;
        QVERIFY(parseCsv(readAll(dirA_ + QStringLiteral("/truth.csv")), truth));
        QCOMPARE(truth.first().join(','),
                 QByteArray("account_id,label,campaign,kind,style,harvest_share"));
        for (const auto& t : truth.mid(1)) {
            QCOMPARE(t.size(), 6);
            // Without --styles every campaign is a hydra and owns all of its accounts' traffic.
            QCOMPARE(t[4], QByteArray(t[1] == "campaign" ? "hydra" : ""));
            QCOMPARE(t[5], QByteArray(t[1] == "campaign" ? "1" : "0"));
            QVERIFY2(truth_.emplace(t[0], t).second, "account listed twice in truth.csv");
        }
    }

    void sameSeedSameBytes() {
        const QString b = generate(QStringLiteral("b"), {QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY(!b.isEmpty());
        QVERIFY(readAll(dirA_ + QStringLiteral("/requests.csv")) == readAll(b + QStringLiteral("/requests.csv")));
        QVERIFY(readAll(dirA_ + QStringLiteral("/truth.csv")) == readAll(b + QStringLiteral("/truth.csv")));
    }

    void differentSeedDifferentData() {
        const QString c = generate(QStringLiteral("c"), {QStringLiteral("--seed"), QStringLiteral("8")});
        QVERIFY(!c.isEmpty());
        QVERIFY(readAll(dirA_ + QStringLiteral("/requests.csv")) != readAll(c + QStringLiteral("/requests.csv")));
        QVERIFY(readAll(dirA_ + QStringLiteral("/truth.csv")) != readAll(c + QStringLiteral("/truth.csv")));
    }

    void headerIsCanonical() {
        QByteArray expected;
        for (int i = 0; i < kFieldCount; ++i) {
            if (i) expected += ',';
            expected += QByteArray(fieldName(static_cast<Field>(i)).data(),
                                   static_cast<qsizetype>(fieldName(static_cast<Field>(i)).size()));
        }
        QCOMPARE(header_, expected);
        QCOMPARE(header_, QByteArray("request_id,timestamp,account_id,api_key_id,organization_id,ip,"
                                     "user_agent,model,endpoint,prompt_tokens,completion_tokens,"
                                     "status_code,latency_ms,prompt,account_created_at,"
                                     "payment_fingerprint,country,topic"));
    }

    void rowsAreWellFormedAndSorted() {
        static const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
        static const QRegularExpression ipv4(QStringLiteral("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$"));
        qint64 last = kStartMs;
        std::set<QByteArray> ids;
        for (const auto& r : rows_) {
            QCOMPARE(r.size(), kFieldCount);
            const QString ts = QString::fromUtf8(r[col(Field::Timestamp)]);
            QVERIFY2(iso.match(ts).hasMatch(), qPrintable(ts));
            QVERIFY(iso.match(QString::fromUtf8(r[col(Field::AccountCreatedAt)])).hasMatch());
            const qint64 ms = QDateTime::fromString(ts, Qt::ISODateWithMs).toMSecsSinceEpoch();
            QVERIFY2(ms >= last, qPrintable(ts));
            QVERIFY(ms < kStartMs + 5 * kDayMs);
            last = ms;
            QVERIFY(r[col(Field::Topic)].isEmpty());
            QVERIFY(ids.insert(r[col(Field::RequestId)]).second);
            QVERIFY(ipv4.match(QString::fromUtf8(r[col(Field::Ip)])).hasMatch());
            bool ok = false;
            const int status = r[col(Field::StatusCode)].toInt(&ok);
            QVERIFY(ok && status >= 200 && status < 600);
            QVERIFY(r[col(Field::PromptTokens)].toInt(&ok) > 0 && ok);
            QVERIFY(r[col(Field::CompletionTokens)].toInt(&ok) >= 0 && ok);
            QVERIFY(!r[col(Field::Prompt)].isEmpty());
            QVERIFY(!r[col(Field::AccountId)].isEmpty());
        }
    }

    void promptsExerciseCsvQuoting() {
        int comma = 0, quote = 0, newline = 0, nonAscii = 0;
        for (const auto& r : rows_) {
            const QByteArray& p = r[col(Field::Prompt)];
            comma += p.contains(',');
            quote += p.contains('"');
            newline += p.contains('\n');
            nonAscii += std::any_of(p.begin(), p.end(), [](char c) { return c & 0x80; });
        }
        QVERIFY(comma > 100);
        QVERIFY(quote > 100);
        QVERIFY(newline > 100);
        QVERIFY(nonAscii > 5);
    }

    void truthMatchesRequests() {
        std::set<QByteArray> seen;
        for (const auto& r : rows_) seen.insert(r[col(Field::AccountId)]);
        std::set<QByteArray> listed;
        for (const auto& [id, t] : truth_) listed.insert(id);
        QCOMPARE(seen.size(), listed.size());
        QVERIFY(seen == listed);
    }

    void labelsAndKinds() {
        std::map<QByteArray, int> labels, kinds;
        std::set<QByteArray> campaigns;
        for (const auto& [id, t] : truth_) {
            ++labels[t[1]];
            ++kinds[t[3]];
            if (t[1] == "campaign") {
                QVERIFY(!t[2].isEmpty());
                campaigns.insert(t[2]);
            } else {
                QVERIFY(t[2].isEmpty());
            }
        }
        QCOMPARE(labels["campaign"], 60);
        QCOMPARE(campaigns, (std::set<QByteArray>{"C1", "C2"}));
        QCOMPARE(labels["benign"] + labels["hard_negative"], 300);
        QVERIFY(labels["benign"] > 150);
        for (const char* k : {"support_bot", "benchmark_run", "office_team", "classroom", "sdk_heavy"})
            QVERIFY2(kinds[k] > 0, k);
        // Ids look alike across populations: no prefix gives campaigns away.
        std::map<QByteArray, std::map<QByteArray, int>> prefixes;
        for (const auto& [id, t] : truth_) ++prefixes[t[1]][id.left(5)];
        QVERIFY(prefixes["campaign"]["acct_"] > 30);
        QVERIFY(prefixes["benign"]["acct_"] > 100);
    }

    void campaignsRunAroundTheClockHumansDoNot() {
        std::map<QByteArray, std::set<int>> hours;
        std::map<QByteArray, int> count;
        for (const auto& r : rows_) {
            const QByteArray& id = r[col(Field::AccountId)];
            hours[id].insert(r[col(Field::Timestamp)].mid(11, 2).toInt());
            ++count[id];
        }
        int checked = 0;
        std::vector<int> benignHours;
        for (const auto& [id, t] : truth_) {
            if (t[1] == "campaign" && count[id] >= 60) {
                QVERIFY2(hours[id].size() >= 20, id.constData());
                ++checked;
            }
            if (t[1] == "benign" && count[id] >= 5) benignHours.push_back(int(hours[id].size()));
        }
        QVERIFY(checked >= 30);
        QVERIFY(benignHours.size() > 50);
        std::nth_element(benignHours.begin(), benignHours.begin() + benignHours.size() / 2, benignHours.end());
        QVERIFY2(benignHours[benignHours.size() / 2] <= 14,
                 qPrintable(QString::number(benignHours[benignHours.size() / 2])));
    }

    void campaignsPivotToTheNewModelWithinADay() {
        // Release is at day 2, 17:00 UTC for a 5-day window; one day later every campaign
        // completion goes to frontier-2, while benign users still mostly use the older models.
        const qint64 after = kStartMs + 3 * kDayMs + 17 * 3600000;
        int campaignNew = 0, campaignOld = 0, benignNew = 0, benignAll = 0, beforeNew = 0;
        for (const auto& r : rows_) {
            const qint64 ms = QDateTime::fromString(QString::fromUtf8(r[col(Field::Timestamp)]),
                                                    Qt::ISODateWithMs).toMSecsSinceEpoch();
            const bool isNew = r[col(Field::Model)] == "frontier-2";
            if (ms < kStartMs + 2 * kDayMs + 17 * 3600000) beforeNew += isNew;
            if (ms < after) continue;
            const QByteArray& label = truth_[r[col(Field::AccountId)]][1];
            if (label == "campaign" && r[col(Field::Endpoint)] != "/v1/embeddings")
                (isNew ? campaignNew : campaignOld)++;
            if (label == "benign") {
                ++benignAll;
                benignNew += isNew;
            }
        }
        QCOMPARE(beforeNew, 0);
        QVERIFY(campaignNew > 1000);
        QCOMPARE(campaignOld, 0);
        QVERIFY(benignNew > 0);
        QVERIFY(benignNew < benignAll / 2);
    }

    void campaignsAreCreatedInWavesAndPacedUnderACap() {
        // Hydra networks sign up in bursts: most of a campaign's accounts share a few clock hours.
        std::map<QByteArray, std::map<QByteArray, std::set<QByteArray>>> createdHours;
        std::map<QByteArray, std::map<QByteArray, int>> perDay;  // account -> day -> requests
        for (const auto& r : rows_) {
            const QByteArray& id = r[col(Field::AccountId)];
            const QByteArray& campaign = truth_[id][2];
            if (!campaign.isEmpty())
                createdHours[campaign][r[col(Field::AccountCreatedAt)].left(13)].insert(id);
            ++perDay[id][r[col(Field::Timestamp)].left(10)];
        }
        QCOMPARE(createdHours.size(), std::size_t(2));
        for (const auto& [campaign, hours] : createdHours) {
            std::vector<int> sizes;
            int total = 0;
            for (const auto& [hour, ids] : hours) {
                sizes.push_back(int(ids.size()));
                total += int(ids.size());
            }
            std::sort(sizes.rbegin(), sizes.rend());
            int top = 0;
            for (std::size_t i = 0; i < std::min<std::size_t>(12, sizes.size()); ++i) top += sizes[i];
            QVERIFY2(top * 2 >= total, campaign.constData());
        }
        // Full days of a campaign account vary little; benign days (idle ones too) swing widely.
        auto spread = [&](const QByteArray& label) {
            std::vector<double> cvs;
            for (const auto& [id, days] : perDay) {
                if (truth_[id][1] != label || days.size() < 3) continue;
                // Inner days only: the first and last may be partial (created / banned).
                const QDate first = QDate::fromString(QString::fromUtf8(days.begin()->first), Qt::ISODate);
                const QDate last = QDate::fromString(QString::fromUtf8(days.rbegin()->first), Qt::ISODate);
                std::vector<double> v;
                for (QDate d = first.addDays(1); d < last; d = d.addDays(1)) {
                    const auto it = days.find(d.toString(Qt::ISODate).toUtf8());
                    v.push_back(it == days.end() ? 0 : it->second);
                }
                if (v.size() < 2) continue;
                double mean = 0, var = 0;
                for (double x : v) mean += x;
                mean /= double(v.size());
                for (double x : v) var += (x - mean) * (x - mean);
                cvs.push_back(std::sqrt(var / double(v.size())) / mean);
            }
            std::sort(cvs.begin(), cvs.end());
            return cvs.empty() ? -1.0 : cvs[cvs.size() / 2];
        };
        const double campaignCv = spread("campaign"), benignCv = spread("benign");
        QVERIFY(campaignCv >= 0 && benignCv >= 0);
        QVERIFY2(campaignCv < 0.15 && benignCv > 0.3,
                 qPrintable(QStringLiteral("%1 %2").arg(campaignCv).arg(benignCv)));
    }

    void noCampaignsMeansNoCampaignAccounts() {
        const QString dir = tmp_.filePath(QStringLiteral("clean"));
        const auto r = runCli({QStringLiteral("generate"), QStringLiteral("--out"), dir,
                               QStringLiteral("--accounts"), QStringLiteral("100"),
                               QStringLiteral("--days"), QStringLiteral("2"),
                               QStringLiteral("--campaigns"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 0);
        const QByteArray truth = readAll(dir + QStringLiteral("/truth.csv"));
        QVERIFY(truth.count('\n') == 101);
        QVERIFY(truth.startsWith("account_id,label,campaign,kind,style,harvest_share\n"));
        QVERIFY(!truth.contains(",campaign,C"));
        QVERIFY(truth.contains(",benign,,"));
    }

    void requestTargetIsHonoured() {
        const QString d = generate(QStringLiteral("n"), {QStringLiteral("--requests"), QStringLiteral("40000")});
        QVERIFY(!d.isEmpty());
        const QByteArray data = readAll(d + QStringLiteral("/requests.csv"));
        QList<QList<QByteArray>> records;
        QVERIFY(parseCsv(data, records));
        const qsizetype n = records.size() - 1;
        QVERIFY2(n > 34000 && n < 46000, qPrintable(QString::number(n)));
    }

    void badArgumentsFail_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("--out");
        const QString dir = QStringLiteral("/tmp/quarry-test-never-written");
        QTest::newRow("no out") << QStringList{} << "--out";
        QTest::newRow("zero days") << QStringList{out, dir, QStringLiteral("--days"), QStringLiteral("0")} << "--days";
        QTest::newRow("non-numeric") << QStringList{out, dir, QStringLiteral("--accounts"), QStringLiteral("lots")} << "--accounts";
        QTest::newRow("too few campaign accounts")
            << QStringList{out, dir, QStringLiteral("--campaigns"), QStringLiteral("4"),
                           QStringLiteral("--campaign-accounts"), QStringLiteral("3")}
            << "--campaign-accounts";
        QTest::newRow("negative requests") << QStringList{out, dir, QStringLiteral("--requests"), QStringLiteral("-5")} << "--requests";
        QTest::newRow("unknown option") << QStringList{out, dir, QStringLiteral("--bogus")} << "bogus";
        QTest::newRow("unknown style")
            << QStringList{out, dir, QStringLiteral("--styles"), QStringLiteral("hydra,ninja")}
            << "unknown style 'ninja'";
        QTest::newRow("reseller too small") << QStringList{out,
                                                           dir,
                                                           QStringLiteral("--styles"),
                                                           QStringLiteral("reseller,mimic"),
                                                           QStringLiteral("--campaign-accounts"),
                                                           QStringLiteral("3")}
                                            << "--campaign-accounts (3) must be at least 4";
        QTest::newRow("drop required")
            << QStringList{out, dir, QStringLiteral("--drop"), QStringLiteral("timestamp")}
            << "cannot be dropped";
        QTest::newRow("drop unknown")
            << QStringList{out, dir, QStringLiteral("--drop"), QStringLiteral("prompts")}
            << "'prompts' is not a canonical field";
        QTest::newRow("negatives")
            << QStringList{out, dir, QStringLiteral("--negatives"), QStringLiteral("some")}
            << "--negatives";
    }
    void badArgumentsFail() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runCli(QStringList{QStringLiteral("generate")} + args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/quarry-test-never-written/requests.csv")));
    }

    void helpListsOptions() {
        const auto r = runCli({QStringLiteral("generate"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* o :
             {"--out", "--accounts", "--days", "--campaigns", "--campaign-accounts", "--seed",
              "--requests", "--styles", "--negatives", "--drop", "--metadata-only"})
            QVERIFY2(r.out.contains(o), o);
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
