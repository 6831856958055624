// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The counts of a context menu read on a worker, so the menu opens at once: its entries that need
// a count show "(counting…)" and stay disabled while a worker reads them on a read-only connection
// of its own, and are filled in and enabled when the reads are done, if the menu is still open.
// Only the newest menu is counted: a newer menu, the menu closing or the case closing drops the
// result (the case closing also closes the menu, whose entries name the closed case).

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <functional>
#include <vector>

#include "items/latesttask.h"

class QMenu;
struct sqlite3;

namespace quarry::gui {

class CaseSession;

class MenuCounts final : public QObject {
public:
    // A read of account ids on the worker's connection, and what the menu does with its result
    // on the GUI thread.
    using Read = std::function<std::vector<int64_t>(sqlite3*)>;
    using Fill = std::function<void(const std::vector<int64_t>&)>;

    MenuCounts(CaseSession* session, QObject* parent);

    // Adds a read for `menu`; a menu other than the one counted last drops that one's reads.
    void add(QMenu* menu, Read read, Fill fill);
    // Starts the reads added for the menu on a worker.
    void start();

private:
    struct Result {
        uint64_t serial = 0;
        std::vector<std::vector<int64_t>> ids;
    };
    void apply(const Result& result);
    // Forgets the menu and its reads; a result still on its way is dropped when it arrives.
    void drop();

    CaseSession* session_;
    LatestTask<Result> task_;
    uint64_t serial_ = 0;  // the menu being counted; a result of an older one is dropped
    QPointer<QMenu> menu_;
    std::vector<Read> reads_;
    std::vector<Fill> fills_;
};

}  // namespace quarry::gui
