// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace quarry {

// Hand-over between a producing and a consuming thread with a fixed number of items in flight,
// so memory stays bounded however large the input. close() ends the stream normally; abort()
// wakes both sides and makes every further push or pop fail.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

    bool push(T item) {
        std::unique_lock lock(m_);
        notFull_.wait(lock, [&] { return q_.size() < capacity_ || aborted_; });
        if (aborted_) return false;
        q_.push_back(std::move(item));
        notEmpty_.notify_one();
        return true;
    }
    // Empty optional when the stream has ended or was aborted.
    std::optional<T> pop() {
        std::unique_lock lock(m_);
        notEmpty_.wait(lock, [&] { return !q_.empty() || closed_ || aborted_; });
        if (aborted_ || q_.empty()) return std::nullopt;
        T item = std::move(q_.front());
        q_.pop_front();
        notFull_.notify_one();
        return item;
    }
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
        notEmpty_.notify_all();
    }
    void abort() {
        std::lock_guard lock(m_);
        aborted_ = true;
        notEmpty_.notify_all();
        notFull_.notify_all();
    }

private:
    const size_t capacity_;
    std::mutex m_;
    std::condition_variable notEmpty_, notFull_;
    std::deque<T> q_;
    bool closed_ = false, aborted_ = false;
};

}  // namespace quarry
