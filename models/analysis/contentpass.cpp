// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentpass.h"

#include <QHash>

#include <arpa/inet.h>

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <future>
#include <memory>
#include <thread>

#include "core/boundedqueue.h"
#include "store/sqlite.h"

namespace quarry {
namespace {

constexpr size_t kBatchRows = 4096;

struct Row {
    int64_t id, ts, createdAt;
    int32_t account, ip, ua, org, payment, model, sourceTopic, key;
    int32_t promptTokens, completionTokens;  // -1 = NULL
    uint32_t promptOff, promptLen;
};
struct Batch {
    std::vector<Row> rows;
    std::string text;
    // Filled by a labelling thread: taxonomy index and chain-of-thought flag per row (-1 when
    // the row has no prompt).
    std::vector<int8_t> topic;
    std::vector<uint8_t> cot;
    std::promise<void> labelled;
};

// Labels every prompt of a batch; the Hyperscan scan is most of the pass's CPU, so several
// threads do it, each with its own labeller (scratch space).
void labelBatch(const PromptLabeler& label, Batch& b) {
    b.topic.assign(b.rows.size(), -1);
    b.cot.assign(b.rows.size(), 0);
    for (size_t i = 0; i < b.rows.size(); ++i) {
        const Row& r = b.rows[i];
        if (r.promptLen == 0) continue;
        int topic = -1;
        bool cot = false;
        label(std::string_view(b.text.data() + r.promptOff, r.promptLen), topic, cot);
        // Out of range (no topic) is folded into the fallback topic by consume().
        b.topic[i] = static_cast<int8_t>(topic >= 0 && topic < kMaxTopics ? topic : -1);
        b.cot[i] = cot ? 1 : 0;
    }
    b.labelled.set_value();
}

int32_t col32(const sql::Statement& s, int c) { return s.isNull(c) ? -1 : static_cast<int32_t>(s.int64(c)); }

void insertCapped(FlatIntSet& set, int32_t v) {
    if (v >= 0 && set.size() < ContentAccumulator::kSetCap) set.insert(v);
}

// Records (value, account) when the value differs from the account's previous one: runs of the
// same value (the usual case) cost one comparison per request.
void addPair(aggregates::PairSet& set, int32_t& last, int32_t value, int32_t account) {
    if (value < 0 || value == last) return;
    last = value;
    set.add(value, account);
}

void consume(const ContentPassInput& in, const Batch& b, ContentPassOutput& out) {
    for (size_t i = 0; i < b.rows.size(); ++i) {
        const Row& r = b.rows[i];
        const bool idInRange = r.id >= 0 && static_cast<size_t>(r.id) < out.requestFlags.size();
        if (idInRange) out.requestFlags[r.id] = static_cast<uint8_t>(kRequestRead | in.otherTopic);
        if (r.account < 0 || static_cast<size_t>(r.account) >= out.accounts.size()) continue;
        ContentAccumulator& a = out.accounts[r.account];
        int topic = b.topic[i] >= 0 ? b.topic[i] : in.otherTopic;
        const bool cot = b.cot[i] != 0;
        const std::string_view prompt(b.text.data() + r.promptOff, r.promptLen);
        if (r.sourceTopic >= 0 && static_cast<size_t>(r.sourceTopic) < in.sourceTopicToIndex.size())
            topic = in.sourceTopicToIndex[r.sourceTopic];
        if (topic < 0 || topic >= kMaxTopics) topic = in.otherTopic;
        if (idInRange)
            out.requestFlags[r.id] =
                static_cast<uint8_t>(kRequestRead | (cot ? kRequestCot : 0) | topic);
        ++a.n;
        a.cot += cot;
        a.promptRows += r.promptLen > 0;
        ++a.topics[topic];
        if (r.promptTokens >= 0 && r.completionTokens >= 0) {
            ++a.tokenRows;
            a.promptTokens += static_cast<uint64_t>(r.promptTokens);
            a.completionTokens += static_cast<uint64_t>(r.completionTokens);
            a.promptTokensSq += static_cast<double>(r.promptTokens) * r.promptTokens;
            a.completionTokensSq += static_cast<double>(r.completionTokens) * r.completionTokens;
        }
        if (r.createdAt != 0 && (a.createdAt == 0 || r.createdAt < a.createdAt)) a.createdAt = r.createdAt;
        if (r.ip >= 0 && r.ip != a.lastIp) {
            a.lastIp = r.ip;
            out.ipAccounts.add(r.ip, r.account);
            insertCapped(a.ips, r.ip);
            if (static_cast<size_t>(r.ip) < out.ipSubnet.size()) insertCapped(a.subnets, out.ipSubnet[r.ip]);
        }
        if (r.ua >= 0 && r.ua != a.lastUa) {
            a.lastUa = r.ua;
            out.uaAccounts.add(r.ua, r.account);
            insertCapped(a.userAgents, r.ua);
        }
        // The sets only need a value when it differs from the account's previous one.
        if (r.org != a.lastOrg) insertCapped(a.orgs, r.org);
        if (r.payment != a.lastPayment) insertCapped(a.payments, r.payment);
        if (r.key != a.lastKey) insertCapped(a.keys, r.key);
        addPair(out.values.orgs, a.lastOrg, r.org, r.account);
        addPair(out.values.payments, a.lastPayment, r.payment, r.account);
        addPair(out.values.keys, a.lastKey, r.key, r.account);
        addPair(out.values.models, a.lastModel, r.model, r.account);
        if (r.model >= 0) {
            auto it = std::find_if(a.models.begin(), a.models.end(),
                                   [&](const auto& m) { return m.model == r.model; });
            if (it == a.models.end())
                a.models.push_back({r.model, 1, r.ts, 0});
            else {
                ++it->count;
                it->firstTs = std::min(it->firstTs, r.ts);
            }
            if (static_cast<size_t>(r.model) < out.models.size()) {
                auto& m = out.models[r.model];
                m.firstTs = std::min(m.firstTs, r.ts);
                ++m.count;
            }
        }
        // Bottom-k sampling: only prompts whose rank beats the current k-th are signed.
        if (r.promptLen > 0) {
            const uint64_t rank = minhash::mix64(static_cast<uint64_t>(r.id) ^ 0x5bd1e995ULL);
            auto cmp = [](const ContentAccumulator::Sample& x, const ContentAccumulator::Sample& y) {
                return x.rank < y.rank;
            };
            const bool room = a.sample.size() < static_cast<size_t>(in.samplePerAccount);
            if (room || rank < a.sample.front().rank) {
                minhash::Signature sig;
                if (minhash::promptSignature(prompt, sig)) {
                    if (!room) {
                        std::pop_heap(a.sample.begin(), a.sample.end(), cmp);
                        a.sample.pop_back();
                    }
                    a.sample.push_back({rank, sig});
                    std::push_heap(a.sample.begin(), a.sample.end(), cmp);
                }
            }
        }
    }
}

}  // namespace

QString subnetOf(const QString& ip) {
    const QByteArray text = ip.trimmed().toLatin1();
    unsigned char buf[16];
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET, text.constData(), buf) == 1) {
        buf[3] = 0;
        inet_ntop(AF_INET, buf, out, sizeof out);
        return QString::fromLatin1(out) + QStringLiteral("/24");
    }
    if (inet_pton(AF_INET6, text.constData(), buf) == 1) {
        for (int i = 6; i < 16; ++i) buf[i] = 0;
        inet_ntop(AF_INET6, buf, out, sizeof out);
        return QString::fromLatin1(out) + QStringLiteral("/48");
    }
    return {};
}

