// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The case story: what an analyst reads out in the incident-review room, in one list. It holds
// the findings (flagged clusters of the latest analysis with their verdict reasons), the tags,
// the notes and the requests starred as evidence. By default it runs in the time of the logs
// (when what it is about happened); once the analyst orders it by hand, that order is kept in
// the case (story_order) and items added later follow it in time order.
//
// Every change (star, unstar, a new order) is its own committed transaction with its audit
// entry, and invertible, like tags.h, so the dashboard's undo stack is built on it.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <set>
#include <vector>

#include "bundlecontext.h"
#include "tags.h"

struct sqlite3;

namespace quarry {
class CaseFile;
}

namespace quarry::evidence {

enum class StoryKind { Finding, Tag, Note, Star };
// "finding", "tag", "note", "star": the kind column of story.csv.
const char* storyKindName(StoryKind kind);

struct StoryItem {
    // Stable for the life of the item: "finding:cluster:3", "tag:benign:accounts",
    // "tag:benign:cluster:3", "tag:benign:request:42", "note:account:7", "star:42".
    QString key;
    StoryKind kind = StoryKind::Finding;
    int64_t time = -1;  // UTC ms of the logs the item is about; -1 when unknown
    QString subject;    // "Cluster 3", "Account alice", "Request 42 (alice)", "12 accounts"
    QString title;      // one line
    QString text;       // verdict reasons, note text, the starred prompt's start
    QString analyst;    // who tagged, wrote or starred it (empty for findings)
    Target target;      // what selecting the item shows
    std::vector<int64_t> accounts;  // the accounts it concerns (which bundles carry it)
};

// The story in its order (the analyst's, else time). Reads only; any connection.
std::vector<StoryItem> loadStory(sqlite3* db);
// Whether the analyst ordered the story by hand.
bool storyIsManual(sqlite3* db);
// The items a bundle of these accounts and clusters carries, in story order.
std::vector<StoryItem> storyForSelection(sqlite3* db, const std::set<int64_t>& accounts,
                                         const std::set<int64_t>& clusters);

// The rows report.html, report.pdf and story.csv show, times in UTC.
std::vector<BundleStoryRow> bundleStoryRows(const std::vector<StoryItem>& items);

class StoryStore {
public:
    explicit StoryStore(CaseFile& file) : file_(file) {}

    // Stars (add) or unstars requests; *changed lists exactly those that changed, so undo
    // touches only them. One transaction, one audit entry ("star" / "unstar").
    bool star(const std::vector<int64_t>& requests, bool add, std::vector<int64_t>* changed,
              QString* error);
    std::vector<int64_t> starred() const;

    // The analyst's order as item keys (empty: time order). setOrder replaces it; one audit
    // entry ("story.order").
    QStringList order() const;
    bool setOrder(const QStringList& keys, QString* error);

private:
    CaseFile& file_;
};

}  // namespace quarry::evidence
