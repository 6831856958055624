// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode: Export Chart… writes every chart of the window (timeline, heatmap,
// punchcard, topic matrix, compare, hourly rate, cluster graph) as PNG, SVG and PDF at the size
// asked for; the UI scale grows fonts, plot fonts and table rows and is kept between runs; Focus
// Panel shows one panel alone and puts the window back.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsView>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

#include "dialogs/chartexportdialog.h"
#include "graph/clustergraph.h"
#include "graph/graphview.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "plots/chartexport.h"
#include "presentationcontroller.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"

using namespace quarry::gui;

namespace {

// Colours in an image: a chart drawn is more than its background.
int colours(const QImage& image) {
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) seen.insert(image.pixel(x, y));
    return int(seen.size());
}

QSizeF pdfPage(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray pdf = f.readAll();
    if (!pdf.startsWith("%PDF-")) return {};
    static const QRegularExpression box(
        QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*\\]"));
    const QRegularExpressionMatch m = box.match(QString::fromLatin1(pdf));
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

}  // namespace

class TestGuiPresentation final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void exportEveryChart_data();
    void exportEveryChart();
    void exportRefusesWhatItCannotWrite();
    void exportFromViewMenuThroughDialog();
    void contextMenuOffersExport();
    void uiScaleGrowsFontsAndIsKept();
    void focusPanelShowsOnePanelAndGoesBack();

private:
    QWidget* chart(const QString& name);
    QTemporaryDir dir_;
    std::unique_ptr<quarry::CaseFile> file_;
    QString case_;
    std::unique_ptr<MainWindow> w_;
    qint64 topCluster_ = -1;
};

void TestGuiPresentation::initTestCase() {
    QString log;
    case_ = quarry::test::openAnalysedCase(dir_, file_, &log);
    QVERIFY2(file_, qPrintable(log));
    QSettings().clear();
    w_ = std::make_unique<MainWindow>(false);
    w_->resize(1920, 1080);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    QVERIFY(w_->openCase(case_));
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    // The top cluster, as an analyst starts: the graph has nodes and links to draw.
    const std::vector<quarry::gui::ClusterRecord> clusters = quarry::gui::loadClusters(file_->db());
    QVERIFY(!clusters.empty());
    topCluster_ = clusters.front().id;
    QVERIFY(w_->selection()->selectCluster(topCluster_));
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!w_->findChild<ClusterGraph*>()->loading(), 60000);
    // Patterns and compare hold data only once shown.
    w_->views()->showViewTab(ViewsController::PatternsTab);
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    w_->views()->compareClusterMembers(topCluster_);
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    w_->views()->showViewTab(ViewsController::AccountTab);
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
}

void TestGuiPresentation::cleanupTestCase() {
    w_.reset();
    QSettings().clear();
}

QWidget* TestGuiPresentation::chart(const QString& name) {
    if (name == QLatin1String("clusterGraph")) return w_->findChild<ClusterGraph*>()->view();
    return w_->findChild<QCustomPlot*>(name);
}

void TestGuiPresentation::exportEveryChart_data() {
    QTest::addColumn<QString>("chart");
    QTest::addColumn<QString>("format");
    for (const char* c : {"timeline", "heatmap", "punchcard", "topicMatrix", "compare",
                          "overviewHourly", "clusterGraph"})
        for (const char* f : {"png", "svg", "pdf"})
            QTest::newRow(
                qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(c), QLatin1String(f))))
                << QString::fromLatin1(c) << QString::fromLatin1(f);
}

void TestGuiPresentation::exportEveryChart() {
    QFETCH(QString, chart);
    QFETCH(QString, format);
    QWidget* c = this->chart(chart);
    QVERIFY(c);
    // Not the size on screen: a slide's size, so the test sees the size asked for.
    const QSize size(1000, 560);
    const QString path = dir_.filePath(QStringLiteral("%1.%2").arg(chart, format));
    QString error;
    QVERIFY2(exportChart(c, path, size, &error), qPrintable(error));
    if (format == QLatin1String("png")) {
        const QImage image(path);
        QCOMPARE(image.size(), size);
        QVERIFY2(colours(image) > 4, "an empty picture");
    } else if (format == QLatin1String("pdf")) {
        QCOMPARE(pdfPage(path), QSizeF(size));
        QVERIFY(QFileInfo(path).size() > 1500);
    } else {
        QSvgRenderer svg(path);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBox(), QRect(QPoint(0, 0), size));
        // Something drawn: a rendering differs from the background alone.
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        svg.render(&p);
        p.end();
        QVERIFY2(colours(image) > 4, "an empty drawing");
    }
}

