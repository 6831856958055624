// SPDX-License-Identifier: GPL-3.0-or-later
// Tags and notes: invertible operations with audit entries, the tag CLI (cluster members,
// unknown tags), and a tag survives the process being killed right after it returns.
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "store/auditlog.h"
#include "evidence/tags.h"
#include "store/casefile.h"
#include "store/sqlite.h"
#include "testutil.h"

using namespace quarry;
using evidence::Target;
using evidence::TargetType;

namespace {

// A small analysed case shared by the tests (generated once).
QString g_case;

std::unique_ptr<CaseFile> openCopy(const QTemporaryDir& dir, QString* path = nullptr) {
    const QString p = dir.filePath(QStringLiteral("copy.quarry"));
    QFile::remove(p);
    if (!QFile::copy(g_case, p)) return nullptr;
    if (path) *path = p;
    return CaseFile::open(p, CaseFile::Access::ReadWrite, nullptr);
}

// Child mode: tag an account, say so, and die by SIGKILL before any clean-up.
int childMain(const QString& casePath, const QString& account) {
    QString error;
    auto file = CaseFile::open(casePath, CaseFile::Access::ReadWrite, &error);
    if (!file) return 3;
    evidence::TagStore store(*file);
    const auto id = store.accountId(account);
    if (!id || !store.assign(QStringLiteral("confirmed-distillation"), {{TargetType::Account, *id}}, nullptr, &error))
        return 4;
    if (!store.setNote({TargetType::Account, *id}, QStringLiteral("killed right after"), nullptr, &error)) return 5;
    std::fputs("tagged\n", stdout);
    std::fflush(stdout);
    std::raise(SIGKILL);
    return 6;
}

}  // namespace

class TestTags final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString firstAccount_;

