// SPDX-License-Identifier: GPL-3.0-or-later
// LiteLLM's own store read in place: a real PostgreSQL server (Debian's postgresql) started by
// the test on a free loopback port in its own temporary folder, the LiteLLM_SpendLogs table
// created from LiteLLM's migrations, rows loaded with COPY, then `quarry-cli import CASE
// postgresql://...`. The server is stopped when the test ends, also when it fails.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "store/casefile.h"
#include "store/sqlite.h"
#include "storedrequests.h"
#include "testutil.h"

using namespace quarry;
using test::Stored;

namespace {

QString fixture(const QString& name) {
    return test::dataPath(QStringLiteral("formats/litellm/") + name);
}

int freeLoopbackPort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = -1;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(s);
    return port;
}

struct Run {
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.output = QStringLiteral("%1 timed out").arg(program);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

// A throwaway PostgreSQL cluster. PostgreSQL refuses to run as root, so under root the server
// runs as the `postgres` account the Debian package creates.
class PostgresServer {
public:
    ~PostgresServer() { stop(); }

    bool start(QString* error) {
        const QString bindir =
            run(QStringLiteral("pg_config"), {QStringLiteral("--bindir")}).output.trimmed();
        bin_ = QFileInfo::exists(bindir + QStringLiteral("/initdb"))
                   ? bindir
                   : QStringLiteral("/usr/lib/postgresql/15/bin");
        if (!QFileInfo::exists(bin_ + QStringLiteral("/initdb"))) {
            *error =
                QStringLiteral("no initdb in %1: install postgresql (installer/install-deps.sh)")
                    .arg(bin_);
            return false;
        }
        if (!dir_.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        data_ = dir_.filePath(QStringLiteral("data"));
        QDir().mkpath(data_);
        if (::geteuid() == 0) {
            const passwd* pw = ::getpwnam("postgres");
            if (!pw) {
                *error = QStringLiteral(
                    "running as root and there is no 'postgres' account to run "
                    "the server (install postgresql)");
                return false;
            }
            QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ExeOwner | QFile::ExeGroup |
                                                   QFile::ExeOther);
            if (::chown(data_.toUtf8().constData(), pw->pw_uid, pw->pw_gid) != 0) {
                *error = QStringLiteral("cannot hand %1 to postgres").arg(data_);
                return false;
            }
        }
        QFile::setPermissions(data_, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        Run r =
            asServer(QStringLiteral("initdb"),
                     {QStringLiteral("-D"), data_, QStringLiteral("-U"), QStringLiteral("quarry"),
                      QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                      QStringLiteral("UTF8"), QStringLiteral("--no-locale")});
        if (r.exitCode != 0) {
            *error = QStringLiteral("initdb failed: %1").arg(r.output);
            return false;
        }
        port_ = freeLoopbackPort();
        r = asServer(QStringLiteral("pg_ctl"),
                     {QStringLiteral("-D"), data_, QStringLiteral("-l"),
                      data_ + QStringLiteral("/server.log"), QStringLiteral("-w"),
                      QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"),
                      QStringLiteral("-p %1 -h 127.0.0.1 -k %2").arg(port_).arg(data_),
                      QStringLiteral("start")});
        if (r.exitCode != 0) {
            QFile log(data_ + QStringLiteral("/server.log"));
            log.open(QIODevice::ReadOnly);
            *error = QStringLiteral("pg_ctl start failed: %1 %2")
                         .arg(r.output, QString::fromUtf8(log.readAll()));
            return false;
        }
        running_ = true;
        return sql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE litellm"), error);
    }

    void stop() {
        if (!running_) return;
        asServer(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), data_, QStringLiteral("-m"), QStringLiteral("fast"),
                  QStringLiteral("-w"), QStringLiteral("stop")});
        running_ = false;
    }

    int port() const { return port_; }
    QString url(const QString& db = QStringLiteral("litellm")) const {
        return QStringLiteral("postgresql://quarry:not-a-secret@127.0.0.1:%1/%2")
            .arg(port_)
            .arg(db);
    }

    // Runs SQL (or psql meta-commands such as \copy) against a database.
    bool sql(const QString& db, const QString& text, QString* error) const {
        const Run r = run(
            bin_ + QStringLiteral("/psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
             QStringLiteral("-p"), QString::number(port_), QStringLiteral("-U"),
             QStringLiteral("quarry"), QStringLiteral("-d"), db, QStringLiteral("-c"), text});
        if (r.exitCode != 0 && error) *error = r.output;
        return r.exitCode == 0;
    }

