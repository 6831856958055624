// SPDX-License-Identifier: GPL-3.0-or-later
#include "menucounts.h"

#include <QMenu>

#include "casesession.h"
#include "items/casequeries.h"
#include "store/casefile.h"

namespace quarry::gui {

MenuCounts::MenuCounts(CaseSession* session, QObject* parent)
    : QObject(parent), session_(session), task_([this](const Result& r) { apply(r); }) {
    // The worker reads through its own connection, so the case may close under it: the menu
    // goes, the result is dropped when it comes, and nothing waits for the worker here.
    connect(session_, &CaseSession::caseClosing, this, [this] {
        if (menu_) menu_->close();
        drop();
    });
}

void MenuCounts::add(QMenu* menu, Read read, Fill fill) {
    if (menu != menu_) {
        drop();
        menu_ = menu;
        // Closed (an entry was picked, or Escape): what is still being counted is of no use.
        connect(menu, &QMenu::aboutToHide, this, [this, menu] {
            if (menu_ == menu) drop();
        });
    }
    reads_.push_back(std::move(read));
    fills_.push_back(std::move(fill));
}

void MenuCounts::start() {
    if (!menu_ || reads_.empty() || !session_->isOpen()) return;
    task_.run([path = session_->path(), serial = serial_, reads = reads_] {
        Result result{serial, {}};
        auto file = openReadOnly(path);
        if (!file) return result;
        for (const Read& read : reads) result.ids.push_back(read(file->db()));
        return result;
    });
    reads_.clear();
}

void MenuCounts::apply(const Result& result) {
    if (result.serial != serial_ || !menu_ || result.ids.size() != fills_.size()) return;
    const std::vector<Fill> fills = std::move(fills_);
    drop();
    for (size_t i = 0; i < fills.size(); ++i) fills[i](result.ids[i]);
}

void MenuCounts::drop() {
    ++serial_;
    if (menu_) disconnect(menu_, nullptr, this, nullptr);
    menu_.clear();
    reads_.clear();
    fills_.clear();
}

}  // namespace quarry::gui
