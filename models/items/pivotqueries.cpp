// SPDX-License-Identifier: GPL-3.0-or-later
#include "pivotqueries.h"

#include <QLocale>

#include <algorithm>
#include <set>

#include "analysis/accountvalues.h"
#include "analysis/contentpass.h"
#include "casequeries.h"
#include "store/sqlite.h"

namespace quarry::gui {
namespace {

// Where a dictionary-encoded field lives: its dictionary, its (value, account) table and that
// table's value column, and the request column (for cases without the tables).
struct Source {
    const char* dict;
    const char* pairs;
    const char* pairKey;
    const char* requestColumn;
};

std::optional<Source> sourceOf(SearchField f) {
    switch (f) {
        case SearchField::Ip:
            return Source{"ips", "account_ips", "ip_id", "ip_id"};
        case SearchField::UserAgent:
            return Source{"user_agents", "account_user_agents", "ua_id", "ua_id"};
        case SearchField::Payment:
            return Source{"payments", "account_payments", "payment_id", "payment_id"};
        case SearchField::Organization:
            return Source{"organizations", "account_orgs", "org_id", "org_id"};
        case SearchField::ApiKey:
            return Source{"api_keys", "account_api_keys", "key_id", "api_key_id"};
        case SearchField::Model:
            return Source{"models", "account_models", "model_id", "model_id"};
        default:
            return std::nullopt;
    }
}

bool hasPairs(sqlite3* db, SearchField f) {
    if (f == SearchField::Ip || f == SearchField::UserAgent || f == SearchField::Subnet)
        return hasAggregates(db);
    return accountvalues::available(db);
}

std::string utf8(const QString& s) {
    return s.toUtf8().toStdString();
}

// '%text%' for LIKE ... ESCAPE '\': the analyst's % and _ match themselves.
std::string likeContains(const QString& text) {
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    t.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return utf8(QLatin1Char('%') + t + QLatin1Char('%'));
}

std::vector<int64_t> column0(sql::Statement& s) {
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

void sortUnique(std::vector<int64_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Dictionary ids: exact (the unique index on value) or containing the text (the dictionary is
// scanned, never the requests).
std::vector<int64_t> valueIds(sqlite3* db, const Source& src, const QString& text, bool exact) {
    const std::string sql = std::string("SELECT id FROM ") + src.dict +
                            (exact ? " WHERE value = ?1" : " WHERE value LIKE ?1 ESCAPE '\\'");
    sql::Statement s(db, sql);
    s.bindTextCopy(1, exact ? utf8(text) : likeContains(text));
    return column0(s);
}

// The accounts holding any of these value ids.
std::vector<int64_t> accountsOf(sqlite3* db, const Source& src, bool pairs,
                                const std::vector<int64_t>& ids) {
    std::vector<int64_t> out;
    if (ids.empty()) return out;
    if (pairs) {
        sql::Statement s(db, std::string("SELECT account_id FROM ") + src.pairs + " WHERE " +
                                 src.pairKey + " = ?");
        for (int64_t id : ids) {
            s.bind(1, id);
            while (s.step()) out.push_back(s.int64(0));
            s.reset();
        }
    } else {
        // One scan of the requests for all ids (older cases only): the ids are ours, integers.
        std::string list;
        for (int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
        sql::Statement s(db, std::string("SELECT DISTINCT account_id FROM requests WHERE ") +
                                 src.requestColumn + " IN (" + list + ")");
        out = column0(s);
    }
    sortUnique(out);
    return out;
}

// "203.0.113.0/24" for an address or a subnet; empty for anything else.
QString subnetOfText(const QString& text) {
    const QString t = text.trimmed();
    const int slash = t.indexOf(QLatin1Char('/'));
    return subnetOf(slash < 0 ? t : t.left(slash));
}

// The ids of the addresses in one subnet. IPv4 addresses of a /24 share their text up to the
// last dot, so the unique index on ips.value finds them by range; IPv6 has several spellings
// of one address, so those are checked one by one.
std::vector<int64_t> ipIdsInSubnet(sqlite3* db, const QString& subnet) {
    std::vector<int64_t> out;
    const QString base = subnet.left(subnet.indexOf(QLatin1Char('/')));
    const bool v4 = !base.contains(QLatin1Char(':'));
    sql::Statement s(db, v4 ? "SELECT id, value FROM ips WHERE value >= ?1 AND value < ?2"
                            : "SELECT id, value FROM ips WHERE instr(value, ':') > 0");
    if (v4) {
        const QString prefix = base.left(base.lastIndexOf(QLatin1Char('.')) + 1);  // "203.0.113."
        s.bindTextCopy(1, utf8(prefix));
        s.bindTextCopy(2, utf8(prefix.left(prefix.size() - 1) + QLatin1Char('/')));  // '.' + 1
    }
    while (s.step())
        if (subnetOf(s.text(1)) == subnet) out.push_back(s.int64(0));
    return out;
}

std::vector<int64_t> ipIdsWithPrefix(sqlite3* db, const QString& prefix) {
    QString t = prefix;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    t.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    sql::Statement s(db, "SELECT id FROM ips WHERE value LIKE ?1 ESCAPE '\\'");
    s.bindTextCopy(1, utf8(t + QLatin1Char('%')));
    return column0(s);
}

std::vector<int64_t> topicAccounts(sqlite3* db, const QString& text, bool exact) {
    if (!tableExists(db, "account_features") || !tableExists(db, "taxonomy")) return {};
    sql::Statement s(db, exact ? "SELECT f.account_id FROM account_features f JOIN taxonomy t ON "
                                 "t.topic_id = f.top_topic_id WHERE t.name = ?1 OR t.key = ?1"
                               : "SELECT f.account_id FROM account_features f JOIN taxonomy t ON "
                                 "t.topic_id = f.top_topic_id WHERE t.name LIKE ?1 ESCAPE '\\' "
                                 "OR t.key LIKE ?1 ESCAPE '\\'");
    s.bindTextCopy(1, exact ? utf8(text) : likeContains(text));
    std::vector<int64_t> out = column0(s);
    sortUnique(out);
    return out;
}

std::vector<int64_t> templateAccounts(sqlite3* db, int64_t key) {
    if (key < 0 || !accountvalues::available(db)) return {};
    sql::Statement s(db, "SELECT account_id FROM account_templates WHERE template_key = ?");
    s.bind(1, key);
    return column0(s);
}

std::vector<int64_t> accountsMatching(sqlite3* db, SearchField field, const QString& text,
                                      bool exact) {
    if (text.isEmpty()) return {};
    if (const auto src = sourceOf(field))
        return accountsOf(db, *src, hasPairs(db, field), valueIds(db, *src, text, exact));
    switch (field) {
        case SearchField::Account: {
            sql::Statement s(db, exact ? "SELECT id FROM accounts WHERE value = ?1"
                                       : "SELECT id FROM accounts WHERE value LIKE ?1 ESCAPE '\\'");
            s.bindTextCopy(1, exact ? utf8(text) : likeContains(text));
            std::vector<int64_t> out = column0(s);
            sortUnique(out);
            return out;
        }
        case SearchField::Subnet: {
            const QString subnet = subnetOfText(text);
            const auto ip = *sourceOf(SearchField::Ip);
            if (!subnet.isEmpty())
                return accountsOf(db, ip, hasPairs(db, field), ipIdsInSubnet(db, subnet));
            return exact ? std::vector<int64_t>{}
                         : accountsOf(db, ip, hasPairs(db, field), ipIdsWithPrefix(db, text));
        }
        case SearchField::Template:
            return templateAccounts(db, templateKeyFromName(text));
        case SearchField::Topic:
            return topicAccounts(db, text, exact);
        default:
            return {};
    }
}

// The distinct values one account holds in a dictionary field: from the per-account table's
// account index, else from the account's own requests (the (account_id, ts) index).
std::vector<std::pair<int64_t, QString>> accountValues(sqlite3* db, const Source& src, bool pairs,
                                                       int64_t account) {
    const std::string sql =
        pairs ? std::string("SELECT d.id, d.value FROM ") + src.pairs + " p JOIN " + src.dict +
                    " d ON d.id = p." + src.pairKey + " WHERE p.account_id = ? LIMIT 500"
              : std::string("SELECT d.id, d.value FROM (SELECT DISTINCT ") + src.requestColumn +
                    " AS v FROM requests WHERE account_id = ?) r JOIN " + src.dict +
                    " d ON d.id = r.v LIMIT 500";
    sql::Statement s(db, sql);
    s.bind(1, account);
    std::vector<std::pair<int64_t, QString>> out;
    while (s.step()) out.emplace_back(s.int64(0), s.text(1));
    return out;
}

int64_t countHolders(sqlite3* db, const Source& src, const std::vector<int64_t>& ids) {
    if (ids.size() == 1) {
        sql::Statement s(db, std::string("SELECT count(*) FROM ") + src.pairs + " WHERE " +
                                 src.pairKey + " = ?");
        s.bind(1, ids.front());
        return s.step() ? s.int64(0) : 0;
    }
    return static_cast<int64_t>(accountsOf(db, src, true, ids).size());
}

// Keeps the perField most shared of each field, in field order.
void keepMostShared(std::vector<Pivot>& pivots, int perField) {
    std::stable_sort(pivots.begin(), pivots.end(), [](const Pivot& a, const Pivot& b) {
        if (a.field != b.field) return a.field < b.field;
        return a.accounts > b.accounts;
    });
    std::vector<Pivot> out;
    for (size_t i = 0; i < pivots.size(); ++i) {
        int n = 0;
        for (size_t j = out.size(); j-- > 0 && out[j].field == pivots[i].field;) ++n;
        if (n < perField) out.push_back(pivots[i]);
    }
    pivots.swap(out);
}

void addDictionaryPivots(sqlite3* db, SearchField field, int64_t account, std::vector<Pivot>& out) {
    const Source src = *sourceOf(field);
    const bool pairs = hasPairs(db, field);
    for (const auto& [id, value] : accountValues(db, src, pairs, account))
        out.push_back({field, value, pairs ? countHolders(db, src, {id}) : -1});
}

void addSubnetPivots(sqlite3* db, const std::vector<QString>& ips, std::vector<Pivot>& out) {
    std::set<QString> subnets;
    for (const QString& ip : ips)
        if (const QString s = subnetOf(ip); !s.isEmpty()) subnets.insert(s);
    const bool pairs = hasPairs(db, SearchField::Subnet);
    for (const QString& subnet : subnets)
        out.push_back(
            {SearchField::Subnet, subnet,
             pairs ? countHolders(db, *sourceOf(SearchField::Ip), ipIdsInSubnet(db, subnet)) : -1});
}

}  // namespace

QString fieldKeyword(SearchField f) {
    static const char* const kKeywords[kSearchFieldCount] = {
        "account", "ip", "subnet", "ua", "payment", "org", "key", "model", "template", "topic"};
    return QLatin1String(kKeywords[static_cast<int>(f)]);
}

QString fieldLabel(SearchField f) {
    switch (f) {
        case SearchField::Account:
            return QStringLiteral("account");
        case SearchField::Ip:
            return QStringLiteral("IP");
        case SearchField::Subnet:
            return QStringLiteral("subnet");
        case SearchField::UserAgent:
            return QStringLiteral("user agent");
        case SearchField::Payment:
            return QStringLiteral("payment fingerprint");
        case SearchField::Organization:
            return QStringLiteral("organisation");
        case SearchField::ApiKey:
            return QStringLiteral("API key");
        case SearchField::Model:
            return QStringLiteral("model");
        case SearchField::Template:
            return QStringLiteral("template");
        case SearchField::Topic:
            return QStringLiteral("topic");
    }
    return {};
}

std::optional<SearchField> fieldFromKeyword(const QString& keyword) {
    const QString k = keyword.trimmed().toLower();
    for (int i = 0; i < kSearchFieldCount; ++i)
        if (k == fieldKeyword(static_cast<SearchField>(i))) return static_cast<SearchField>(i);
    static const std::pair<const char*, SearchField> kAliases[] = {
        {"user", SearchField::Account},
        {"name", SearchField::Account},
        {"address", SearchField::Ip},
        {"net", SearchField::Subnet},
        {"useragent", SearchField::UserAgent},
        {"user-agent", SearchField::UserAgent},
        {"user_agent", SearchField::UserAgent},
        {"agent", SearchField::UserAgent},
        {"pay", SearchField::Payment},
        {"fp", SearchField::Payment},
        {"organization", SearchField::Organization},
        {"organisation", SearchField::Organization},
        {"apikey", SearchField::ApiKey},
        {"api_key", SearchField::ApiKey},
        {"api-key", SearchField::ApiKey},
        {"tpl", SearchField::Template}};
    for (const auto& [alias, field] : kAliases)
        if (k == QLatin1String(alias)) return field;
    return std::nullopt;
}

SearchQuery parseSearch(const QString& text, SearchField fallback) {
    const QString t = text.trimmed();
    const int colon = t.indexOf(QLatin1Char(':'));
    if (colon > 0)
        if (const auto field = fieldFromKeyword(t.left(colon)))
            return {*field, t.mid(colon + 1).trimmed(), true};
    return {fallback, t, false};
}

bool isAddress(const QString& text) {
    return !subnetOf(text).isEmpty();
}

std::vector<int64_t> searchAccounts(sqlite3* db, SearchField field, const QString& text) {
    return accountsMatching(db, field, text.trimmed(), false);
}

std::vector<int64_t> accountsSharing(sqlite3* db, SearchField field, const QString& value) {
    return accountsMatching(db, field, value, true);
}

std::vector<Pivot> accountPivots(sqlite3* db, int64_t account, int perField) {
    std::vector<Pivot> out;
    for (SearchField f : {SearchField::Ip, SearchField::UserAgent, SearchField::Payment,
                          SearchField::Organization, SearchField::ApiKey})
        addDictionaryPivots(db, f, account, out);
    std::vector<QString> ips;
    for (const Pivot& p : out)
        if (p.field == SearchField::Ip) ips.push_back(p.value);
    addSubnetPivots(db, ips, out);
    if (accountvalues::available(db)) {
        // Only templates another account shares: a key of one account alone leads nowhere.
        sql::Statement s(db,
                         "SELECT t.template_key, (SELECT count(*) FROM account_templates o WHERE "
                         "o.template_key = t.template_key) AS n FROM account_templates t "
                         "WHERE t.account_id = ? AND n > 1 ORDER BY n DESC LIMIT ?");
        s.bind(1, account);
        s.bind(2, static_cast<int64_t>(perField));
        while (s.step())
            out.push_back({SearchField::Template, templateName(s.int64(0)), s.int64(1)});
    }
    keepMostShared(out, perField);
    return out;
}

std::vector<Pivot> valuePivots(sqlite3* db,
                               const std::vector<std::pair<SearchField, QString>>& values) {
    std::vector<Pivot> out;
    std::vector<QString> ips;
    for (const auto& [field, value] : values) {
        if (value.isEmpty()) continue;
        const auto src = sourceOf(field);
        if (!src) continue;
        const bool pairs = hasPairs(db, field);
        const std::vector<int64_t> ids = valueIds(db, *src, value, true);
        if (ids.empty()) continue;
        out.push_back({field, value, pairs ? countHolders(db, *src, ids) : -1});
        if (field == SearchField::Ip) ips.push_back(value);
    }
    addSubnetPivots(db, ips, out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Pivot& a, const Pivot& b) { return a.field < b.field; });
    return out;
}

QString pivotLabel(const Pivot& p) {
    QString value = p.value;
    value.replace(QLatin1Char('&'), QStringLiteral("&&"));  // not a menu mnemonic
    if (value.size() > 60) value = value.left(57) + QStringLiteral("…");
    const QString what = QStringLiteral("Accounts sharing %1 %2").arg(fieldLabel(p.field), value);
    return p.accounts < 0 ? what
                          : QStringLiteral("%1 (%2)").arg(what, QLocale().toString(p.accounts));
}

QString valueOfKey(sqlite3* db, SearchField field, const QString& key) {
    bool numeric = false;
    const int64_t id = key.toLongLong(&numeric);
    if (field == SearchField::Template) return numeric ? templateName(id) : key;
    const auto src = sourceOf(field == SearchField::Subnet ? SearchField::Ip : field);
    if (!numeric || !src || field == SearchField::Subnet) return key;
    if (!valueIds(db, *src, key, true).empty()) return key;  // a value that is a number
    sql::Statement s(db, std::string("SELECT value FROM ") + src->dict + " WHERE id = ?");
    s.bind(1, id);
    return s.step() ? s.text(0) : key;
}

std::optional<SearchField> fieldOfLinkType(const QString& linkType) {
    static const std::pair<const char*, SearchField> kTypes[] = {
        {"template", SearchField::Template},
        {"payment", SearchField::Payment},
        {"ip", SearchField::Ip},
        {"subnet", SearchField::Subnet},
        {"organization", SearchField::Organization},
        {"user_agent", SearchField::UserAgent}};
    for (const auto& [name, field] : kTypes)
        if (linkType.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) return field;
    return fieldFromKeyword(linkType);
}

QString templateName(int64_t key) {
    return QStringLiteral("T%1").arg(static_cast<qulonglong>(key), 16, 16, QLatin1Char('0'));
}

int64_t templateKeyFromName(const QString& name) {
    QString t = name.trimmed();
    if (t.startsWith(QLatin1Char('T'), Qt::CaseInsensitive)) t = t.mid(1);
    bool ok = false;
    const qulonglong v = t.toULongLong(&ok, 16);
    return ok && v <= 0x7FFFFFFFFFFFFFFFULL ? static_cast<int64_t>(v) : -1;
}

}  // namespace quarry::gui
