// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reads behind a plot cell's pivots: the accounts behind a heatmap cell (a time span and a
// topic), behind a punchcard cell (a weekday and an hour, every week) and a cluster's members
// with requests on one topic (a members x topics cell). Every value is bound; each read walks
// the (account_id, ts) index or the analysis' per-account aggregates, and scans only the
// case's hourly table (never the requests) for the whole case, when the analysis wrote it.

#include <cstdint>
#include <vector>

#include "viewqueries.h"

struct sqlite3;

namespace quarry::gui {

// The accounts of a scope (one account, a cluster's members, the whole case) with a request at
// fromMs <= ts < toMs on topicId (-1: any topic), sorted.
std::vector<int64_t> accountsInSpan(sqlite3* db, ViewScope scope, int64_t scopeId, int64_t fromMs,
                                    int64_t toMs, int64_t topicId);

// The accounts with a request on this UTC weekday (0 = Monday) and hour of day, in any week:
// a cluster's members for the cluster scope, else every account of the case (one account's
// punchcard asks which others keep its hours). Sorted.
std::vector<int64_t> accountsAtHourOfWeek(sqlite3* db, ViewScope scope, int64_t scopeId,
                                          int weekday, int hour);

// The members of a cluster with at least one request on this topic, sorted.
std::vector<int64_t> clusterMembersOnTopic(sqlite3* db, int64_t cluster, int64_t topicId);

}  // namespace quarry::gui
