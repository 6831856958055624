// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop integration the package installs (installer/desktop/): the desktop entry and the
// AppStream metadata pass their validators, the entry opens the case type with the file, and the
// shared-mime-info type, compiled by the real update-mime-database, makes a real case (made by
// quarry-cli) an application/x-quarry-case by name and by content while other SQLite files stay
// plain SQLite. The versions in the metainfo, Debian changelog and man pages follow the project's.
#include <QDir>
#include <QFile>
#include <QMap>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "testutil.h"

using namespace quarry::test;

namespace {

const QString kAppId = QStringLiteral("io.github.quarry.Quarry");
const QString kCaseType = QStringLiteral("application/x-quarry-case");

QString installerFile(const QString& relative) {
    return QStringLiteral(QUARRY_INSTALLER_DIR "/") + relative;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

struct ToolResult {
    int exitCode = -1;
    QByteArray output;  // stdout and stderr together: the validators print findings on either
};

// Runs a validator that install-deps.sh installs; a missing one fails the test, naming it.
ToolResult runTool(const QString& program, const QStringList& args) {
    ToolResult r;
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        r.output = program.toUtf8() + " not found (installer/install-deps.sh installs it)";
        return r;
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(path, args);
    if (!p.waitForFinished(120000)) {
        r.output = program.toUtf8() + " did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = p.readAll();
    return r;
}

// The [Desktop Entry] group as key -> value (the entry has no localised keys).
QMap<QString, QString> desktopEntry() {
    QMap<QString, QString> keys;
    bool inGroup = false;
    const QList<QByteArray> lines =
        readAll(installerFile(QStringLiteral("desktop/%1.desktop").arg(kAppId))).split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == QLatin1String("[Desktop Entry]");
        } else if (inGroup && line.contains(QLatin1Char('='))) {
            const int eq = line.indexOf(QLatin1Char('='));
            keys.insert(line.left(eq), line.mid(eq + 1));
        }
    }
    return keys;
}

QString firstCapture(const QByteArray& text, const QString& pattern) {
    return QRegularExpression(pattern).match(QString::fromUtf8(text)).captured(1);
}

bool writeSqliteWithoutAppId(const QString& path) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
              sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr,
                           nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

}  // namespace

class TestDesktopIntegration : public QObject {
    Q_OBJECT

    QTemporaryDir xdg_;

