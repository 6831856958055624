// SPDX-License-Identifier: GPL-3.0-or-later
// accounts, clusters and account: reading an analysis back.
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "analysis/analysisstore.h"
#include "commands.h"
#include "evidence/csvwriter.h"
#include "store/casefile.h"

namespace quarry::cli {
namespace {

// Shared front of the three readers: parse, open the case read-only, insist on an analysis.
std::unique_ptr<CaseFile> openAnalysed(QCommandLineParser& p, const QStringList& args, int positional,
                                       const QString& usage, int& exitCode) {
    p.addHelpOption();
    exitCode = -1;
    if ((exitCode = parseCommandLine(p, args)) >= 0) return nullptr;
    if (p.positionalArguments().size() != positional) {
        exitCode = fail(usage);
        return nullptr;
    }
    QString error;
    auto file = CaseFile::open(p.positionalArguments().first(), CaseFile::Access::ReadOnly, &error);
    if (!file) {
        exitCode = fail(error);
        return nullptr;
    }
    if (!analysisstore::hasAnalysis(file->db())) {
        exitCode = fail(QStringLiteral("%1: not analysed yet; run quarry-cli analyze first").arg(file->path()));
        return nullptr;
    }
    return file;
}

using evidence::csvCell;

}  // namespace

int cmdAccounts(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List accounts with their score, cluster, verdict and reasons."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("flagged"), QStringLiteral("Only accounts Quarry flags.")});
    p.addOption({QStringLiteral("format"), QStringLiteral("csv (default) or json."), QStringLiteral("FORMAT"),
                 QStringLiteral("csv")});
    int rc;
    auto file = openAnalysed(p, args, 1, QStringLiteral("accounts: expected one CASE"), rc);
    if (!file) return rc;
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return fail(QStringLiteral("accounts: --format must be csv or json"));
    const auto rows = analysisstore::accounts(file->db(), p.isSet(QStringLiteral("flagged")));
    if (format == QLatin1String("json")) {
        QJsonArray out;
        for (const auto& r : rows) {
            QJsonObject o;
            o.insert(QStringLiteral("account_id"), r.account);
            o.insert(QStringLiteral("score"), r.score);
            o.insert(QStringLiteral("cluster_id"), r.cluster >= 0 ? QJsonValue(r.cluster) : QJsonValue());
            o.insert(QStringLiteral("flagged"), r.flagged);
            o.insert(QStringLiteral("reasons"), r.reasons);
            out.append(o);
        }
        std::fputs(QJsonDocument(out).toJson().constData(), stdout);
        return 0;
    }
    std::fputs("account_id,score,cluster_id,flagged,reasons\n", stdout);
    for (const auto& r : rows) {
        QStringList reasons;
        for (const auto& v : r.reasons) reasons << v.toString();
        const QString line = csvCell(r.account) + QLatin1Char(',') + QString::number(r.score, 'f', 3) +
                             QLatin1Char(',') + (r.cluster >= 0 ? QString::number(r.cluster) : QString()) +
                             QLatin1Char(',') + (r.flagged ? QStringLiteral("1") : QStringLiteral("0")) +
                             QLatin1Char(',') + csvCell(reasons.join(QStringLiteral("; "))) + QLatin1Char('\n');
        std::fputs(line.toUtf8().constData(), stdout);
    }
    return 0;
}

int cmdClusters(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List clusters, most suspicious first, with members and reasons."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"),
                 QStringLiteral("text")});
    p.addOption({QStringLiteral("min-size"), QStringLiteral("Only clusters with at least N accounts (default 2)."),
                 QStringLiteral("N"), QStringLiteral("2")});
    int rc;
    auto file = openAnalysed(p, args, 1, QStringLiteral("clusters: expected one CASE"), rc);
    if (!file) return rc;
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(QStringLiteral("clusters: --format must be text or json"));
    const int minSize = p.value(QStringLiteral("min-size")).toInt();
    QJsonArray all = analysisstore::clusters(file->db()), shown;
    for (const auto& v : all)
        if (v.toObject().value(QStringLiteral("size")).toInt() >= minSize) shown.append(v);
    if (format == QLatin1String("json")) {
        std::fputs(QJsonDocument(shown).toJson().constData(), stdout);
        return 0;
    }
    for (const auto& v : shown) {
        const QJsonObject c = v.toObject();
        QString text = QStringLiteral("cluster %1%2  size %3  score %4\n")
                           .arg(c.value(QStringLiteral("id")).toInt())
                           .arg(c.value(QStringLiteral("flagged")).toBool() ? QStringLiteral("  FLAGGED") : QString())
                           .arg(c.value(QStringLiteral("size")).toInt())
                           .arg(c.value(QStringLiteral("score")).toDouble(), 0, 'f', 2);
        for (const auto& r : c.value(QStringLiteral("reasons")).toArray()) text += QStringLiteral("  - ") + r.toString() + QLatin1Char('\n');
        QStringList members;
        for (const auto& m : c.value(QStringLiteral("members")).toArray()) members << m.toString();
        text += QStringLiteral("  members: ") + members.mid(0, 12).join(QStringLiteral(", ")) +
                (members.size() > 12 ? QStringLiteral(", ... (%1 more)").arg(members.size() - 12) : QString()) + QStringLiteral("\n\n");
        std::fputs(text.toUtf8().constData(), stdout);
    }
    return 0;
}

