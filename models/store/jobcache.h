// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

struct sqlite3;

namespace quarry::sql {

// SQLite's page cache for one bulk job on a case (an import, an analysis), for the guard's
// lifetime; the connection's everyday cache again afterwards.
//
// One budget, small and fixed, whatever the size of the case: both jobs stream tables in key
// order and append at the right edge of the B-trees they write, so they revisit few pages, and
// the cache is also the budget of SQLite's sorter (vdbesort.c sizes its in-memory runs from
// cache_size). A bigger cache made peak RSS grow with the case until the cache was full (issue
// 15 item 10: import 105 MB -> 425 MB from 1M to 4M rows at 256 MiB; analysis 192 MB -> 379 MB
// from 1M to 16M rows), and bought no speed.
class JobCache {
public:
    static constexpr int kJobKiB = 32768;
    static constexpr int kEverydayKiB = 16384;

    explicit JobCache(sqlite3* db);
    // A different cache for one step of a job (kib), and `restoreKiB` again after it.
    JobCache(sqlite3* db, int kib, int restoreKiB);
    ~JobCache();
    JobCache(const JobCache&) = delete;
    JobCache& operator=(const JobCache&) = delete;

private:
    sqlite3* db_;
    int restoreKiB_ = kEverydayKiB;
};

}  // namespace quarry::sql