    QString mimeDir() const { return xdg_.filePath(QStringLiteral("share/mime")); }

private slots:
    void initTestCase() {
        QVERIFY(xdg_.isValid());
        // A private MIME database, the only one Qt and update-mime-database see (set before the
        // first QMimeDatabase use): the system's type definitions plus ours, compiled into one
        // cache as the package's trigger does in /usr/share/mime. One cache matters: Qt 6.4 lets
        // a later cache's lower-priority magic (plain SQLite) override an earlier one's.
        QVERIFY(QDir().mkpath(xdg_.filePath(QStringLiteral("home"))));
        QVERIFY(QDir().mkpath(mimeDir() + QStringLiteral("/packages")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(xdg_.filePath(QStringLiteral("home"))));
        qputenv("XDG_DATA_DIRS", QFile::encodeName(xdg_.filePath(QStringLiteral("share"))));
    }

    void desktopEntryValidates() {
        const ToolResult r =
            runTool(QStringLiteral("desktop-file-validate"),
                    {installerFile(QStringLiteral("desktop/%1.desktop").arg(kAppId))});
        QVERIFY2(r.exitCode == 0 && r.output.trimmed().isEmpty(), r.output.constData());
    }

    void desktopEntryOpensCasesInQuarry() {
        const QMap<QString, QString> entry = desktopEntry();
        QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
        // A file manager passes the chosen file as the one positional argument quarry opens.
        QCOMPARE(entry.value(QStringLiteral("Exec")), QStringLiteral("quarry %f"));
        QVERIFY(
            entry.value(QStringLiteral("MimeType")).split(QLatin1Char(';')).contains(kCaseType));
        QCOMPARE(entry.value(QStringLiteral("Icon")), kAppId);
        QVERIFY(QFile::exists(installerFile(QStringLiteral("desktop/%1.svg").arg(kAppId))));
    }

    void metainfoValidatesAndMatchesTheEntry() {
        const QString path = installerFile(QStringLiteral("desktop/%1.metainfo.xml").arg(kAppId));
        const ToolResult r =
            runTool(QStringLiteral("appstreamcli"),
                    {QStringLiteral("validate"), QStringLiteral("--no-net"), path});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        const QByteArray xml = readAll(path);
        QCOMPARE(firstCapture(xml, QStringLiteral("<id>([^<]+)</id>")), kAppId);
        QCOMPARE(firstCapture(xml, QStringLiteral("<launchable type=\"desktop-id\">([^<]+)<")),
                 kAppId + QStringLiteral(".desktop"));
        QCOMPARE(firstCapture(xml, QStringLiteral("<mediatype>([^<]+)<")), kCaseType);
        QCOMPARE(firstCapture(xml, QStringLiteral("<project_license>([^<]+)<")),
                 QStringLiteral("GPL-3.0-or-later"));
    }

    // A release bumps PROJECT_VERSION; the package's changelog, metainfo and man pages must follow.
    void packagedVersionsFollowTheProject() {
        const QString version = QStringLiteral(QUARRY_VERSION);
        QCOMPARE(firstCapture(readAll(installerFile(QStringLiteral("debian/changelog"))),
                              QStringLiteral("^quarry-workstation \\(([^)]+)\\)")),
                 version);
        QCOMPARE(firstCapture(
                     readAll(installerFile(QStringLiteral("desktop/%1.metainfo.xml").arg(kAppId))),
                     QStringLiteral("<release version=\"([^\"]+)\"")),
                 version);
        for (const QString& page :
             {QStringLiteral("man/quarry.1"), QStringLiteral("man/quarry-cli.1")})
            QCOMPARE(
                firstCapture(readAll(installerFile(page)), QStringLiteral("\"Quarry ([^\"]+)\"")),
                version);
    }

    void caseFilesAreRecognisedByNameAndContent() {
        const QDir systemPackages(QStringLiteral("/usr/share/mime/packages"));
        const QStringList systemXml =
            systemPackages.entryList({QStringLiteral("*.xml")}, QDir::Files);
        QVERIFY2(systemXml.contains(QStringLiteral("freedesktop.org.xml")),
                 "shared-mime-info is not installed");
        for (const QString& name : systemXml)
            QVERIFY(QFile::copy(systemPackages.filePath(name),
                                mimeDir() + QStringLiteral("/packages/") + name));
        QVERIFY(QFile::copy(installerFile(QStringLiteral("desktop/%1.mime.xml").arg(kAppId)),
                            mimeDir() + QStringLiteral("/packages/%1.xml").arg(kAppId)));
        const ToolResult compiled = runTool(QStringLiteral("update-mime-database"), {mimeDir()});
        QVERIFY2(compiled.exitCode == 0 && compiled.output.trimmed().isEmpty(),
                 compiled.output.constData());
        QVERIFY(QFile::exists(mimeDir() + QStringLiteral("/application/x-quarry-case.xml")));

        // A real case, made the way an analyst makes one.
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString csv = work.filePath(QStringLiteral("requests.csv"));
        QVERIFY(writeFile(csv, "timestamp,account_id,prompt\n2026-01-05T10:00:00Z,acct-1,hello\n"));
        const QString casePath = work.filePath(QStringLiteral("incident.quarry"));
        const CliResult imported = runCli({QStringLiteral("import"), casePath, csv});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const QString renamed = work.filePath(QStringLiteral("incident-copy"));
        QVERIFY(QFile::copy(casePath, renamed));
        const QString plain = work.filePath(QStringLiteral("other-database"));
        QVERIFY(writeSqliteWithoutAppId(plain));

        QMimeDatabase mimes;
        const QMimeType byName = mimes.mimeTypeForFile(casePath);
        QCOMPARE(byName.name(), kCaseType);
        QVERIFY(byName.inherits(QStringLiteral("application/vnd.sqlite3")));
        QCOMPARE(byName.comment(), QStringLiteral("Quarry case"));
        // Without the extension the header's application_id "QRRY" still tells it apart.
        QCOMPARE(mimes.mimeTypeForFile(renamed, QMimeDatabase::MatchContent).name(), kCaseType);
        QCOMPARE(mimes.mimeTypeForFile(plain, QMimeDatabase::MatchContent).name(),
                 QStringLiteral("application/vnd.sqlite3"));
        QVERIFY(mimes.mimeTypeForFile(csv).name() != kCaseType);
    }
};

QTEST_GUILESS_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
