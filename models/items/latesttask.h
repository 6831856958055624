// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One view's worker query where only the newest request matters. While a query runs, a newer
// request replaces any queued one; when the running one finishes its result is dropped if a
// newer request is waiting (that one starts instead), so a stale result never reaches the view.

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <optional>
#include <utility>

namespace quarry::gui {

template <class T>
class LatestTask {
public:
    explicit LatestTask(std::function<void(const T&)> apply) : apply_(std::move(apply)) {
        QObject::connect(&watcher_, &QFutureWatcher<T>::finished, &watcher_,
                         [this] { onFinished(); });
    }
    ~LatestTask() { watcher_.waitForFinished(); }
    LatestTask(const LatestTask&) = delete;
    LatestTask& operator=(const LatestTask&) = delete;

    void run(std::function<T()> work) {
        pending_ = true;
        if (running_) {
            next_ = std::move(work);
            return;
        }
        start(std::move(work));
    }
    // Forgets queued work and drops the running query's result (e.g. the case closes).
    void cancel() {
        next_.reset();
        watcher_.waitForFinished();
        pending_ = false;
    }
    bool pending() const { return pending_; }

private:
    void start(std::function<T()> work) {
        running_ = true;
        watcher_.setFuture(QtConcurrent::run(std::move(work)));
    }
    void onFinished() {
        // Running until the watcher says it finished, not until the worker returns: a query
        // started in between replaced the watcher's future while that future's finished
        // signal was still queued, and the view then kept the older scope's result.
        running_ = false;
        if (next_) {
            std::function<T()> work = std::move(*next_);
            next_.reset();
            start(std::move(work));
            return;
        }
        if (!pending_) return;  // cancelled
        pending_ = false;
        apply_(watcher_.result());
    }

    std::function<void(const T&)> apply_;
    QFutureWatcher<T> watcher_;
    std::optional<std::function<T()>> next_;
    bool pending_ = false;
    bool running_ = false;  // a future was started and its finished signal not yet handled
};

}  // namespace quarry::gui
