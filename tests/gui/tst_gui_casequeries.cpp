// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's reads on a generated, analysed case: the overviews drawn from the aggregate
// tables agree with counts taken straight from requests, a case without aggregates (analysed by
// an older build) gets the same answers by scanning, and the zoomed-in timeline's rate line shows
// requests per hour.
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <map>

#include "items/casequeries.h"
#include "guitestutil.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "plots/timelineplot.h"

using namespace quarry::gui;
namespace sql = quarry::sql;

namespace {

// (day, topic id) -> n, from an independent GROUP BY.
std::map<std::pair<int64_t, int64_t>, int64_t> cellsBySql(sqlite3* db, const char* where,
                                                          int64_t id) {
    std::map<std::pair<int64_t, int64_t>, int64_t> out;
    sql::Statement s(db,
                     std::string("SELECT r.ts / 86400000, rt.topic_id, count(*) FROM requests r "
                                 "JOIN request_topics rt ON rt.id = r.id ") +
                         where + " GROUP BY 1, 2");
    if (where[0]) s.bind(1, id);
    while (s.step()) out[{s.int64(0), s.int64(1)}] = s.int64(2);
    return out;
}

std::map<std::pair<int64_t, int64_t>, int64_t> cellsOf(const HeatmapData& h,
                                                       const TopicTable& topics) {
    std::map<std::pair<int64_t, int64_t>, int64_t> out;
    for (const Topic& t : topics.topics)
        for (int64_t day = h.firstDay; day < h.firstDay + h.days; ++day)
            if (const int64_t n = h.at(t.row, day)) out[{day, t.id}] = n;
    return out;
}

std::map<int64_t, int64_t> hoursOf(const std::vector<HourCount>& v) {
    std::map<int64_t, int64_t> out;
    for (const HourCount& h : v) out[h.hour] = h.n;
    return out;
}

std::map<int64_t, int64_t> hoursBySql(sqlite3* db, int64_t account, int64_t fromHour,
                                      int64_t toHour) {
    std::map<int64_t, int64_t> out;
    sql::Statement s(
        db, account < 0 ? "SELECT ts / 3600000, count(*) FROM requests GROUP BY 1"
                        : "SELECT ts / 3600000 AS h, count(*) FROM requests WHERE account_id = ?1 "
                          "GROUP BY 1 HAVING h BETWEEN ?2 AND ?3");
    if (account >= 0) {
        s.bind(1, account);
        s.bind(2, fromHour);
        s.bind(3, toHour);
    }
    while (s.step()) out[s.int64(0)] = s.int64(1);
    return out;
}

}  // namespace

class TestGuiCaseQueries final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void overviewsMatchRequests();
    void caseWithoutAggregatesGivesTheSameAnswers();
    void zoomedTimelineRateIsHourly();
    void ipAndAgentSearchMatchesRequests();

private:
    QTemporaryDir dir_;
    QString case_;
    std::vector<int64_t> accounts_;  // the busiest flagged account, a quiet one, one in between
    int64_t cluster_ = -1;           // the largest flagged cluster
};

void TestGuiCaseQueries::initTestCase() {
    QVERIFY(dir_.isValid());
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
    auto file = openReadOnly(case_);
    QVERIFY(file);
    sqlite3* db = file->db();
    QVERIFY(hasAggregates(db));
    accounts_ = {
        sql::queryInt(db,
                      "SELECT f.account_id FROM account_features f WHERE flagged ORDER BY requests "
                      "DESC LIMIT 1",
                      -1),
        sql::queryInt(
            db, "SELECT account_id FROM account_features ORDER BY requests, account_id LIMIT 1",
            -1),
        sql::queryInt(db,
                      "SELECT account_id FROM account_features ORDER BY requests, account_id "
                      "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM account_features)",
                      -1)};
    for (int64_t a : accounts_) QVERIFY(a >= 0);
    cluster_ =
        sql::queryInt(db, "SELECT id FROM clusters WHERE flagged ORDER BY size DESC LIMIT 1", -1);
    QVERIFY(cluster_ >= 0);
}

void TestGuiCaseQueries::overviewsMatchRequests() {
    auto file = openReadOnly(case_);
    sqlite3* db = file->db();
    const TopicTable topics = loadTopics(db);
    QVERIFY(!topics.topics.empty());
    for (int64_t a : accounts_) {
        const HeatmapData h = topicDayCounts(db, topics, HeatmapData::Scope::Account, a);
        QCOMPARE(cellsOf(h, topics), cellsBySql(db, "WHERE r.account_id = ?1", a));
        QCOMPARE(
            h.total,
            sql::queryInt(
                db,
                ("SELECT count(*) FROM requests WHERE account_id = " + std::to_string(a)).c_str()));
        // A day and a half from the middle of the account's activity.
        const int64_t mid = (sql::queryInt(
            db, ("SELECT min(ts) + (max(ts) - min(ts)) / 2 FROM requests WHERE account_id = " +
                 std::to_string(a))
                    .c_str()));
        const int64_t from = mid - 18 * kHourMs + 1234, to = mid + 18 * kHourMs;
        QCOMPARE(hoursOf(accountHourly(db, a, from, to)),
                 hoursBySql(db, a, from / kHourMs, to / kHourMs));
    }
    const HeatmapData c = topicDayCounts(db, topics, HeatmapData::Scope::Cluster, cluster_);
    QVERIFY(c.total > 0);
    QCOMPARE(
        cellsOf(c, topics),
        cellsBySql(db,
                   "JOIN account_features f ON f.account_id = r.account_id WHERE f.cluster_id = ?1",
                   cluster_));
    const HeatmapData all = topicDayCounts(db, topics, HeatmapData::Scope::Case, -1);
    QCOMPARE(cellsOf(all, topics), cellsBySql(db, "", -1));
    QCOMPARE(hoursOf(caseHourly(db)), hoursBySql(db, -1, 0, 0));
}

