// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a bundle's human-readable members (report.html, and report.pdf / charts/ rendered outside
// models) show, gathered once by exportBundle so every rendering shows the same content. With
// --redact every string here is already redacted; renderers must not look at the case again.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace quarry::evidence {

struct BundleAccountRow {
    int64_t id = 0;  // internal row id: a key into BundleContext::activity, never shown
    QString name;    // account id as in the logs (redacted)
    QString cluster, score, requests, firstSeen, lastSeen;
    bool flagged = false;
    QStringList reasons, tags;
    QString note;
};

struct BundleClusterRow {
    int64_t id = 0;
    int64_t size = 0;
    double score = 0;
    double coordination = 0, automation = 0, harvest = 0;  // the score's parts
    bool flagged = false;
    QStringList reasons, tags;
    QString note;
    std::vector<int64_t> members;  // BundleAccountRow::id of its accounts in the selection
};

// One item of the case story (story.h), in the analyst's order.
struct BundleStoryRow {
    QString kind, time, subject, title, text, analyst;
};

// Requests of one account on one UTC day (days since 1970-01-01) about one topic.
struct DayTopic {
    int64_t day = 0;
    QString topic;
    bool operator<(const DayTopic& o) const { return day != o.day ? day < o.day : topic < o.topic; }
};

struct BundleContext {
    QString bundleId, createdAt, analyst, caseId, tool;
    QString analysisFinished;  // empty when the case is not analysed
    QJsonObject thresholds;    // the latest analysis parameters
    QJsonObject filters;       // the selection, as in the manifest
    bool redacted = false;
    int64_t requests = 0, links = 0;
    std::vector<BundleClusterRow> clusters;
    std::vector<BundleAccountRow> accounts;                   // ordered by score, then name
    std::map<int64_t, std::map<DayTopic, int64_t>> activity;  // account row id -> counts
    std::vector<BundleStoryRow> story;  // the story items about the selection, in story order
};

class Redactor;
// The context with every string through Redactor::text (disabled: a copy). exportBundle gathers
// the raw context and hands only this copy to report.html, report.pdf and the charts.
BundleContext redactedContext(const BundleContext& ctx, const Redactor& red);

// A member produced outside models (report.pdf, charts/...); hashed into the manifest like the
// rest.
struct ExtraMember {
    QString path;  // a fixed, generated name; isSafeMemberName must accept it
    QByteArray data;
};

}  // namespace quarry::evidence