private slots:
    void initTestCase() {
        qputenv("QUARRY_ANALYST", "tagger");
        const QString gen = dir_.filePath(QStringLiteral("gen"));
        g_case = dir_.filePath(QStringLiteral("c.quarry"));
        auto r = test::runCli({QStringLiteral("generate"), QStringLiteral("--out"), gen, QStringLiteral("--seed"),
                               QStringLiteral("3"), QStringLiteral("--accounts"), QStringLiteral("80"),
                               QStringLiteral("--campaigns"), QStringLiteral("1"), QStringLiteral("--campaign-accounts"),
                               QStringLiteral("10"), QStringLiteral("--days"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("import"), g_case, gen + QStringLiteral("/requests.csv")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("analyze"), g_case});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto file = CaseFile::open(g_case, CaseFile::Access::ReadOnly, nullptr);
        QVERIFY(file);
        sql::Statement s(file->db(), "SELECT value FROM accounts ORDER BY id LIMIT 1");
        QVERIFY(s.step());
        firstAccount_ = s.text(0);
    }

    void defaultTags() {
        auto file = CaseFile::open(g_case, CaseFile::Access::ReadOnly, nullptr);
        evidence::TagStore store(*file);
        QStringList names;
        for (const auto& t : store.tags()) names << t.name;
        QCOMPARE(names, (QStringList{QStringLiteral("suspected-distillation"), QStringLiteral("confirmed-distillation"),
                                     QStringLiteral("benign"), QStringLiteral("needs-review"),
                                     QStringLiteral("false-positive")}));
    }

    void assignIsInvertible() {
        QTemporaryDir d;
        auto file = openCopy(d);
        QVERIFY(file);
        evidence::TagStore store(*file);
        const int64_t a = *store.accountId(firstAccount_);
        const std::vector<Target> targets = {{TargetType::Account, a}, {TargetType::Request, 1}, {TargetType::Cluster, 0}};
        std::vector<Target> changed;
        QString error;
        QVERIFY2(store.assign(QStringLiteral("needs-review"), targets, &changed, &error), qPrintable(error));
        QCOMPARE(changed.size(), size_t(3));
        // Again: nothing new, no audit entry.
        const auto before = evidence::auditEntries(file->db()).size();
        QVERIFY(store.assign(QStringLiteral("needs-review"), targets, &changed, &error));
        QVERIFY(changed.empty());
        QCOMPARE(evidence::auditEntries(file->db()).size(), before);
        QCOMPARE(store.tagsOf({TargetType::Account, a}), std::vector<QString>{QStringLiteral("needs-review")});
        QCOMPARE(store.targetsWithTag(QStringLiteral("needs-review"), TargetType::Request), std::vector<int64_t>{1});
        // Undo = unassign what changed.
        QVERIFY(store.unassign(QStringLiteral("needs-review"), targets, &changed, &error));
        QCOMPARE(changed.size(), size_t(3));
        QVERIFY(store.tagsOf({TargetType::Account, a}).empty());
        const auto entries = evidence::auditEntries(file->db());
        QCOMPARE(entries.back().action, QStringLiteral("untag"));
        QCOMPARE(entries[entries.size() - 2].action, QStringLiteral("tag"));
        QCOMPARE(entries.back().analyst, QStringLiteral("tagger"));
        QVERIFY(evidence::verifyAudit(file->db()).ok);
        QVERIFY(!store.assign(QStringLiteral("no-such-tag"), targets, &changed, &error));
        QVERIFY(error.contains(QLatin1String("no-such-tag")));
    }

    void notesReturnThePrevious() {
        QTemporaryDir d;
        auto file = openCopy(d);
        evidence::TagStore store(*file);
        const Target c{TargetType::Cluster, 0};
        QString previous = QStringLiteral("x"), error;
        QVERIFY(store.setNote(c, QStringLiteral("first"), &previous, &error));
        QVERIFY(previous.isEmpty());
        QVERIFY(store.setNote(c, QStringLiteral("second"), &previous, &error));
        QCOMPARE(previous, QStringLiteral("first"));
        QCOMPARE(store.note(c), QStringLiteral("second"));
        QVERIFY(store.setNote(c, previous, &previous, &error));  // undo
        QCOMPARE(store.note(c), QStringLiteral("first"));
        QVERIFY(store.setNote(c, QString(), &previous, &error));  // delete
        QVERIFY(store.note(c).isEmpty());
        QVERIFY(!store.setNote({TargetType::Request, 1}, QStringLiteral("n"), nullptr, &error));
        int notes = 0;
        for (const auto& e : evidence::auditEntries(file->db())) notes += e.action == QLatin1String("note");
        QCOMPARE(notes, 4);
    }

    void createTag() {
        QTemporaryDir d;
        auto file = openCopy(d);
        evidence::TagStore store(*file);
        QString error;
        QVERIFY(!store.createTag(QStringLiteral("Bad Name"), QString(), QString(), &error));
        QVERIFY(!store.createTag(QStringLiteral("ok"), QStringLiteral("red"), QString(), &error));
        QVERIFY2(store.createTag(QStringLiteral("proxy-hydra"), QStringLiteral("#112233"), QStringLiteral("d"), &error),
                 qPrintable(error));
        QVERIFY(!store.createTag(QStringLiteral("proxy-hydra"), QString(), QString(), &error));
        QCOMPARE(evidence::auditEntries(file->db()).back().action, QStringLiteral("tag.create"));
    }

    void editAndDeleteTag() {
        QTemporaryDir d;
        auto file = openCopy(d);
        evidence::TagStore store(*file);
        QString error;
        QVERIFY(store.createTag(QStringLiteral("wave-2"), QStringLiteral("#112233"), QStringLiteral("old"), &error));
        QVERIFY(!store.updateTag(QStringLiteral("wave-2"), QStringLiteral("blue"), QString(), &error));
        QVERIFY(!store.updateTag(QStringLiteral("no-such-tag"), QStringLiteral("#000000"), QString(), &error));
        QVERIFY2(store.updateTag(QStringLiteral("wave-2"), QStringLiteral("#445566"), QStringLiteral("new"), &error),
                 qPrintable(error));
        QCOMPARE(store.tag(QStringLiteral("wave-2"))->color, QStringLiteral("#445566"));
        QCOMPARE(store.tag(QStringLiteral("wave-2"))->description, QStringLiteral("new"));
        QCOMPARE(evidence::auditEntries(file->db()).back().action, QStringLiteral("tag.edit"));

        // A tag still on a target is not deleted (its removal would go unaudited per target).
        const int64_t account = sql::queryInt(file->db(), "SELECT min(id) FROM accounts");
        QVERIFY(store.assign(QStringLiteral("wave-2"), {{TargetType::Account, account}}, nullptr, &error));
        QVERIFY(!store.deleteTag(QStringLiteral("wave-2"), &error));
        QVERIFY(error.contains(QStringLiteral("still on 1")));
        QVERIFY(store.unassign(QStringLiteral("wave-2"), {{TargetType::Account, account}}, nullptr, &error));
        QVERIFY2(store.deleteTag(QStringLiteral("wave-2"), &error), qPrintable(error));
        QVERIFY(!store.tag(QStringLiteral("wave-2")));
        QCOMPARE(evidence::auditEntries(file->db()).back().action, QStringLiteral("tag.delete"));
        QVERIFY(evidence::verifyAudit(file->db()).ok);
    }

    void cliClusterWithMembers() {
        QTemporaryDir d;
        QString path;
        openCopy(d, &path).reset();
        auto r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--cluster"), QStringLiteral("0"),
                               QStringLiteral("--members"), QStringLiteral("suspected-distillation"),
                               QStringLiteral("--note"), QStringLiteral("=HYPERLINK(\"x\")")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto file = CaseFile::open(path, CaseFile::Access::ReadOnly, nullptr);
        evidence::TagStore store(*file);
        const auto members = store.clusterMembers(0);
        QVERIFY(!members.empty());
        QCOMPARE(store.targetsWithTag(QStringLiteral("suspected-distillation"), TargetType::Account), members);
        QCOMPARE(store.targetsWithTag(QStringLiteral("suspected-distillation"), TargetType::Cluster), std::vector<int64_t>{0});
        QCOMPARE(store.note({TargetType::Cluster, 0}), QStringLiteral("=HYPERLINK(\"x\")"));
        file.reset();
        // Unknown tag: refused unless --create; unknown account or cluster: refused.
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--account"), firstAccount_, QStringLiteral("hydra")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--create"));
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--account"), firstAccount_, QStringLiteral("hydra"),
                          QStringLiteral("--create"), QStringLiteral("--color"), QStringLiteral("#abcdef")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--account"), QStringLiteral("nobody"), QStringLiteral("benign")});
        QCOMPARE(r.exitCode, 1);
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--cluster"), QStringLiteral("99999"), QStringLiteral("benign")});
        QCOMPARE(r.exitCode, 1);
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--account"), firstAccount_, QStringLiteral("hydra"),
                          QStringLiteral("--remove")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("audit"), path, QStringLiteral("--verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::runCli({QStringLiteral("tag"), path, QStringLiteral("--list")});
        QVERIFY(r.out.contains("hydra\t#abcdef\t0 accounts"));
    }

    void tagSurvivesKill() {
        QTemporaryDir d;
        QString path;
        openCopy(d, &path).reset();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TST_TAGS_CHILD_CASE"), path);
        env.insert(QStringLiteral("TST_TAGS_CHILD_ACCOUNT"), firstAccount_);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(child.readAllStandardOutput(), QByteArray("tagged\n"));
        auto file = CaseFile::open(path, CaseFile::Access::ReadOnly, nullptr);
        QVERIFY(file);
        evidence::TagStore store(*file);
        const Target t{TargetType::Account, *store.accountId(firstAccount_)};
        QCOMPARE(store.tagsOf(t), std::vector<QString>{QStringLiteral("confirmed-distillation")});
        QCOMPARE(store.note(t), QStringLiteral("killed right after"));
        const auto v = evidence::verifyAudit(file->db());
        QVERIFY2(v.ok, qPrintable(v.reason));
        QCOMPARE(evidence::auditEntries(file->db()).back().action, QStringLiteral("note"));

        // The CLI: kill the process as soon as it has said it is done.
        file.reset();
        QProcess cli;
        cli.start(test::cliPath(), {QStringLiteral("tag"), path, QStringLiteral("--account"), firstAccount_,
                                    QStringLiteral("benign")});
        QVERIFY(cli.waitForReadyRead(60000));
        cli.kill();
        cli.waitForFinished();
        file = CaseFile::open(path, CaseFile::Access::ReadOnly, nullptr);
        QVERIFY(file);
        evidence::TagStore again(*file);
        QCOMPARE(again.tagsOf(t).size(), size_t(2));
    }
};

int main(int argc, char** argv) {
    const QString childCase = qEnvironmentVariable("TST_TAGS_CHILD_CASE");
    if (!childCase.isEmpty()) {
        QCoreApplication app(argc, argv);
        return childMain(childCase, qEnvironmentVariable("TST_TAGS_CHILD_ACCOUNT"));
    }
    QCoreApplication app(argc, argv);
    TestTags t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_tags.moc"
