// SPDX-License-Identifier: GPL-3.0-or-later
// `quarry CASE --screenshot FILE.png [--size WxH] [--account ID] [--cluster ID]` writes a PNG of
// the window at that size (1600x1000 without --size).
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "guitestutil.h"

class TestGuiScreenshot final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void screenshot_data();
    void screenshot();
    void unknownAccountFails();
    void unknownViewFails();
    void sizeSetsTheWindow_data();
    void sizeSetsTheWindow();
    void badSizeFails_data();
    void badSizeFails();

private:
    int runQuarry(const QStringList& args, QByteArray* output);
    QTemporaryDir dir_;
    QString case_;
};

void TestGuiScreenshot::initTestCase() {
    QVERIFY(dir_.isValid());
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
}

int TestGuiScreenshot::runQuarry(const QStringList& args, QByteArray* output) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(QUARRY_GUI), args);
    if (!p.waitForFinished(120000)) return -1;
    if (output) *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void TestGuiScreenshot::screenshot_data() {
    QTest::addColumn<QStringList>("selection");
    QTest::newRow("case") << QStringList{};
    QTest::newRow("cluster") << QStringList{QStringLiteral("--cluster"), QStringLiteral("0")};
    QTest::newRow("account by id") << QStringList{QStringLiteral("--account"), QStringLiteral("1")};
    for (const char* view : {"overview", "account", "cluster", "compare"})
        QTest::newRow(qPrintable(QStringLiteral("view %1").arg(QLatin1String(view))))
            << QStringList{QStringLiteral("--view"), QString::fromLatin1(view)};
}

void TestGuiScreenshot::screenshot() {
    QFETCH(QStringList, selection);
    const QString png = dir_.filePath(QStringLiteral("shot-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('_')));
    QByteArray out;
    QCOMPARE(runQuarry(QStringList{case_, QStringLiteral("--screenshot"), png} + selection, &out), 0);
    QFileInfo info(png);
    QVERIFY2(info.exists() && info.size() > 10000, out.constData());
    QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
}

void TestGuiScreenshot::unknownAccountFails() {
    QByteArray out;
    const QString png = dir_.filePath(QStringLiteral("none.png"));
    QVERIFY(runQuarry({case_, QStringLiteral("--screenshot"), png, QStringLiteral("--account"),
                       QStringLiteral("no-such-account")},
                      &out) != 0);
    QVERIFY(!QFileInfo::exists(png));
}

void TestGuiScreenshot::unknownViewFails() {
    QByteArray out;
    const QString png = dir_.filePath(QStringLiteral("noview.png"));
    QCOMPARE(runQuarry({case_, QStringLiteral("--screenshot"), png, QStringLiteral("--view"), QStringLiteral("bogus")},
                       &out),
             2);
    QVERIFY(out.contains("unknown view"));
    QVERIFY(!QFileInfo::exists(png));
}

void TestGuiScreenshot::sizeSetsTheWindow_data() {
    QTest::addColumn<QString>("size");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("laptop") << QStringLiteral("1366x768") << QSize(1366, 768);
    QTest::newRow("full HD") << QStringLiteral("1920X1080") << QSize(1920, 1080);
}

void TestGuiScreenshot::sizeSetsTheWindow() {
    QFETCH(QString, size);
    QFETCH(QSize, expected);
    const QString png = dir_.filePath(QStringLiteral("sized-%1.png").arg(size));
    QByteArray out;
    QCOMPARE(runQuarry({case_, QStringLiteral("--screenshot"), png, QStringLiteral("--size"), size,
                        QStringLiteral("--view"), QStringLiteral("account")},
                       &out),
             0);
    QCOMPARE(QImage(png).size(), expected);
}

void TestGuiScreenshot::badSizeFails_data() {
    QTest::addColumn<QString>("size");
    for (const char* bad : {"1366", "1366x", "x768", "1366*768", "-1366x768", "100x100", "99999x768", "wide"})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void TestGuiScreenshot::badSizeFails() {
    QFETCH(QString, size);
    const QString png = dir_.filePath(QStringLiteral("badsize.png"));
    QByteArray out;
    QCOMPARE(runQuarry({case_, QStringLiteral("--screenshot"), png, QStringLiteral("--size"), size}, &out), 2);
    QVERIFY(!QFileInfo::exists(png));
    // One line that names the option, not a usage dump.
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QByteArray message;
    for (const QByteArray& line : lines)
        if (line.startsWith("quarry:")) message = line;
    QVERIFY2(message.contains("--size"), out.constData());
}

QTEST_MAIN(TestGuiScreenshot)
#include "tst_gui_screenshot.moc"
