// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlecontext.h"

#include "redactor.h"

namespace quarry::evidence {
namespace {

QStringList redactAll(const QStringList& in, const Redactor& red) {
    QStringList out;
    out.reserve(in.size());
    for (const QString& s : in) out << red.text(s);
    return out;
}

}  // namespace

BundleContext redactedContext(const BundleContext& ctx, const Redactor& red) {
    if (!red.enabled()) return ctx;
    BundleContext r = ctx;
    for (QString* s :
         {&r.bundleId, &r.createdAt, &r.analyst, &r.caseId, &r.tool, &r.analysisFinished})
        *s = red.text(*s);
    r.thresholds = red.json(ctx.thresholds).toObject();
    r.filters = red.json(ctx.filters).toObject();
    for (auto& c : r.clusters) {
        c.reasons = redactAll(c.reasons, red);
        c.tags = redactAll(c.tags, red);
        c.note = red.text(c.note);
    }
    for (auto& a : r.accounts) {
        for (QString* s :
             {&a.name, &a.cluster, &a.score, &a.requests, &a.firstSeen, &a.lastSeen, &a.note})
            *s = red.text(*s);
        a.reasons = redactAll(a.reasons, red);
        a.tags = redactAll(a.tags, red);
    }
    for (auto& item : r.story)
        for (QString* s : {&item.subject, &item.title, &item.text, &item.analyst}) *s = red.text(*s);
    // Topic labels come from the logs when the source had them; two labels may mask alike.
    for (auto& [account, counts] : r.activity) {
        std::map<DayTopic, int64_t> masked;
        for (const auto& [key, n] : counts) masked[DayTopic{key.day, red.text(key.topic)}] += n;
        counts.swap(masked);
    }
    return r;
}

}  // namespace quarry::evidence
