// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobcache.h"

#include <string>

#include "sqlite.h"

namespace quarry::sql {
namespace {

void setCacheKiB(sqlite3* db, int kib) {
    exec(db, "PRAGMA cache_size = -" + std::to_string(kib));
}

}  // namespace

JobCache::JobCache(sqlite3* db) : db_(db) {
    setCacheKiB(db_, kJobKiB);
}

JobCache::JobCache(sqlite3* db, int kib, int restoreKiB) : db_(db), restoreKiB_(restoreKiB) {
    setCacheKiB(db_, kib);
}

JobCache::~JobCache() {
    setCacheKiB(db_, restoreKiB_);
}

}  // namespace quarry::sql
