// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reads behind the dashboard's pivots ("accounts sharing this subnet") and its search by
// field ("payment:fp_9"). Every value is bound as a parameter; the per-account value tables
// analysis writes (account_ips, account_payments, ... see models/analysis/accountvalues.h) make
// both indexed lookups. A case analysed before those tables existed falls back to scanning the
// requests (searches run off the GUI thread; the pivot menu then shows no counts).

#include <QString>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

struct sqlite3;

namespace quarry::gui {

enum class SearchField {
    Account,
    Ip,
    Subnet,
    UserAgent,
    Payment,
    Organization,
    ApiKey,
    Model,
    Template,
    Topic
};
inline constexpr int kSearchFieldCount = 10;

// The keyword of the `field:value` syntax ("ip", "subnet", "ua", "payment", "org", "key",
// "model", "template", "topic", "account").
QString fieldKeyword(SearchField f);
// In words, for menus and labels ("IP", "payment fingerprint", ...).
QString fieldLabel(SearchField f);
// A keyword or a common alias ("user-agent", "organization", "api_key", ...); case-insensitive.
std::optional<SearchField> fieldFromKeyword(const QString& keyword);

struct SearchQuery {
    SearchField field = SearchField::Account;
    QString text;
    bool fieldGiven = false;  // the text named its field ("ip:1.2.3.4")
};
// "payment:fp_9" -> {Payment, "fp_9", true}; text without a known keyword (an IPv6 address
// included) -> {fallback, text, false}. The text is trimmed.
SearchQuery parseSearch(const QString& text, SearchField fallback);

// True for an IPv4 or IPv6 address.
bool isAddress(const QString& text);

// Accounts whose value of `field` contains `text` (case-insensitive), sorted. A subnet is
// matched exactly when the text is an address or a subnet ("203.0.113.0/24"), else as a prefix
// of the addresses; a template by its id (templateName()); a topic by its name or key against
// each account's top topic.
std::vector<int64_t> searchAccounts(sqlite3* db, SearchField field, const QString& text);

// Accounts that hold exactly this value, sorted.
std::vector<int64_t> accountsSharing(sqlite3* db, SearchField field, const QString& value);

struct Pivot {
    SearchField field = SearchField::Ip;
    QString value;
    int64_t accounts = -1;  // how many accounts hold it; -1 when unknown without a scan
};
// The values one account holds that other accounts may share (IP, subnet, user agent, payment,
// API key, organisation, template), at most perField of each, the most shared first.
std::vector<Pivot> accountPivots(sqlite3* db, int64_t account, int perField = 3);
// The same for given values (a request's IP, user agent, model); an IP brings its subnet.
std::vector<Pivot> valuePivots(sqlite3* db,
                               const std::vector<std::pair<SearchField, QString>>& values);
// "Accounts sharing subnet 203.0.113.0/24 (37)".
QString pivotLabel(const Pivot& p);

// The value a graph's link key names: a dictionary id ("17") becomes that value's text, a
// template key its templateName(); anything else is taken as the value itself.
QString valueOfKey(sqlite3* db, SearchField field, const QString& key);
// The field a link type of the analysis stands for ("payment", "subnet", "template", ...).
std::optional<SearchField> fieldOfLinkType(const QString& linkType);

// A template key as the dashboard names it ("T" and 16 hex digits) and back (-1: not one).
QString templateName(int64_t key);
int64_t templateKeyFromName(const QString& name);

}  // namespace quarry::gui
