// SPDX-License-Identifier: GPL-3.0-or-later
// quarry [CASE] [--screenshot FILE.png [--size WxH] [--view VIEW] [--account ID] [--cluster ID]] | --demo
#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QIcon>
#include <QRegularExpression>
#include <QTimer>

#include <qcustomplot.h>

#include <cstdio>

#include "importcontroller.h"
#include "core/runtimedir.h"
#include "mainwindow.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"

using quarry::gui::MainWindow;

namespace {

// Lets queued work (worker results, queued replots) land until the window is idle.
void settle(MainWindow& w, int timeoutMs = 120000) {
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    do {
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    } while (w.busy() && !deadline.hasExpired());
    for (int i = 0; i < 5; ++i) {  // debounced reloads and queued replots
        QTimer::singleShot(60, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

// "WxH" (e.g. 1366x768) within what a window can be; false with a one-line reason otherwise.
bool parseSize(const QString& text, QSize* size, QString* error) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch()) {
        *error = QStringLiteral("--size wants WIDTHxHEIGHT in pixels, e.g. 1366x768 (got \"%1\")").arg(text);
        return false;
    }
    const QSize s(m.captured(1).toInt(), m.captured(2).toInt());
    if (s.width() < 640 || s.height() < 480 || s.width() > 7680 || s.height() > 4320) {
        *error = QStringLiteral("--size %1: width 640 to 7680 and height 480 to 4320 pixels").arg(text);
        return false;
    }
    *size = s;
    return true;
}

int screenshot(MainWindow& w, const QCommandLineParser& args, const QString& casePath) {
    const QString out = args.value(QStringLiteral("screenshot"));
    QSize size(1600, 1000);
    QString sizeError;
    if (args.isSet(QStringLiteral("size")) && !parseSize(args.value(QStringLiteral("size")), &size, &sizeError)) {
        std::fprintf(stderr, "quarry: %s\n", qPrintable(sizeError));
        return 2;
    }
    w.resize(size);
    w.show();
    QString error;
    if (casePath.isEmpty() || !w.openCase(casePath, &error)) {
        std::fprintf(stderr, "quarry: %s\n", qPrintable(casePath.isEmpty() ? QStringLiteral("no case given") : error));
        return 2;
    }
    settle(w);
    if (args.isSet(QStringLiteral("cluster")) && !w.selection()->selectCluster(args.value(QStringLiteral("cluster")).toLongLong())) {
        std::fprintf(stderr, "quarry: no cluster %s\n", qPrintable(args.value(QStringLiteral("cluster"))));
        return 2;
    }
    settle(w);
    if (args.isSet(QStringLiteral("account")) && !w.selection()->selectAccountByName(args.value(QStringLiteral("account")))) {
        std::fprintf(stderr, "quarry: no account %s\n", qPrintable(args.value(QStringLiteral("account"))));
        return 2;
    }
    settle(w);
    if (args.isSet(QStringLiteral("view")) && !w.views()->showNamedView(args.value(QStringLiteral("view")))) {
        std::fprintf(stderr, "quarry: unknown view %s (overview, account, cluster or compare)\n",
                     qPrintable(args.value(QStringLiteral("view"))));
        return 2;
    }
    settle(w);
    for (QCustomPlot* plot : w.findChildren<QCustomPlot*>()) plot->replot();
    const QImage image = w.grab().toImage();
    if (!image.save(out)) {
        std::fprintf(stderr, "quarry: cannot write %s\n", qPrintable(out));
        return 1;
    }
    std::printf("%s: %dx%d\n", qPrintable(out), image.width(), image.height());
    return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
    quarry::ensureRuntimeDir();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Quarry"));
    QApplication::setApplicationName(QStringLiteral("quarry"));
    QApplication::setApplicationVersion(QStringLiteral(QUARRY_VERSION));
    QApplication::setStyle(QStringLiteral("Fusion"));
    // Ties the windows to the installed desktop entry and its icon (Wayland app id, task bars).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.quarry.Quarry"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.quarry.Quarry")));

    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("Quarry: investigate distillation campaigns in LLM API logs."));
    args.addHelpOption();
    args.addVersionOption();
    args.addPositionalArgument(QStringLiteral("case"), QStringLiteral("A .quarry case to open."), QStringLiteral("[CASE]"));
    args.addOptions({
        {QStringLiteral("screenshot"), QStringLiteral("Render the window (1600x1000 unless --size) to FILE.png and exit."), QStringLiteral("FILE")},
        {QStringLiteral("size"), QStringLiteral("With --screenshot: the window size in pixels, e.g. 1366x768."), QStringLiteral("WxH")},
        {QStringLiteral("account"), QStringLiteral("With --screenshot: select this account (name or id)."), QStringLiteral("ID")},
        {QStringLiteral("cluster"), QStringLiteral("With --screenshot: select this cluster."), QStringLiteral("ID")},
        {QStringLiteral("view"),
         QStringLiteral("With --screenshot: show this view: overview (whole-case heatmap), account (the "
                        "account's timeline and heatmap), cluster (the cluster's punchcard and members x "
                        "topics), compare (the cluster's members, or the selected accounts, on one time axis) or graph "
                        "(the cluster graph tab)."),
         QStringLiteral("VIEW")},
        {QStringLiteral("demo"), QStringLiteral("Generate, import, analyse and open a demo case.")},
        {QStringLiteral("demo-case"), QStringLiteral("Open this demo case (as CASE)."), QStringLiteral("CASE")},
    });
    args.process(app);
    QString casePath = args.positionalArguments().value(0);
    if (casePath.isEmpty()) casePath = args.value(QStringLiteral("demo-case"));

    if (args.isSet(QStringLiteral("screenshot"))) {
        MainWindow w(false);
        return screenshot(w, args, casePath);
    }

    MainWindow w;
    w.showInitial();
    if (args.isSet(QStringLiteral("demo"))) {
        QTimer::singleShot(0, &w, [&w] { w.imports()->openDemo(); });
    } else if (!casePath.isEmpty()) {
        QString error;
        if (!w.openCase(casePath, &error)) std::fprintf(stderr, "quarry: %s\n", qPrintable(error));
    }
    return app.exec();
}