bool runContentPass(const ContentPassInput& in, ContentPassOutput& out, QString* error) {
    sqlite3* db = in.db;
    const int64_t maxAccount = sql::queryInt(db, "SELECT max(id) FROM accounts", 0);
    const int64_t maxRequest = sql::queryInt(db, "SELECT max(id) FROM requests", 0);
    const int64_t maxModel = sql::queryInt(db, "SELECT max(id) FROM models", 0);
    out.accounts.assign(static_cast<size_t>(maxAccount + 1), ContentAccumulator());
    out.requestFlags.assign(static_cast<size_t>(maxRequest + 1),
                            static_cast<uint8_t>(in.otherTopic));
    out.models.assign(static_cast<size_t>(maxModel + 1), {});

    {
        const int64_t maxIp = sql::queryInt(db, "SELECT max(id) FROM ips", 0);
        out.ipSubnet.assign(static_cast<size_t>(maxIp + 1), -1);
        QHash<QString, int32_t> subnetIds;
        sql::Statement s(db, "SELECT id, value FROM ips");
        while (s.step()) {
            const QString subnet = subnetOf(s.text(1));
            if (subnet.isEmpty()) continue;
            auto it = subnetIds.find(subnet);
            if (it == subnetIds.end()) {
                it = subnetIds.insert(subnet, static_cast<int32_t>(out.subnetNames.size()));
                out.subnetNames.push_back(subnet);
            }
            out.ipSubnet[static_cast<size_t>(s.int64(0))] = it.value();
        }
    }

    // The calling thread reads SQLite and, in storage order, folds labelled batches into the
    // accumulators; labelling threads scan the prompts in between. At most `inFlight` batches
    // exist at once, so memory stays bounded.
    const int labellers = std::max(1, in.labelThreads);
    const size_t inFlight = static_cast<size_t>(2 * labellers + 2);
    BoundedQueue<Batch*> queue(inFlight);
    std::vector<std::thread> workers;
    for (int t = 0; t < labellers; ++t)
        workers.emplace_back([&] {
            const PromptLabeler label = in.makeLabeler();
            while (auto b = queue.pop()) labelBatch(label, **b);
        });
    std::deque<std::unique_ptr<Batch>> pending;  // submitted, in storage order
    auto consumeOldest = [&] {
        std::unique_ptr<Batch> b = std::move(pending.front());
        pending.pop_front();
        b->labelled.get_future().wait();
        consume(in, *b, out);
    };
    auto submit = [&](std::unique_ptr<Batch> b) {
        if (pending.size() >= inFlight) consumeOldest();
        Batch* raw = b.get();
        pending.push_back(std::move(b));
        queue.push(raw);
    };

    sql::Statement s(db,
                     "SELECT r.id, r.ts, r.account_created_at, r.account_id, r.ip_id, r.ua_id, "
                     "r.org_id, r.payment_id, r.model_id, r.topic_id, r.prompt_tokens, "
                     "r.completion_tokens, t.prompt, r.api_key_id FROM requests r "
                     "LEFT JOIN request_text t ON t.id = r.id ORDER BY r.id");
    auto batch = std::make_unique<Batch>();
    bool cancelled = false;
    while (s.step()) {
        Row r;
        r.id = s.int64(0);
        r.ts = s.int64(1);
        r.createdAt = s.isNull(2) ? 0 : s.int64(2);
        r.account = col32(s, 3);
        r.ip = col32(s, 4);
        r.ua = col32(s, 5);
        r.org = col32(s, 6);
        r.payment = col32(s, 7);
        r.model = col32(s, 8);
        r.sourceTopic = col32(s, 9);
        r.promptTokens = col32(s, 10);
        r.completionTokens = col32(s, 11);
        r.key = col32(s, 13);
        const std::string_view p = s.textView(12);
        r.promptOff = static_cast<uint32_t>(batch->text.size());
        r.promptLen = static_cast<uint32_t>(std::min<size_t>(p.size(), 16384));
        batch->text.append(p.data(), r.promptLen);
        FieldCoverage& c = out.coverage;
        ++c.rows;
        c.prompt += r.promptLen > 0;
        c.tokens += r.promptTokens >= 0 && r.completionTokens >= 0;
        c.ip += r.ip >= 0;
        c.userAgent += r.ua >= 0;
        c.createdAt += r.createdAt != 0;
        c.payment += r.payment >= 0;
        c.organization += r.org >= 0;
        c.apiKey += r.key >= 0;
        c.model += r.model >= 0;
        batch->rows.push_back(r);
        ++out.rows;
        if (batch->rows.size() >= kBatchRows) {
            if (in.progress) in.progress(out.rows, maxRequest);
            if (in.cancel && in.cancel->load()) {
                cancelled = true;
                break;
            }
            submit(std::move(batch));
            batch = std::make_unique<Batch>();
        }
    }
    const int rc = s.resultCode();
    if (!cancelled) {
        submit(std::move(batch));
        while (!pending.empty()) consumeOldest();
    }
    queue.close();
    if (cancelled) queue.abort();
    for (auto& w : workers) w.join();
    if (cancelled) {
        if (error) *error = QStringLiteral("analysis cancelled");
        return false;
    }
    if (rc != SQLITE_DONE) {
        if (error) *error = QStringLiteral("reading requests failed: %1").arg(sql::lastError(db));
        return false;
    }
    return true;
}

}  // namespace quarry
