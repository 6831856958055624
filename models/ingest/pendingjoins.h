// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace quarry {

// The parts of requests that arrive spread over several records (OTLP spans of one trace, Azure
// log rows of one CorrelationId), keyed by that id until the end of the input or until the
// buffer holds too many: then the oldest leaves first, so memory stays bounded whatever the
// file's size.
template <typename Part>
class PendingJoins {
public:
    // The part for an id, created when new (second: true).
    std::pair<Part*, bool> get(const std::string& id) {
        auto [it, isNew] = parts_.try_emplace(id);
        if (isNew) order_.push_back(id);
        return {&it->second, isNew};
    }
    size_t size() const { return parts_.size(); }
    bool empty() const { return order_.empty(); }
    // Removes the oldest part and hands it to done(Part&&).
    template <typename Done>
    void popOldest(Done&& done) {
        const std::string id = std::move(order_.front());
        order_.pop_front();
        auto it = parts_.find(id);
        if (it == parts_.end()) return;
        Part part = std::move(it->second);
        parts_.erase(it);
        done(std::move(part));
    }

private:
    std::unordered_map<std::string, Part> parts_;
    std::deque<std::string> order_;  // ids, first seen first
};

}  // namespace quarry
