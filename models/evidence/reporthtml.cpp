// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporthtml.h"

#include <QJsonDocument>

#include "core/displaytext.h"

namespace quarry::evidence {
namespace {
// Every string of the report: hidden characters shown (displayText), then HTML-escaped.
QString esc(const QString& s) {
    return displayText(s).toHtmlEscaped();
}

QString reasonList(const QStringList& reasons) {
    QString out;
    for (const auto& r : reasons) out += QStringLiteral("<li>") + esc(r) + QStringLiteral("</li>");
    return out;
}
}  // namespace

QString reportHtml(const BundleContext& ctx) {
    QString h;
    h += QStringLiteral(
             "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
             "'unsafe-inline'\">\n"
             "<title>Quarry evidence bundle "
             "%1</title>\n<style>body{font-family:sans-serif;margin:2em}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px "
             "6px;vertical-align:top;"
             "font-size:90%}th{background:#eee}.flag{color:#c0392b;font-weight:bold}</style></"
             "head><body>\n")
             .arg(esc(ctx.bundleId));
    h += QStringLiteral("<h1>Evidence bundle</h1>\n<table>");
    auto row = [&](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(esc(k), esc(v));
    };
    row(QStringLiteral("Bundle"), ctx.bundleId);
    row(QStringLiteral("Created"), ctx.createdAt);
    row(QStringLiteral("Analyst"), ctx.analyst);
    row(QStringLiteral("Case"), ctx.caseId);
    row(QStringLiteral("Tool"), ctx.tool);
    row(QStringLiteral("Analysis finished"),
        ctx.analysisFinished.isEmpty() ? QStringLiteral("not analysed") : ctx.analysisFinished);
    row(QStringLiteral("Selection"),
        QString::fromUtf8(QJsonDocument(ctx.filters).toJson(QJsonDocument::Compact)));
    row(QStringLiteral("Accounts"), QString::number(ctx.accounts.size()));
    row(QStringLiteral("Requests"), QString::number(ctx.requests));
    row(QStringLiteral("Evidence links"), QString::number(ctx.links));
    row(QStringLiteral("Redacted"),
        ctx.redacted
            ? QStringLiteral("yes: prompts, full IP addresses and e-mail addresses are masked")
            : QStringLiteral("no"));
    h += QStringLiteral("</table>\n");
    if (!ctx.story.empty()) {
        h += QStringLiteral(
            "<h2>Story</h2>\n<table><tr><th>#</th><th>Time (UTC)</th><th>Kind</th><th>What</th>"
            "<th>Details</th><th>Analyst</th></tr>\n");
        int n = 0;
        for (const auto& r : ctx.story)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n")
                     .arg(QString::number(++n), esc(r.time), esc(r.kind), esc(r.title), esc(r.text),
                          esc(r.analyst));
        h += QStringLiteral("</table>\n");
    }
    if (!ctx.clusters.empty()) {
        h += QStringLiteral(
            "<h2>Clusters</h2>\n<table><tr><th>Cluster</th><th>Size</th><th>Score</th><th>Verdict</"
            "th>"
            "<th>Tags</th><th>Note</th><th>Reasons</th></tr>\n");
        for (const auto& c : ctx.clusters) {
            h += QStringLiteral(
                     "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</"
                     "td><td><ul>%7</ul></td></tr>\n")
                     .arg(c.id)
                     .arg(c.size)
                     .arg(c.score, 0, 'f', 2)
                     .arg(c.flagged ? QStringLiteral("<span class=\"flag\">flagged</span>")
                                    : QStringLiteral("not flagged"),
                          esc(c.tags.join(QStringLiteral(", "))), esc(c.note),
                          reasonList(c.reasons));
        }
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral(
        "<h2>Accounts</h2>\n<table><tr><th>Account</th><th>Cluster</th><th>Score</th><th>Verdict</"
        "th>"
        "<th>Requests</th><th>First seen</th><th>Last "
        "seen</th><th>Tags</th><th>Note</th><th>Reasons</th></tr>\n");
    for (const auto& a : ctx.accounts) {
        h += QStringLiteral(
                 "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</"
                 "td><td>%8</td>"
                 "<td>%9</td><td><ul>%10</ul></td></tr>\n")
                 .arg(esc(a.name), esc(a.cluster), esc(a.score),
                      a.flagged ? QStringLiteral("<span class=\"flag\">flagged</span>") : QString(),
                      esc(a.requests), esc(a.firstSeen), esc(a.lastSeen),
                      esc(a.tags.join(QStringLiteral(", "))), esc(a.note))
                 .arg(reasonList(a.reasons));
    }
    h += QStringLiteral(
             "</table>\n<h2>Files</h2>\n<p>accounts.csv, requests.csv (the accounts' requests%1), "
             "links.csv "
             "(evidence links), story.csv (the story above), audit.jsonl (the case's audit chain up to this export), "
             "sources.json "
             "(imported files with SHA-256). manifest.json lists the SHA-256 of each; check the "
             "bundle with "
             "<code>quarry-cli verify</code>.</p>\n</body></html>\n")
             .arg(ctx.redacted ? QStringLiteral(", prompts masked")
                               : QStringLiteral(" with prompts"));
    return h;
}

}  // namespace quarry::evidence
