// SPDX-License-Identifier: GPL-3.0-or-later
// quarry-cli generate --styles / --negatives all / --metadata-only: each campaign style and each
// look-alike has the properties that define it in the written CSV, so the adversary matrix
// (tests/bench/adversary_matrix.sh) measures what it claims to measure.
#include <QtTest>

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "gentestutil.h"
#include "testutil.h"

using quarry::test::CsvTable;
using quarry::test::readAll;
using quarry::test::runCli;

namespace {

const qint64 kDayMs = 86400000;
const qint64 kHourMs = 3600000;

const QStringList kOptions = {QStringLiteral("--accounts"),
                              QStringLiteral("800"),
                              QStringLiteral("--days"),
                              QStringLiteral("21"),
                              QStringLiteral("--styles"),
                              QStringLiteral("hydra,mimic,reseller,successor,mimic"),
                              QStringLiteral("--campaign-accounts"),
                              QStringLiteral("170"),
                              QStringLiteral("--negatives"),
                              QStringLiteral("all"),
                              QStringLiteral("--seed"),
                              QStringLiteral("12")};

qint64 msOf(const QByteArray& iso) {
    return QDateTime::fromString(QString::fromUtf8(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QByteArray subnetOf(const QByteArray& ip) {
    return ip.left(ip.lastIndexOf('.'));
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

// The shortest arc of the 24-hour clock that holds every hour in the set.
int circularSpan(const std::set<int>& hours) {
    if (hours.empty()) return 0;
    int largestGap = 0;
    std::vector<int> h(hours.begin(), hours.end());
    for (std::size_t i = 0; i < h.size(); ++i) {
        const int next = i + 1 < h.size() ? h[i + 1] : h[0] + 24;
        largestGap = std::max(largestGap, next - h[i]);
    }
    return 24 - largestGap + 1;
}

}  // namespace

class TestAdversaryStyles final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    CsvTable req_, truth_;
    std::map<QByteArray, QList<QByteArray>> truthOf_;              // account -> truth row
    std::map<QByteArray, std::vector<int>> rowsOf_;                // account -> request rows
    std::map<QByteArray, std::set<QByteArray>> campaignsByStyle_;  // style -> campaign ids

    QString generate(const QString& name, const QStringList& extra) {
        const QString dir = tmp_.filePath(name);
        const auto r =
            runCli(QStringList{QStringLiteral("generate"), QStringLiteral("--out"), dir} +
                   kOptions + extra);
        if (r.exitCode != 0) qWarning("generate failed: %s", r.err.constData());
        return r.exitCode == 0 ? dir : QString();
    }
    const QByteArray& cell(int row, const char* column) const {
        return req_.rows[row][req_.col(column)];
    }
    QByteArray truth(const QByteArray& account, const char* column) const {
        const auto it = truthOf_.find(account);
        return it == truthOf_.end() ? QByteArray() : it->second[truth_.col(column)];
    }
    std::vector<QByteArray> accountsWhere(const char* column, const QByteArray& value) const {
        std::vector<QByteArray> out;
        for (const auto& [id, t] : truthOf_)
            if (t[truth_.col(column)] == value) out.push_back(id);
        return out;
    }
    std::vector<QByteArray> campaignAccounts(const QByteArray& campaign) const {
        return accountsWhere("campaign", campaign);
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        const QString dir = generate(QStringLiteral("full"), {});
        QVERIFY(!dir.isEmpty());
        QVERIFY(req_.load(dir + QStringLiteral("/requests.csv")));
        QVERIFY(truth_.load(dir + QStringLiteral("/truth.csv")));
        QCOMPARE(truth_.header.join(','),
                 QByteArray("account_id,label,campaign,kind,style,harvest_share"));
        for (const auto& t : truth_.rows) {
            truthOf_[t[0]] = t;
            if (t[1] == "campaign") campaignsByStyle_[t[4]].insert(t[2]);
        }
        for (int i = 0; i < req_.rows.size(); ++i) rowsOf_[cell(i, "account_id")].push_back(i);
    }

    void everyStyleAndLookAlikeIsPlanted() {
        // Five campaigns over four styles, used in turn: C1 hydra, C2 mimic, C3 reseller,
        // C4 successor, C5 mimic.
        QCOMPARE(campaignsByStyle_["hydra"], (std::set<QByteArray>{"C1"}));
        QCOMPARE(campaignsByStyle_["mimic"], (std::set<QByteArray>{"C2", "C5"}));
        QCOMPARE(campaignsByStyle_["reseller"], (std::set<QByteArray>{"C3"}));
        QCOMPARE(campaignsByStyle_["successor"], (std::set<QByteArray>{"C4"}));
        QCOMPARE(campaignsByStyle_["successor_origin"], (std::set<QByteArray>{"C4"}));
        std::map<QByteArray, int> kinds;
        for (const auto& [id, t] : truthOf_)
            if (t[1] == "hard_negative") ++kinds[t[3]];
        for (const char* k :
             {"support_bot", "benchmark_run", "sdk_heavy", "office_team", "classroom", "cron_job",
              "agentic_power_user", "campus_nat", "saas_template", "sdk_crowd"})
            QVERIFY2(kinds[k] > 0, k);
        // Every account in truth sends traffic, and every sender is in truth.
        QCOMPARE(rowsOf_.size(), truthOf_.size());
    }

    void mimicKeepsOfficeHoursOfOneTimeZone() {
        for (const QByteArray& c : campaignsByStyle_["mimic"]) {
            std::set<int> hours;
            int weekend = 0, total = 0;
            for (const QByteArray& id : campaignAccounts(c))
                for (int r : rowsOf_[id]) {
                    const QDateTime t =
                        QDateTime::fromMSecsSinceEpoch(msOf(cell(r, "timestamp")), Qt::UTC);
                    hours.insert(t.time().hour());
                    weekend += t.date().dayOfWeek() >= 6;
                    ++total;
                }
            QVERIFY(total > 1000);
            // A 9-to-6 shift (sessions may run a little past six) covers at most 11 clock hours.
            QVERIFY2(circularSpan(hours) <= 11, qPrintable(QString::number(circularSpan(hours))));
            QVERIFY2(weekend * 100 < total * 3,
                     qPrintable(QStringLiteral("%1 of %2").arg(weekend).arg(total)));
        }
    }

    void mimicSharesNoInfrastructure() {
        // No /24 is used by two mimic accounts, of one ring or of both, nor any card.
        std::map<QByteArray, std::set<QByteArray>> subnetUsers;
        std::map<QByteArray, std::set<QByteArray>> cardUsers;
        int freeTier = 0, accounts = 0;
        for (const QByteArray& c : campaignsByStyle_["mimic"])
            for (const QByteArray& id : campaignAccounts(c)) {
                ++accounts;
                bool free = false;
                for (int r : rowsOf_[id]) {
                    subnetUsers[subnetOf(cell(r, "ip"))].insert(id);
                    const QByteArray& card = cell(r, "payment_fingerprint");
                    free = card.isEmpty();
                    if (!free) cardUsers[card].insert(id);
                }
                freeTier += free;
            }
        QVERIFY(accounts >= 20);
        for (const auto& [subnet, users] : subnetUsers)
            QVERIFY2(users.size() == 1, subnet.constData());
        for (const auto& [card, users] : cardUsers) QVERIFY2(users.size() == 1, card.constData());
        QVERIFY(freeTier > 0 && freeTier < accounts);
    }

    void mimicStartsAndStopsTogetherInsideTheCase() {
        const qint64 caseStart = msOf(cell(0, "timestamp"));
        const qint64 caseEnd = msOf(cell(int(req_.rows.size()) - 1, "timestamp"));
        for (const QByteArray& c : campaignsByStyle_["mimic"]) {
            qint64 firstMin = LLONG_MAX, firstMax = 0, lastMin = LLONG_MAX, lastMax = 0;
            for (const QByteArray& id : campaignAccounts(c)) {
                const std::vector<int>& rows = rowsOf_[id];
                const qint64 first = msOf(cell(rows.front(), "timestamp"));
                const qint64 last = msOf(cell(rows.back(), "timestamp"));
                firstMin = std::min(firstMin, first);
                firstMax = std::max(firstMax, first);
                lastMin = std::min(lastMin, last);
                lastMax = std::max(lastMax, last);
            }
            QVERIFY2(firstMax - firstMin <= 2 * kDayMs, c.constData());
            QVERIFY2(lastMax - lastMin <= 2 * kDayMs, c.constData());
            // A window inside the case: it neither starts on the first day nor ends on the last.
            QVERIFY(firstMin - caseStart >= kDayMs - kHourMs);
            QVERIFY(caseEnd - lastMax >= kDayMs - kHourMs);
        }
    }

    void mimicLooksLikeAPowerUserOnTheCrowdSdk() {
        // Per-account volume: within what benign accounts send (at most their 99th percentile of
        // requests per active day), and UAs that at least 20 benign accounts use too.
        std::vector<double> benignPerDay;
        std::map<QByteArray, std::set<QByteArray>> uaUsers;
        for (const QByteArray& id : accountsWhere("label", "benign")) {
            std::set<QByteArray> days;
            for (int r : rowsOf_[id]) {
                days.insert(cell(r, "timestamp").left(10));
                uaUsers[cell(r, "user_agent")].insert(id);
            }
            benignPerDay.push_back(double(rowsOf_[id].size()) / double(days.size()));
        }
        const double benignP99 = quantile(benignPerDay, 0.99);
        for (const QByteArray& c : campaignsByStyle_["mimic"]) {
            std::vector<double> perDay;
            for (const QByteArray& id : campaignAccounts(c)) {
                std::set<QByteArray> days;
                for (int r : rowsOf_[id]) {
                    days.insert(cell(r, "timestamp").left(10));
                    const QByteArray& ua = cell(r, "user_agent");
                    QVERIFY2(uaUsers[ua].size() >= 20, ua.constData());
                }
                perDay.push_back(double(rowsOf_[id].size()) / double(days.size()));
            }
            QVERIFY2(median(perDay) >= 5 && median(perDay) <= benignP99,
                     qPrintable(QStringLiteral("%1 vs %2").arg(median(perDay)).arg(benignP99)));
        }
    }

    void mimicAsksForReasoningAndMixesInOrdinaryPrompts() {
        static const QRegularExpression reasoning(
            QStringLiteral("step by step|reasoning|thinking|thought process|step of your|think it "
                           "through|reason it out|how you get there|numbered steps"),
            QRegularExpression::CaseInsensitiveOption);
        for (const QByteArray& c : campaignsByStyle_["mimic"]) {
            int withReasoning = 0, total = 0;
            std::map<QByteArray, int> openings;  // first 24 bytes: templates repeat, people do not
            for (const QByteArray& id : campaignAccounts(c))
                for (int r : rowsOf_[id]) {
                    const QByteArray& p = cell(r, "prompt");
                    withReasoning += reasoning.match(QString::fromUtf8(p)).hasMatch();
                    ++openings[p.left(24)];
                    ++total;
                }
            const double share = double(withReasoning) / total;
            // 90-98% of harvest prompts ask for it, and 10-20% of prompts are ordinary ones.
            QVERIFY2(share >= 0.65 && share <= 0.92, qPrintable(QString::number(share)));
            std::vector<int> counts;
            for (const auto& [o, n] : openings) counts.push_back(n);
            std::sort(counts.rbegin(), counts.rend());
            int top = 0;
            for (std::size_t i = 0; i < std::min<std::size_t>(20, counts.size()); ++i)
                top += counts[i];
            QVERIFY2(top * 2 >= total, "a ring's prompts come from a few shared templates");
        }
    }

    void resellerMixesHarvestIntoEndUserTraffic() {
        const std::vector<QByteArray> relays = accountsWhere("style", "reseller");
        QVERIFY(relays.size() >= 3 && relays.size() <= 8);
        CsvTable harvest;
        QVERIFY(harvest.load(tmp_.filePath(QStringLiteral("full/truth_requests.csv"))));
        QCOMPARE(harvest.header.join(','), QByteArray("request_id,account_id,campaign"));
        std::set<QByteArray> harvestIds;
        std::map<QByteArray, int> harvestOf;
        for (const auto& h : harvest.rows) {
            QVERIFY(harvestIds.insert(h[0]).second);
            ++harvestOf[h[1]];
            QCOMPARE(truth(h[1], "style"), QByteArray("reseller"));
            QCOMPARE(h[2], truth(h[1], "campaign"));
        }
        for (const QByteArray& id : relays) {
            const std::vector<int>& rows = rowsOf_[id];
            int listed = 0;
            std::set<int> endUserHours;
            for (int r : rows) {
                if (harvestIds.count(cell(r, "request_id")))
                    ++listed;
                else
                    endUserHours.insert(cell(r, "timestamp").mid(11, 2).toInt());
            }
            QCOMPARE(listed, harvestOf[id]);
            const double share = double(listed) / double(rows.size());
            QVERIFY2(share >= 0.04 && share <= 0.52, qPrintable(QString::number(share)));
            QVERIFY(std::abs(truth(id, "harvest_share").toDouble() - share) < 1e-3);
            // End users in several time zones: their traffic spans most of the clock.
            QVERIFY(endUserHours.size() >= 18);
        }
        // Every other campaign account is the operator's own: share 1.
        for (const auto& [id, t] : truthOf_)
            if (t[1] == "campaign" && t[4] != "reseller") QCOMPARE(t[5], QByteArray("1"));
    }

    void successorsReplaceABannedGeneration() {
        const std::vector<QByteArray> origin = accountsWhere("style", "successor_origin");
        const std::vector<QByteArray> next = accountsWhere("style", "successor");
        QVERIFY(origin.size() >= 5 && next.size() >= 5);
        qint64 lastMin = LLONG_MAX, lastMax = 0;
        std::set<QByteArray> originCards, originSubnets;
        for (const QByteArray& id : origin) {
            const std::vector<int>& rows = rowsOf_[id];
            const qint64 last = msOf(cell(rows.back(), "timestamp"));
            lastMin = std::min(lastMin, last);
            lastMax = std::max(lastMax, last);
            for (int r : rows) {
                originCards.insert(cell(r, "payment_fingerprint"));
                originSubnets.insert(subnetOf(cell(r, "ip")));
            }
        }
        QVERIFY2(lastMax - lastMin <= kDayMs, "the first generation is banned in one sweep");
        int sharing = 0;
        for (const QByteArray& id : next) {
            const std::vector<int>& rows = rowsOf_[id];
            QVERIFY(msOf(cell(rows.front(), "account_created_at")) >= lastMin - kDayMs);
            QVERIFY(msOf(cell(rows.front(), "timestamp")) >= lastMin - kDayMs);
            bool shares = false;
            for (int r : rows)
                shares = shares || originCards.count(cell(r, "payment_fingerprint")) ||
                         originSubnets.count(subnetOf(cell(r, "ip")));
            sharing += shares;
        }
        QVERIFY2(sharing * 10 >= int(next.size()) * 8, "successors keep the operator's pools");
    }

    void lookAlikesHaveTheirOneStrongSignal() {
        // Cron: metronome pacing (gaps vary by at most a few seconds).
        for (const QByteArray& id : accountsWhere("kind", "cron_job")) {
            const std::vector<int>& rows = rowsOf_[id];
            QVERIFY(rows.size() > 100);
            std::vector<double> gaps;
            for (std::size_t i = 1; i < rows.size(); ++i)
                gaps.push_back(double(msOf(cell(rows[i], "timestamp")) -
                                      msOf(cell(rows[i - 1], "timestamp"))));
            QVERIFY(quantile(gaps, 0.95) - quantile(gaps, 0.05) < 5000);
        }
        // Campus NAT: many accounts behind a handful of addresses of one /24.
        std::map<QByteArray, std::set<QByteArray>> natUsers, natAddresses;
        for (const QByteArray& id : accountsWhere("kind", "campus_nat"))
            for (int r : rowsOf_[id]) {
                natUsers[subnetOf(cell(r, "ip"))].insert(id);
                natAddresses[subnetOf(cell(r, "ip"))].insert(cell(r, "ip"));
            }
        int biggest = 0;
        QByteArray campus;
        for (const auto& [s, users] : natUsers)
            if (int(users.size()) > biggest) biggest = int(users.size()), campus = s;
        QVERIFY2(biggest >= 80, qPrintable(QString::number(biggest)));
        QVERIFY(natAddresses[campus].size() <= 6);
        // SaaS: one template (one fixed preamble) for thousands of requests.
        for (const QByteArray& id : accountsWhere("kind", "saas_template")) {
            std::set<QByteArray> preambles;
            for (int r : rowsOf_[id]) preambles.insert(cell(r, "prompt").split('\n').first());
            if (rowsOf_[id].size() >= 2000) QCOMPARE(preambles.size(), std::size_t(1));
        }
        // SDK crowd: unrelated accounts on one SDK string.
        std::set<QByteArray> crowdUas, crowdCards;
        const std::vector<QByteArray> crowd = accountsWhere("kind", "sdk_crowd");
        for (const QByteArray& id : crowd)
            for (int r : rowsOf_[id]) {
                crowdUas.insert(cell(r, "user_agent"));
                crowdCards.insert(cell(r, "payment_fingerprint"));
            }
        QCOMPARE(crowdUas.size(), std::size_t(1));
        QVERIFY(crowdCards.size() >= crowd.size() - 1);
        // Agentic-coding power users: long sessions, many turns less than two minutes apart.
        for (const QByteArray& id : accountsWhere("kind", "agentic_power_user")) {
            const std::vector<int>& rows = rowsOf_[id];
            int run = 1, longest = 1;
            for (std::size_t i = 1; i < rows.size(); ++i) {
                const qint64 gap =
                    msOf(cell(rows[i], "timestamp")) - msOf(cell(rows[i - 1], "timestamp"));
                run = gap < 120000 ? run + 1 : 1;
                longest = std::max(longest, run);
            }
            QVERIFY2(longest >= 20, id.constData());
        }
    }

    void tokenShapesFollowThePrompts() {
        // Reasoning requested: long completions. One fixed template: tight prompt sizes.
        auto completions = [&](const std::vector<QByteArray>& ids) {
            std::vector<double> v;
            for (const QByteArray& id : ids)
                for (int r : rowsOf_[id])
                    if (cell(r, "status_code") == "200")
                        v.push_back(cell(r, "completion_tokens").toDouble());
            return median(v);
        };
        std::vector<QByteArray> mimicReasoning;
        for (const QByteArray& c : campaignsByStyle_["mimic"])
            for (const QByteArray& id : campaignAccounts(c))
                if (truth(id, "kind") == "reasoning_traces") mimicReasoning.push_back(id);
        QVERIFY(!mimicReasoning.empty());
        const double benign = completions(accountsWhere("label", "benign"));
        QVERIFY2(
            completions(mimicReasoning) > 3 * benign,
            qPrintable(QStringLiteral("%1 vs %2").arg(completions(mimicReasoning)).arg(benign)));
        for (const QByteArray& id : accountsWhere("kind", "cron_job")) {
            std::vector<double> v;
            for (int r : rowsOf_[id]) v.push_back(cell(r, "prompt_tokens").toDouble());
            QVERIFY(quantile(v, 0.9) <= 1.5 * quantile(v, 0.1));
        }
    }

    void metadataOnlyDropsColumnsAndKeepsTheRest() {
        const QString dir = generate(QStringLiteral("meta"), {QStringLiteral("--metadata-only")});
        QVERIFY(!dir.isEmpty());
        CsvTable meta;
        QVERIFY(meta.load(dir + QStringLiteral("/requests.csv")));
        for (const char* gone : {"prompt", "organization_id", "account_created_at"}) {
            QCOMPARE(meta.col(gone), -1);
            QVERIFY(req_.col(gone) >= 0);
        }
        QCOMPARE(meta.header.size(), req_.header.size() - 3);
        // Same rows, same values in every column that is left.
        QCOMPARE(meta.rows.size(), req_.rows.size());
        for (int i = 0; i < meta.rows.size(); i += 97)
            for (const QByteArray& name : meta.header)
                QCOMPARE(meta.rows[i][meta.col(name)], req_.rows[i][req_.col(name)]);
        QVERIFY(readAll(dir + QStringLiteral("/truth.csv")) ==
                readAll(tmp_.filePath(QStringLiteral("full/truth.csv"))));
    }
};

QTEST_GUILESS_MAIN(TestAdversaryStyles)
#include "tst_adversary_styles.moc"