void TestGuiPresentation::exportRefusesWhatItCannotWrite() {
    QWidget* timeline = chart(QStringLiteral("timeline"));
    QString error;
    QVERIFY(
        !exportChart(timeline, dir_.filePath(QStringLiteral("t.gif")), QSize(400, 300), &error));
    QVERIFY(error.contains(QLatin1String("gif")));
    QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("t.gif"))));
    QVERIFY(!exportChart(timeline, dir_.filePath(QStringLiteral("t.png")), QSize(0, 300), &error));
    QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("t.png"))));
    QVERIFY(!exportChart(timeline, dir_.filePath(QStringLiteral("no/such/dir/t.png")),
                         QSize(400, 300), &error));
    QVERIFY(!exportChart(w_->statusBar(), dir_.filePath(QStringLiteral("bar.png")), QSize(400, 300),
                         &error));
}

void TestGuiPresentation::exportFromViewMenuThroughDialog() {
    const QString path = dir_.filePath(QStringLiteral("from-menu.png"));
    QWidget* heatmap = chart(QStringLiteral("heatmap"));
    QTest::mouseClick(heatmap, Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));  // the chart meant
    QTRY_VERIFY_WITH_TIMEOUT(!w_->busy(), 60000);
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ChartExportDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        seen = true;
        // The dialog starts at the chart's size on screen; the user asks for PDF, then PNG.
        if (dialog->exportSize() != heatmap->size()) return dialog->reject();
        // Typing a .pdf name picks PDF; picking PNG again renames the file.
        dialog->setPath(path.left(path.size() - 3) + QStringLiteral("pdf"));
        if (dialog->format() != QLatin1String("pdf")) return dialog->reject();
        dialog->findChild<QComboBox*>(QStringLiteral("chartFormat"))->setCurrentIndex(0);  // PNG
        dialog->findChild<QSpinBox*>(QStringLiteral("chartWidth"))->setValue(640);
        dialog->findChild<QSpinBox*>(QStringLiteral("chartHeight"))->setValue(360);
        dialog->accept();
    });
    w_->findChild<QAction*>(QStringLiteral("exportChartAction"))->trigger();
    QVERIFY(seen);
    // The suffix followed the format chosen.
    QCOMPARE(QImage(path).size(), QSize(640, 360));
}

void TestGuiPresentation::contextMenuOffersExport() {
    for (const QString& name : {QStringLiteral("timeline"), QStringLiteral("clusterGraph")}) {
        QWidget* c = chart(name);
        QWidget* target =
            name == QLatin1String("clusterGraph") ? qobject_cast<QGraphicsView*>(c)->viewport() : c;
        QStringList entries;
        QTimer::singleShot(0, this, [&] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                for (QAction* a : menu->actions()) entries << a->text();
                menu->close();
            }
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(20, 20),
                                target->mapToGlobal(QPoint(20, 20)));
        QApplication::sendEvent(target, &event);
        QVERIFY2(entries.contains(QStringLiteral("Export Chart…")),
                 qPrintable(name + QLatin1Char(' ') + entries.join(QLatin1Char(','))));
    }
}

