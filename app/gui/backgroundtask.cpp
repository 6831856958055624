// SPDX-License-Identifier: GPL-3.0-or-later
#include "backgroundtask.h"

#include <QFutureWatcher>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace quarry::gui {

void runBackgroundTask(QWidget* parent, const QString& title, std::function<QString(TaskProgress&)> work,
                       std::function<void(const QString&)> done) {
    auto progress = std::make_shared<TaskProgress>();
    auto* dialog = new QProgressDialog(title, QObject::tr("Cancel"), 0, 1000, parent);
    dialog->setWindowTitle(title);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(0);
    dialog->setMinimumWidth(420);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    auto* timer = new QTimer(dialog);
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, dialog, [dialog, progress] {
        dialog->setValue(progress->permille.load());
        const QString label = progress->label();
        if (!label.isEmpty()) dialog->setLabelText(label);
    });
    timer->start();
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [progress, dialog] {
        progress->cancel.store(true);
        dialog->setLabelText(QObject::tr("Cancelling…"));
    });
    auto* watcher = new QFutureWatcher<QString>(dialog);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, dialog, [watcher, dialog, done] {
        const QString error = watcher->result();
        dialog->hide();
        dialog->deleteLater();
        done(error);
    });
    watcher->setFuture(QtConcurrent::run([work, progress] { return work(*progress); }));
}

}  // namespace quarry::gui