int cmdAccount(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Show one account: features, topics, links and reasons."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addPositionalArgument(QStringLiteral("ACCOUNT_ID"), QStringLiteral("The account as in the logs."));
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    int rc;
    auto file = openAnalysed(p, args, 2, QStringLiteral("account: expected CASE and ACCOUNT_ID"), rc);
    if (!file) return rc;
    const QString id = p.positionalArguments().at(1);
    const QJsonObject o = analysisstore::account(file->db(), id);
    if (o.isEmpty()) return fail(QStringLiteral("%1: no account '%2' in this case").arg(file->path(), id));
    if (p.isSet(QStringLiteral("json"))) {
        std::fputs(QJsonDocument(o).toJson().constData(), stdout);
        return 0;
    }
    QString t = QStringLiteral("account %1  score %2  cluster %3  %4\n")
                    .arg(id)
                    .arg(o.value(QStringLiteral("score")).toDouble(), 0, 'f', 2)
                    .arg(o.value(QStringLiteral("cluster_id")).isNull() ? QStringLiteral("-")
                                                                       : QString::number(o.value(QStringLiteral("cluster_id")).toInt()))
                    .arg(o.value(QStringLiteral("flagged")).toBool() ? QStringLiteral("FLAGGED") : QStringLiteral("not flagged"));
    t += QStringLiteral("reasons:\n");
    for (const auto& r : o.value(QStringLiteral("reasons")).toArray()) t += QStringLiteral("  - ") + r.toString() + QLatin1Char('\n');
    for (const auto& u : o.value(QStringLiteral("unavailable")).toArray())
        t += QStringLiteral("  - not in these logs: ") + u.toString() + QLatin1Char('\n');
    t += QStringLiteral("features:\n");
    const QJsonObject f = o.value(QStringLiteral("features")).toObject();
    for (auto it = f.begin(); it != f.end(); ++it)
        t += QStringLiteral("  %1 = %2\n").arg(it.key(), it.value().isDouble() ? QString::number(it.value().toDouble(), 'g', 6) : it.value().toVariant().toString());
    t += QStringLiteral("topics:");
    const QJsonObject topics = o.value(QStringLiteral("topics")).toObject();
    for (auto it = topics.begin(); it != topics.end(); ++it) t += QStringLiteral(" %1=%2").arg(it.key()).arg(it.value().toInt());
    const QJsonArray links = o.value(QStringLiteral("links")).toArray();
    t += QStringLiteral("\nlinks (%1):\n").arg(links.size());
    for (int i = 0; i < links.size() && i < 25; ++i) {
        const QJsonObject l = links[i].toObject();
        t += QStringLiteral("  %1  %2  %3\n").arg(l.value(QStringLiteral("account_id")).toString(),
                                                   l.value(QStringLiteral("type")).toString(),
                                                   l.value(QStringLiteral("evidence")).toString());
    }
    std::fputs(t.toUtf8().constData(), stdout);
    return 0;
}

}  // namespace quarry::cli