void TestGuiPresentation::uiScaleGrowsFontsAndIsKept() {
    auto w = std::make_unique<MainWindow>(true);  // reads and writes the settings
    w->resize(1366, 768);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    PresentationController* p = w->presentation();
    QCOMPARE(p->uiScale(), 100);
    auto* timeline = w->findChild<QCustomPlot*>(QStringLiteral("timeline"));
    auto* table =
        w->findChild<QDockWidget*>(QStringLiteral("accountDock"))->findChild<QTableView*>();
    timeline->replot();
    const double tick =
        timeline->axisRect(1)->axis(QCPAxis::atBottom)->tickLabelFont().pointSizeF();
    const double app = QApplication::font().pointSizeF();
    const int row = table->verticalHeader()->defaultSectionSize();

    QKeySequence larger(Qt::CTRL | Qt::Key_Equal);
    QTest::keySequence(w.get(), larger);  // Ctrl+= : 125 %
    QCOMPARE(p->uiScale(), 125);
    p->setUiScale(150);
    timeline->replot();
    QCOMPARE(QApplication::font().pointSizeF(), app * 1.5);
    QCOMPARE(timeline->axisRect(1)->axis(QCPAxis::atBottom)->tickLabelFont().pointSizeF(),
             tick * 1.5);
    QVERIFY(table->verticalHeader()->defaultSectionSize() > row);
    QCOMPARE(QSettings().value(QStringLiteral("view/uiScale")).toInt(), 150);
    w.reset();

    // The next window starts at the scale kept, and back at 100 % everything is as it was.
    w = std::make_unique<MainWindow>(true);
    QCOMPARE(w->presentation()->uiScale(), 150);
    w->show();
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QCOMPARE(w->presentation()->uiScale(), 125);
    w->presentation()->setUiScale(100);
    timeline = w->findChild<QCustomPlot*>(QStringLiteral("timeline"));
    timeline->replot();
    QCOMPARE(QApplication::font().pointSizeF(), app);
    QCOMPARE(timeline->axisRect(1)->axis(QCPAxis::atBottom)->tickLabelFont().pointSizeF(), tick);
    w.reset();
    QSettings().remove(QStringLiteral("view/uiScale"));
}

void TestGuiPresentation::focusPanelShowsOnePanelAndGoesBack() {
    auto* accounts = w_->findChild<QDockWidget*>(QStringLiteral("accountDock"));
    auto* requests = w_->findChild<QDockWidget*>(QStringLiteral("requestDock"));
    QVERIFY(accounts->isVisible() && requests->isVisible());
    QWidget* central = w_->centralWidget();
    const QSize centralBefore = central->size();
    QMap<QDockWidget*, Qt::DockWidgetArea> shown;
    for (QDockWidget* d : w_->findChildren<QDockWidget*>())
        if (d->isVisible()) shown.insert(d, w_->dockWidgetArea(d));
    // Back means the same docks in the same places and the views about as big as before (the
    // window's own restoreState() may settle a few pixels apart).
    const auto isBack = [&] {
        for (auto it = shown.cbegin(); it != shown.cend(); ++it)
            if (!it.key()->isVisible() || w_->dockWidgetArea(it.key()) != it.value()) return false;
        return central->isVisible() &&
               qAbs(central->width() - centralBefore.width()) <= centralBefore.width() / 10 &&
               qAbs(central->height() - centralBefore.height()) <= centralBefore.height() / 10;
    };
    QAction* focus = w_->findChild<QAction*>(QStringLiteral("focusPanelAction"));

    // The account table has the focus: it alone fills the window.
    w_->activateWindow();
    accounts->findChild<QTableView*>()->setFocus();
    QTRY_VERIFY(accounts->findChild<QTableView*>()->hasFocus());
    focus->trigger();
    QTest::qWait(50);
    QVERIFY(accounts->isVisible());
    for (QDockWidget* d : w_->findChildren<QDockWidget*>())
        QVERIFY(d == accounts || !d->isVisible());
    QVERIFY(!central->isVisible());
    QVERIFY2(accounts->width() > w_->width() * 9 / 10 && accounts->height() > w_->height() * 7 / 10,
             qPrintable(QStringLiteral("%1x%2").arg(accounts->width()).arg(accounts->height())));
    focus->trigger();
    QTest::qWait(50);
    QVERIFY(isBack());

    // Focus in the central view: the views alone.
    chart(QStringLiteral("timeline"))->setFocus();
    focus->trigger();
    QTest::qWait(50);
    for (QDockWidget* d : w_->findChildren<QDockWidget*>()) QVERIFY(!d->isVisible());
    QVERIFY(central->isVisible());
    QVERIFY(central->width() > w_->width() * 9 / 10);
    focus->trigger();
    QTest::qWait(50);
    QVERIFY(isBack());
}

QTEST_MAIN(TestGuiPresentation)
#include "tst_gui_presentation.moc"
