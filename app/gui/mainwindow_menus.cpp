// SPDX-License-Identifier: GPL-3.0-or-later
// The frame's menus (controllers add their actions to them), toolbar, settings kept between
// runs, palettes, drag and drop.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStyle>
#include <QToolBar>

#include "helpmenu.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "plots/plottheme.h"

namespace quarry::gui {
namespace {

constexpr int kMaxRecent = 8;
const QString kCaseSuffix = QStringLiteral("quarry");

}  // namespace

void MainWindow::createMenus() {
    QStyle* st = style();
    fileMenu_ = menuBar()->addMenu(tr("&File"));
    openAction_ = fileMenu_->addAction(st->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Case…"), this,
                                       &MainWindow::chooseCase);
    openAction_->setShortcut(QKeySequence::Open);
    recentMenu_ = fileMenu_->addMenu(tr("Recent &Cases"));
    caseMenu_ = menuBar()->addMenu(tr("&Case"));
    editMenu_ = menuBar()->addMenu(tr("&Edit"));
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    panelsMenu_ = viewMenu_->addMenu(tr("&Panels"));
    viewMenu_->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout)
        ->setObjectName(QStringLiteral("resetLayoutAction"));
    viewMenu_->addSeparator();
    auto* paletteGroup = new QActionGroup(this);
    QAction* light = viewMenu_->addAction(tr("&Light Palette"));
    darkAction_ = viewMenu_->addAction(tr("&Dark Palette"));
    for (QAction* a : {light, darkAction_}) {
        a->setCheckable(true);
        paletteGroup->addAction(a);
    }
    light->setChecked(true);
    darkAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(light, &QAction::triggered, this, [this] { setDarkPalette(false); });
    connect(darkAction_, &QAction::triggered, this, [this] { setDarkPalette(true); });
    viewMenu_->addSeparator();
    QAction* full =
        viewMenu_->addAction(tr("&Full Screen"), this, [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    full->setShortcut(QKeySequence::FullScreen);
    settingsMenu_ = menuBar()->addMenu(tr("&Settings"));
}

QMenu* MainWindow::menu(Menu which) {
    switch (which) {
        case Menu::File:
            return fileMenu_;
        case Menu::Case:
            return caseMenu_;
        case Menu::Edit:
            return editMenu_;
        case Menu::View:
            return viewMenu_;
        case Menu::Settings:
            break;
    }
    return settingsMenu_;
}

void MainWindow::finishMenus() {
    fileMenu_->addSeparator();
    QAction* close = fileMenu_->addAction(tr("&Close Case"), this, &MainWindow::closeCase);
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    fileMenu_->addSeparator();
    QAction* quit = fileMenu_->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    int key = Qt::Key_1;
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(key++)));
        panelsMenu_->addAction(toggle);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    addHelpEntries(this, help);
    help->addAction(tr("&About Quarry"), this, [this] {
        QMessageBox::about(this, tr("About Quarry"),
                           tr("<b>Quarry %1</b><p>A workstation for investigating distillation campaigns in "
                              "LLM API logs.</p><p>GPL-3.0-or-later. Plots by QCustomPlot.</p>")
                               .arg(QStringLiteral(QUARRY_VERSION)));
    });

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolbar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(openAction_);
    for (const char* name : {"importAction", "analyzeAction", "demoAction"})
        if (auto* a = findChild<QAction*>(QLatin1String(name))) tools->addAction(a);
    for (QAction* a : tools->actions()) a->setProperty("quarryBaseIcon", a->icon());
    tintToolbar();
    rebuildRecentMenu();
}

void MainWindow::restoreLayout() {
    restoredGeometry_ = restoreSavedLayout();
    QSettings s;
    if (s.value(QStringLiteral("view/palette")).toString() == QLatin1String("dark")) {
        darkAction_->setChecked(true);
        setDarkPalette(true);
    }
}

void MainWindow::saveLayout() {
    if (!restoreSettings_) return;
    QSettings s;
    saveWindowLayout(s);
    s.setValue(QStringLiteral("view/palette"), darkAction_->isChecked() ? QStringLiteral("dark") : QStringLiteral("light"));
}

void MainWindow::setDarkPalette(bool dark) {
    qApp->setPalette(dark ? darkPalette() : lightPalette());
    tintToolbar();
    if (darkAction_ && darkAction_->isChecked() != dark) darkAction_->setChecked(dark);
}

void MainWindow::tintToolbar() {
    const QColor colour = qApp->palette().color(QPalette::ButtonText);
    for (QToolBar* bar : findChildren<QToolBar*>())
        for (QAction* a : bar->actions()) {
            const QVariant base = a->property("quarryBaseIcon");
            if (base.isValid()) a->setIcon(tintedIcon(base.value<QIcon>(), colour));
        }
}

void MainWindow::addRecent(const QString& path) {
    if (!restoreSettings_) return;
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recent/cases")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent) recent.removeLast();
    s.setValue(QStringLiteral("recent/cases"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent/cases")).toStringList();
    int n = 0;
    for (const QString& path : recent) {
        QAction* a =
            recentMenu_->addAction(QStringLiteral("&%1 %2").arg(++n).arg(path), this, [this, path] { openOrWarn(path); });
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::chooseCase() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Case"), QString(),
                                                      tr("Quarry cases (*.quarry);;All files (*)"));
    if (!path.isEmpty()) openOrWarn(path);
}

void MainWindow::openOrWarn(const QString& path) {
    QString error;
    if (!openCase(path, &error)) QMessageBox::warning(this, tr("Open case"), error);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList logs;
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.isEmpty()) continue;
        if (QFileInfo(path).suffix() == kCaseSuffix) {
            openOrWarn(path);
            event->acceptProposedAction();
            return;
        }
        logs << path;
    }
    if (!logs.isEmpty()) {
        event->acceptProposedAction();
        imports_->importLogs(logs);
    }
}

}  // namespace quarry::gui