    bool sqlFile(const QString& db, const QString& path, QString* error) const {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return false;
        return sql(db, QString::fromUtf8(f.readAll()), error);
    }

    // COPY of a LiteLLM CSV export back into the table (the way it came out).
    bool load(const QString& csv, QString* error) const {
        QFile f(csv);
        if (!f.open(QIODevice::ReadOnly)) return false;
        QStringList columns;
        for (const QByteArray& c : f.readLine().trimmed().split(','))
            columns << QStringLiteral("\"%1\"").arg(QString::fromUtf8(c));
        return sql(QStringLiteral("litellm"),
                   QStringLiteral(
                       "\\copy \"LiteLLM_SpendLogs\"(%1) FROM '%2' WITH (FORMAT csv, HEADER true, "
                       "FORCE_NOT_NULL (\"call_type\", \"api_key\", \"model\"))")
                       .arg(columns.join(QLatin1Char(',')), csv),
                   error);
    }

private:
    Run asServer(const QString& tool, const QStringList& args) const {
        if (::geteuid() != 0) return run(bin_ + QLatin1Char('/') + tool, args);
        return run(QStringLiteral("runuser"),
                   QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                               QStringLiteral("--"), bin_ + QLatin1Char('/') + tool} +
                       args);
    }

    QTemporaryDir dir_;
    QString bin_, data_;
    int port_ = -1;
    bool running_ = false;
};

QVector<Stored> importCsv(const QString& dir, const QString& csv) {
    const QString c =
        dir + QStringLiteral("/csv-") + QFileInfo(csv).baseName() + QStringLiteral(".quarry");
    if (test::runCli({QStringLiteral("import"), c, csv}).exitCode != 0) return {};
    QString e;
    auto file = CaseFile::open(c, CaseFile::Access::ReadOnly, &e);
    return file ? test::storedRequests(file->db()) : QVector<Stored>();
}

bool sameRequest(const Stored& a, const Stored& b) {
    return a.ts == b.ts && a.account == b.account && a.apiKey == b.apiKey && a.org == b.org &&
           a.ip == b.ip && a.userAgent == b.userAgent && a.model == b.model &&
           a.endpoint == b.endpoint && a.promptTokens == b.promptTokens &&
           a.completionTokens == b.completionTokens && a.status == b.status &&
           a.latency == b.latency && a.requestUid == b.requestUid && a.prompt == b.prompt;
}

}  // namespace

