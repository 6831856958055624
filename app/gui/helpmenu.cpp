// SPDX-License-Identifier: GPL-3.0-or-later
#include "helpmenu.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

// quarry_mainwindow is a static library: Q_INIT_RESOURCE (outside any namespace) keeps its
// help.qrc object linked.
static void quarryInitHelpResource() {
    Q_INIT_RESOURCE(help);
}

namespace quarry::gui {
namespace {

QString plainText(const QAction* action) {
    QString t = action->text();
    t.remove(QLatin1Char('&'));
    t.remove(QChar(0x2026));  // "…"
    return t.trimmed();
}

void collect(QMenu* menu, const QString& path, QSet<const QAction*>& seen,
             std::vector<ShortcutRow>& rows) {
    for (QAction* a : menu->actions()) {
        if (a->isSeparator()) continue;
        const QString here = path + QStringLiteral(" › ") + plainText(a);
        if (a->menu()) {
            collect(a->menu(), here, seen, rows);
            continue;
        }
        if (a->shortcut().isEmpty() || seen.contains(a)) continue;
        seen.insert(a);
        rows.push_back({a->shortcut().toString(QKeySequence::NativeText), here});
    }
}

QDialog* newDialog(QMainWindow* window, const QString& title, const QString& name) {
    auto* dialog = new QDialog(window);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    return dialog;
}

void finish(QDialog* dialog, QVBoxLayout* layout, QSize size) {
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(size);
    dialog->show();
}

}  // namespace

std::vector<ShortcutRow> shortcutRows(QMainWindow* window) {
    std::vector<ShortcutRow> rows;
    QSet<const QAction*> seen;
    for (QAction* top : window->menuBar()->actions())
        if (top->menu()) collect(top->menu(), plainText(top), seen, rows);
    // Actions outside the menus (a table's own keys) count too.
    for (const QAction* a : window->findChildren<QAction*>()) {
        if (a->shortcut().isEmpty() || seen.contains(a) || a->text().isEmpty()) continue;
        seen.insert(a);
        rows.push_back({a->shortcut().toString(QKeySequence::NativeText), plainText(a)});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const ShortcutRow& x, const ShortcutRow& y) {
        return x.action < y.action;
    });
    return rows;
}

QString scoreHelpText() {
    quarryInitHelpResource();
    QFile f(QStringLiteral(":/quarry/help/how-a-score-is-built.md"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void addHelpEntries(QMainWindow* window, QMenu* help) {
    QAction* keys = help->addAction(QObject::tr("&Keyboard Shortcuts"), window, [window] {
        QDialog* dialog =
            newDialog(window, QObject::tr("Keyboard Shortcuts"), QStringLiteral("shortcutsDialog"));
        const std::vector<ShortcutRow> rows = shortcutRows(window);
        auto* table = new QTableWidget(static_cast<int>(rows.size()), 2, dialog);
        table->setHorizontalHeaderLabels({QObject::tr("Keys"), QObject::tr("Action")});
        table->verticalHeader()->setVisible(false);
        table->horizontalHeader()->setStretchLastSection(true);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
            table->setItem(r, 0, new QTableWidgetItem(rows[static_cast<size_t>(r)].keys));
            table->setItem(r, 1, new QTableWidgetItem(rows[static_cast<size_t>(r)].action));
        }
        table->resizeColumnToContents(0);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(table);
        finish(dialog, layout, QSize(560, 620));
    });
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    keys->setShortcut(QKeySequence::HelpContents);
    QAction* score = help->addAction(QObject::tr("How a &Score Is Built"), window, [window] {
        QDialog* dialog = newDialog(window, QObject::tr("How a Score Is Built"),
                                    QStringLiteral("scoreHelpDialog"));
        auto* text = new QTextBrowser(dialog);
        text->setMarkdown(scoreHelpText());
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(text);
        finish(dialog, layout, QSize(720, 760));
    });
    score->setObjectName(QStringLiteral("scoreHelpAction"));
    help->addSeparator();
}

}  // namespace quarry::gui
