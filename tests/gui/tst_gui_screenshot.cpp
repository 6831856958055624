// SPDX-License-Identifier: GPL-3.0-or-later
// `quarry CASE --screenshot FILE.png [--account ID] [--cluster ID]` writes a 1600x1000 PNG.
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

QTEST_MAIN(TestGuiScreenshot)
#include "tst_gui_screenshot.moc"
