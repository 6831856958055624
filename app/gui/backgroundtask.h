// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs heavy work (generate, import, analyze) on a worker thread behind a modal progress dialog
// with Cancel. The worker only writes atomics and a guarded label; a GUI-thread timer shows
// them, so the GUI thread never pumps events on the worker's behalf.

#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>

class QWidget;

namespace quarry::gui {

class TaskProgress {
public:
    void report(double fraction, const QString& label) {
        permille.store(static_cast<int>(fraction * 1000.0));
        QMutexLocker lock(&mutex);
        text = label;
    }
    QString label() const {
        QMutexLocker lock(&mutex);
        return text;
    }
    std::atomic<int> permille{0};
    std::atomic<bool> cancel{false};

private:
    mutable QMutex mutex;
    QString text;
};

// work returns an empty string on success, else the error (or "cancelled").
// done runs on the GUI thread with that string.
void runBackgroundTask(QWidget* parent, const QString& title, std::function<QString(TaskProgress&)> work,
                       std::function<void(const QString&)> done);

}  // namespace quarry::gui
