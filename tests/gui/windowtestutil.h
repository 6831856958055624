// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the story, custody and hygiene suites share: a window opened on a case and left idle, and
// reads of the case file through a connection of the test's own (what another process sees).
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QString>
#include <QTimer>
#include <QtTest>

#include <functional>

#include <sqlite3.h>

#include <memory>

#include "dialogs/exportdialog.h"
#include "mainwindow.h"

namespace quarry::test {

// A shown window (default layout) on `path` (empty: no case), once every panel has loaded.
inline std::unique_ptr<quarry::gui::MainWindow> openIdleWindow(const QString& path) {
    auto w = std::make_unique<quarry::gui::MainWindow>(false);
    w->show();
    QString error;
    if (!path.isEmpty() && !w->openCase(path, &error)) qWarning() << error;
    if (!QTest::qWaitFor([&] { return !w->busy(); }, 30000)) qWarning() << "still loading";
    return w;
}

// The first column of the first row of `sql` (one integer bound when bind >= 0); an integer
// column as a number, a text column as text, no row as an invalid QVariant.
inline QVariant caseValue(const QString& path, const QString& sql, qint64 bind = -1) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(db, 20000);
    sqlite3_stmt* s = nullptr;
    QVariant out;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &s, nullptr) == SQLITE_OK) {
        if (bind >= 0) sqlite3_bind_int64(s, 1, bind);
        if (sqlite3_step(s) == SQLITE_ROW)
            out = sqlite3_column_type(s, 0) == SQLITE_TEXT
                      ? QVariant(QString::fromUtf8(
                            reinterpret_cast<const char*>(sqlite3_column_text(s, 0))))
                      : QVariant(static_cast<qlonglong>(sqlite3_column_int64(s, 0)));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

inline qint64 caseInt(const QString& path, const QString& sql, qint64 bind = -1) {
    const QVariant v = caseValue(path, sql, bind);
    return v.isValid() ? v.toLongLong() : -1;
}

inline qint64 caseInt(const QString& path, const char* sql, qint64 bind = -1) {
    return caseInt(path, QString::fromUtf8(sql), bind);
}

inline QString caseText(const QString& path, const QString& sql) {
    return caseValue(path, sql).toString();
}

// Runs `act` on the next modal dialog of type T once it is up (the window's own questions and
// dialogs run their event loop inside the call under test).
template <typename T>
void onNextModal(std::function<void(T*)> act) {
    auto* timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, act] {
        auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!dialog) return;
        timer->stop();
        timer->deleteLater();
        act(dialog);
    });
    timer->start();
}

inline void answerNextMessageBox(QMessageBox::StandardButton answer) {
    onNextModal<QMessageBox>([answer](QMessageBox* box) { box->button(answer)->click(); });
}

// Clicks Verify in the export dialog and waits for the check: true when the bundle verified and
// the dialog's summary says so.
inline bool verifyInExportDialog(quarry::gui::ExportDialog* dialog) {
    QSignalSpy verified(dialog, &quarry::gui::ExportDialog::verifyFinished);
    if (!dialog->verifyButton()->isEnabled()) return false;
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    return verified.wait(60000) && verified.first().first().toBool() &&
           dialog->summary()->toPlainText().contains(QStringLiteral("Verified"));
}

}  // namespace quarry::test