void TestGuiCaseQueries::caseWithoutAggregatesGivesTheSameAnswers() {
    const QString old = dir_.filePath(QStringLiteral("old.quarry"));
    QVERIFY(QFile::copy(case_, old));
    {
        auto rw = quarry::CaseFile::open(old, quarry::CaseFile::Access::ReadWrite, nullptr);
        QVERIFY(rw);
        QVERIFY(sql::exec(
            rw->db(),
            "DROP TABLE aggregates_run; DROP TABLE account_hourly; DROP TABLE account_day_topics; "
            "DROP TABLE case_hourly; DROP TABLE case_day_topics; DROP TABLE cluster_day_topics;"));
    }
    auto now = openReadOnly(case_), before = openReadOnly(old);
    QVERIFY(now && before);
    QVERIFY(!hasAggregates(before->db()));
    const TopicTable topics = loadTopics(now->db());
    for (int64_t a : accounts_) {
        const HeatmapData x = topicDayCounts(now->db(), topics, HeatmapData::Scope::Account, a);
        const HeatmapData y = topicDayCounts(before->db(), topics, HeatmapData::Scope::Account, a);
        QCOMPARE(y.firstDay, x.firstDay);
        QCOMPARE(y.days, x.days);
        QCOMPARE(y.counts, x.counts);
        QCOMPARE(hoursOf(accountHourly(before->db(), a, 0, INT64_MAX)),
                 hoursOf(accountHourly(now->db(), a, 0, INT64_MAX)));
    }
    QCOMPARE(topicDayCounts(before->db(), topics, HeatmapData::Scope::Cluster, cluster_).counts,
             topicDayCounts(now->db(), topics, HeatmapData::Scope::Cluster, cluster_).counts);
    QCOMPARE(topicDayCounts(before->db(), topics, HeatmapData::Scope::Case, -1).counts,
             topicDayCounts(now->db(), topics, HeatmapData::Scope::Case, -1).counts);
    QCOMPARE(hoursOf(caseHourly(before->db())), hoursOf(caseHourly(now->db())));
}

void TestGuiCaseQueries::zoomedTimelineRateIsHourly() {
    auto file = openReadOnly(case_);
    sqlite3* db = file->db();
    const int64_t account = accounts_.front();
    const int64_t day = sql::queryInt(db, ("SELECT day FROM account_daily WHERE account_id = " +
                                           std::to_string(account) + " ORDER BY n DESC LIMIT 1")
                                              .c_str());
    TimelinePlot plot;
    plot.resize(1200, 400);
    plot.setCase(db, loadTopics(db));
    plot.setAccount(account, QStringLiteral("a"));
    plot.showDay(day);
    plot.refreshNow();
    // graph(0) is the rate line: one step per hour of the day, each at that hour's count.
    const QCPGraph* rate = plot.graph(0);
    const std::map<int64_t, int64_t> expected = hoursBySql(db, account, day * 24, day * 24 + 23);
    QVERIFY(!expected.empty());
    int steps = 0;
    for (auto it = rate->data()->constBegin(); it != rate->data()->constEnd(); ++it) {
        const int64_t ms = std::llround(it->key * 1000.0);
        if (ms >= (day + 1) * kDayMs) continue;  // the closing point of the last step
        QCOMPARE(ms % kHourMs, int64_t(0));
        const auto e = expected.find(ms / kHourMs);
        QCOMPARE(static_cast<int64_t>(it->value), e == expected.end() ? 0 : e->second);
        ++steps;
    }
    QCOMPARE(steps, 24);
}

void TestGuiCaseQueries::ipAndAgentSearchMatchesRequests() {
    auto file = openReadOnly(case_);
    sqlite3* db = file->db();
    // An address the busiest flagged account used, and a fragment of a client name.
    sql::Statement ip(db,
                      "SELECT i.value FROM requests r JOIN ips i ON i.id = r.ip_id WHERE "
                      "r.account_id = ? LIMIT 1");
    ip.bind(1, accounts_.front());
    QVERIFY(ip.step());
    const QStringList needles = {ip.text(0), QStringLiteral("python"),
                                 QStringLiteral("no-such-client")};
    for (const QString& needle : needles) {
        std::vector<int64_t> expected;
        const QByteArray like = "%" + needle.toUtf8() + "%";
        sql::Statement s(
            db,
            "SELECT DISTINCT r.account_id FROM requests r LEFT JOIN ips i ON i.id = r.ip_id "
            "LEFT JOIN user_agents u ON u.id = r.ua_id WHERE i.value LIKE ?1 OR u.value LIKE ?1 "
            "ORDER BY 1");
        s.bindText(1, std::string_view(like.constData(), static_cast<size_t>(like.size())));
        while (s.step()) expected.push_back(s.int64(0));
        QCOMPARE(expected.empty(), needle == needles.last());
        QCOMPARE(accountsByIpOrAgent(db, needle), expected);
        QCOMPARE(rawscan::accountsByIpOrAgent(db, needle), expected);
    }
}

QTEST_MAIN(TestGuiCaseQueries)
#include "tst_gui_casequeries.moc"
