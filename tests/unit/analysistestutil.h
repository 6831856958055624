// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small hand-built cases for the detection suites: requests written as CSV, imported into a real
// case file and analysed, and readers of what the analysis concluded.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "analysis/analysisstore.h"
#include "analysis/analyzer.h"
#include "core/fields.h"
#include "ingest/importer.h"
#include "ingest/timestamp.h"
#include "store/casefile.h"
#include "testutil.h"

namespace quarry::test {

constexpr int64_t kStart = 1788220800000LL;  // 2026-09-01T00:00:00Z, a Tuesday
constexpr int64_t kHour = 3600000, kDay = 86400000;

struct Req {
    int64_t ts;
    QString account, ip, ua, org, payment, prompt, model;
    int64_t createdAt = 0;
    int promptTokens = -1, completionTokens = -1;  // -1: not in the logs
};

inline QByteArray csvField(const QString& s) {
    QByteArray b = s.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n')) b = '"' + b.replace("\"", "\"\"") + '"';
    return b;
}

// Writes rows to CSV, imports them into a new case and analyses it.
class CaseBuilder {
public:
    std::vector<Req> rows;
    void add(const Req& r) { rows.push_back(r); }

    // Prompt-less logs (what LiteLLM stores by default and new-api always): no prompt column.
    bool withPrompts = true;
    AnalysisSummary summary;

    std::unique_ptr<CaseFile> build(const QString& dir, AnalysisOptions options = {}) {
        QByteArray csv = "timestamp,account_id,ip,user_agent,organization_id,payment_fingerprint,model,"
                         "account_created_at,prompt_tokens,completion_tokens";
        csv += withPrompts ? ",prompt\n" : "\n";
        auto number = [](int v) { return v < 0 ? QByteArray() : QByteArray::number(v); };
        for (const Req& r : rows) {
            csv += QByteArray::fromStdString(formatTimestampMs(r.ts)) + ',' + csvField(r.account) + ',' + csvField(r.ip) +
                   ',' + csvField(r.ua) + ',' + csvField(r.org) + ',' + csvField(r.payment) + ',' +
                   csvField(r.model.isEmpty() ? QStringLiteral("model-a") : r.model) + ',' +
                   (r.createdAt ? QByteArray::fromStdString(formatTimestampMs(r.createdAt)) : QByteArray()) + ',' +
                   number(r.promptTokens) + ',' + number(r.completionTokens);
            csv += withPrompts ? ',' + csvField(r.prompt) + '\n' : QByteArray("\n");
        }
        const QString path = dir + QStringLiteral("/in.csv");
        if (!test::writeFile(path, csv)) return nullptr;
        QString error;
        auto file = CaseFile::open(dir + QStringLiteral("/c.quarry"), CaseFile::Access::CreateIfMissing, &error);
        ImportResult ir;
        if (!file || !Importer(*file).run(path, ImportOptions(), ir, &error)) {
            qWarning() << error;
            return nullptr;
        }
        if (!analyzeCase(*file, options, summary, &error)) {
            qWarning() << error;
            return nullptr;
        }
        return file;
    }
};

inline QJsonObject accountInfo(CaseFile& f, const QString& id) { return analysisstore::account(f.db(), id); }
inline double feature(CaseFile& f, const QString& id, const char* name) {
    return accountInfo(f, id).value(QStringLiteral("features")).toObject().value(QLatin1String(name)).toDouble();
}
inline bool linked(CaseFile& f, const QString& a, const QString& b, const QString& type) {
    for (const auto& l : accountInfo(f, a).value(QStringLiteral("links")).toArray()) {
        const QJsonObject o = l.toObject();
        if (o.value(QStringLiteral("account_id")).toString() == b && o.value(QStringLiteral("type")).toString() == type)
            return true;
    }
    return false;
}
inline int clusterOf(CaseFile& f, const QString& id) {
    const QJsonValue v = accountInfo(f, id).value(QStringLiteral("cluster_id"));
    return v.isNull() || v.isUndefined() ? -1 : v.toInt();
}
inline bool flagged(CaseFile& f, const QString& id) { return accountInfo(f, id).value(QStringLiteral("flagged")).toBool(); }
inline QStringList reasonsOf(CaseFile& f, const QString& id) {
    QStringList out;
    for (const auto& r : accountInfo(f, id).value(QStringLiteral("reasons")).toArray()) out << r.toString();
    return out;
}

// Prompt text with enough words to sign, varied by i so accounts do not collide by accident.
inline QString diversePrompt(int seed) {
    static const char* const kWords[] = {"garden", "invoice", "holiday", "kernel", "poem", "river", "budget",
                                         "recipe", "galaxy", "tennis", "history", "violin", "market", "castle",
                                         "forest", "bicycle", "museum", "station", "island", "theory"};
    QString s = QStringLiteral("Could you tell me something about");
    uint32_t x = static_cast<uint32_t>(seed) * 2654435761u + 12345u;
    for (int i = 0; i < 10; ++i) {
        x = x * 1664525u + 1013904223u;
        s += QLatin1Char(' ') + QLatin1String(kWords[(x >> 16) % 20]);
    }
    return s + QStringLiteral(" number ") + QString::number(seed);
}

// A harvesting template: fixed wording, a slot, and an explicit request for the reasoning.
inline QString campaignPrompt(int i) {
    static const char* const kTasks[] = {"merge two sorted linked lists", "parse a CSV file with quoted fields",
                                         "implement an LRU cache", "find the longest palindromic substring",
                                         "serialize a binary tree", "schedule tasks with dependencies"};
    return QStringLiteral("You are an expert software engineer. Write a Python function to %1. Think step by step "
                          "and write out your full reasoning before giving the final code.")
        .arg(QLatin1String(kTasks[i % 6]));
}


}  // namespace quarry::test