class TestPostgresImport final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(server_.start(&error), qPrintable(error));
        QVERIFY2(server_.sqlFile(QStringLiteral("litellm"),
                                 fixture(QStringLiteral("spendlogs-postgres.sql")), &error),
                 qPrintable(error));
        QVERIFY2(server_.load(fixture(QStringLiteral("spendlogs-2025-03.csv")), &error),
                 qPrintable(error));
        QVERIFY2(server_.load(fixture(QStringLiteral("spendlogs-2025-11.csv")), &error),
                 qPrintable(error));
    }
    void cleanupTestCase() { server_.stop(); }

    void tableImportsLikeItsCsvExport() {
        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("c.quarry"));
        const auto r = test::runCli({QStringLiteral("import"), c, server_.url()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("litellm-postgresql"), r.out.constData());
        QVERIFY2(r.out.contains("8 rows read, 7 imported, 0 quarantined, 1 skipped"),
                 r.out.constData());
        // The URL is recorded without its password, and never printed with it.
        QVERIFY(!r.out.contains("not-a-secret") && !r.err.contains("not-a-secret"));

        QString e;
        auto file = CaseFile::open(c, CaseFile::Access::ReadOnly, &e);
        QVERIFY2(file, qPrintable(e));
        {
            sql::Statement s(file->db(), "SELECT path, format, rows_skipped FROM sources");
            QVERIFY(s.step());
            QCOMPARE(s.text(0),
                     QStringLiteral("postgresql://quarry@127.0.0.1:%1/litellm#LiteLLM_SpendLogs")
                         .arg(server_.port()));
            QCOMPARE(s.text(1), QStringLiteral("litellm-postgresql"));
            QCOMPARE(s.int64(2), int64_t(1));
        }

        // The same rows, the same mapping as the CSV exports (rows come in startTime order).
        const QVector<Stored> fromDb = test::storedRequests(file->db());
        QVector<Stored> fromCsv =
            importCsv(dir.path(), fixture(QStringLiteral("spendlogs-2025-03.csv")));
        fromCsv += importCsv(dir.path(), fixture(QStringLiteral("spendlogs-2025-11.csv")));
        QCOMPARE(fromDb.size(), 7);
        QCOMPARE(fromCsv.size(), 7);
        for (int i = 0; i < 7; ++i)
            QVERIFY2(sameRequest(fromDb[i], fromCsv[i]), qPrintable(fromDb[i].requestUid));
        QCOMPARE(fromDb[0].userAgent, QStringLiteral("OpenAI/Python 1.54.3"));
        QCOMPARE(fromDb[4].prompt,
                 QStringLiteral("Grade this answer against the rubric and show your reasoning."));
        QCOMPARE(fromDb[5].status, std::optional<int64_t>(429));

        // The same rows again are refused; --force takes them.
        const auto again = test::runCli({QStringLiteral("import"), c, server_.url()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already in this case"), again.err.constData());
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM requests"), int64_t(7));
        file.reset();
        const auto forced =
            test::runCli({QStringLiteral("import"), c, server_.url(), QStringLiteral("--force")});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
    }

    void streamsPastOneFetch() {
        QString error;
        QVERIFY2(
            server_.sql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE big"), &error),
            qPrintable(error));
        QVERIFY2(server_.sqlFile(QStringLiteral("big"),
                                 fixture(QStringLiteral("spendlogs-postgres.sql")), &error),
                 qPrintable(error));
        // 12,345 calls of 40 users: several cursor fetches.
        QVERIFY2(
            server_.sql(
                QStringLiteral("big"),
                QStringLiteral(
                    "INSERT INTO \"LiteLLM_SpendLogs\"(request_id, call_type, api_key, "
                    "\"startTime\", \"endTime\", model, \"user\", prompt_tokens, request_tags) "
                    "SELECT 'r' || g, 'acompletion', 'k' || (g % 40), "
                    "timestamp '2025-06-01' + g * interval '1 second', "
                    "timestamp '2025-06-01' + g * interval '1 second' + interval '250 ms', "
                    "'gpt-4o', 'u' || (g % 40), g % 100, "
                    "('[\"User-Agent: bot/' || (g % 3) || '\"]')::jsonb "
                    "FROM generate_series(1, 12345) g"),
                &error),
            qPrintable(error));
        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("c.quarry"));
        const auto r =
            test::runCli({QStringLiteral("import"), c, server_.url(QStringLiteral("big"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QString e;
        auto file = CaseFile::open(c, CaseFile::Access::ReadOnly, &e);
        QVERIFY2(file, qPrintable(e));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM requests"), int64_t(12345));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM accounts"), int64_t(40));
        QCOMPARE(sql::queryInt(file->db(), "SELECT count(*) FROM user_agents"), int64_t(3));
        QCOMPARE(sql::queryInt(file->db(), "SELECT min(latency_ms) FROM requests"), int64_t(250));
        // In startTime order: the first stored row is the earliest call.
        QCOMPARE(sql::queryInt(file->db(), "SELECT ts FROM requests ORDER BY id LIMIT 1"),
                 int64_t(1748736001000));
    }

    void inspectReadsTheServer() {
        const auto r = test::runCli({QStringLiteral("inspect"), server_.url(),
                                     QStringLiteral("--rows"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("format  litellm-postgresql"), r.out.constData());
        QVERIFY2(r.out.contains("proxy_server_request"), r.out.constData());
        QVERIFY2(r.out.contains("line 1: imported"), r.out.constData());
        QVERIFY(!r.out.contains("not-a-secret"));
    }

    void unreachableServerAndMissingTableAreNamed() {
        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("c.quarry"));
        auto r =
            test::runCli({QStringLiteral("import"), c, server_.url(QStringLiteral("postgres"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("has no table \"LiteLLM_SpendLogs\""), r.err.constData());
        QVERIFY2(!r.err.contains("not-a-secret"), r.err.constData());

        const QString closed =
            QStringLiteral("postgresql://quarry:not-a-secret@127.0.0.1:%1/litellm")
                .arg(freeLoopbackPort());
        r = test::runCli({QStringLiteral("import"), c, closed});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot connect"), r.err.constData());
        QVERIFY2(!r.err.contains("not-a-secret"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);  // one line
    }

private:
    PostgresServer server_;
};

QTEST_GUILESS_MAIN(TestPostgresImport)
#include "tst_postgresimport.moc"
