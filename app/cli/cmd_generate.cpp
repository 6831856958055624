// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "commands.h"
#include "generate/generator.h"

namespace quarry::cli {

namespace {

// Parses a whole-number option; on failure sets why and returns false.
bool intOption(const QCommandLineParser& p, const QString& name, qint64 min, qint64 max,
               qint64& value, QString& why) {
    if (!p.isSet(name)) return true;
    bool ok = false;
    const QString text = p.value(name).trimmed();
    const qint64 v = text.toLongLong(&ok);
    if (!ok) {
        why = QStringLiteral("--%1: '%2' is not a whole number").arg(name, p.value(name));
        return false;
    }
    if (v < min || v > max) {
        why = QStringLiteral("--%1: %2 is out of range (%3..%4)").arg(name).arg(v).arg(min).arg(max);
        return false;
    }
    value = v;
    return true;
}

}  // namespace

int cmdGenerate(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Write a seeded synthetic request log (DIR/requests.csv) with planted "
                       "distillation campaigns and look-alike hard negatives, and its ground "
                       "truth (DIR/truth.csv). The same options and seed give identical files."));
    p.addHelpOption();
    p.addOption({QStringLiteral("out"), QStringLiteral("Output directory (created)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("accounts"),
                 QStringLiteral("Non-campaign accounts: benign and hard negatives (default 2000)."),
                 QStringLiteral("N"), QStringLiteral("2000")});
    p.addOption({QStringLiteral("days"), QStringLiteral("Days in the window (default 14)."),
                 QStringLiteral("D"), QStringLiteral("14")});
    p.addOption({QStringLiteral("campaigns"),
                 QStringLiteral("Planted distillation campaigns (default 3)."), QStringLiteral("K"),
                 QStringLiteral("3")});
    p.addOption({QStringLiteral("campaign-accounts"),
                 QStringLiteral("Accounts across all campaigns (default 300)."),
                 QStringLiteral("N"), QStringLiteral("300")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                 QStringLiteral("S"), QStringLiteral("1")});
    p.addOption({QStringLiteral("requests"),
                 QStringLiteral("Approximate total requests; scales every account's volume. "
                                "Default: natural volumes."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("styles"),
                 QStringLiteral("Campaign styles, comma-separated, used in turn by campaign 1, 2, "
                                "...: hydra (24x7 waves, the default), mimic (office hours of one "
                                "time zone, residential proxies), reseller (harvest mixed into "
                                "real end-user traffic), successor (a banned generation "
                                "replaced). Without --campaigns, one campaign per style."),
                 QStringLiteral("LIST")});
    p.addOption({QStringLiteral("negatives"),
                 QStringLiteral("Hard negatives: classic (default: support bots, benchmark runs, "
                                "SDK-heavy apps, office teams, classrooms) or all (also cron jobs, "
                                "agentic-coding power users, a campus NAT, SaaS apps with one "
                                "template, an SDK crowd)."),
                 QStringLiteral("SET"), QStringLiteral("classic")});
    p.addOption({QStringLiteral("drop"),
                 QStringLiteral("Canonical columns to leave out of requests.csv, comma-separated "
                                "(e.g. prompt,organization_id,account_created_at)."),
                 QStringLiteral("FIELDS")});
    p.addOption({QStringLiteral("metadata-only"),
                 QStringLiteral("Write what LiteLLM stores by default and new-api stores at all: "
                                "no prompt, organization_id or account_created_at (same as --drop "
                                "with those three).")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    if (!p.positionalArguments().isEmpty())
        return fail(QStringLiteral("generate: unexpected argument '%1'")
                        .arg(p.positionalArguments().first()));

    gen::GenerateOptions o;
    o.outDir = p.value(QStringLiteral("out")).toStdString();
    qint64 accounts = o.accounts, days = o.days, campaigns = o.campaigns,
           campaignAccounts = o.campaignAccounts, seed = 1, requests = 0;
    QString why;
    if (!intOption(p, QStringLiteral("accounts"), 1, 5000000, accounts, why) ||
        !intOption(p, QStringLiteral("days"), 1, 3650, days, why) ||
        !intOption(p, QStringLiteral("campaigns"), 0, 100, campaigns, why) ||
        !intOption(p, QStringLiteral("campaign-accounts"), 0, 5000000, campaignAccounts, why) ||
        !intOption(p, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), seed, why) ||
        !intOption(p, QStringLiteral("requests"), 1, qint64{1} << 40, requests, why))
        return fail(QStringLiteral("generate: ") + why);
    // "--campaigns 0" alone means a clean log, not a clash with the default campaign accounts.
    if (campaigns == 0 && !p.isSet(QStringLiteral("campaign-accounts"))) campaignAccounts = 0;
    auto list = [&](const QString& name) {
        std::vector<std::string> out;
        for (const QString& item : p.value(name).split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.push_back(item.trimmed().toStdString());
        return out;
    };
    if (p.isSet(QStringLiteral("styles"))) {
        o.styles = list(QStringLiteral("styles"));
        if (o.styles.empty()) return fail(QStringLiteral("generate: --styles: no style named"));
        if (!p.isSet(QStringLiteral("campaigns"))) campaigns = static_cast<qint64>(o.styles.size());
    }
    const QString negatives = p.value(QStringLiteral("negatives"));
    if (negatives != QLatin1String("classic") && negatives != QLatin1String("all"))
        return fail(QStringLiteral("generate: --negatives: '%1' is neither classic nor all")
                        .arg(negatives));
    o.extraNegatives = negatives == QLatin1String("all");
    o.drop = list(QStringLiteral("drop"));
    if (p.isSet(QStringLiteral("metadata-only")))
        for (const char* f : {"prompt", "organization_id", "account_created_at"})
            if (std::find(o.drop.begin(), o.drop.end(), f) == o.drop.end()) o.drop.emplace_back(f);
    o.accounts = static_cast<int>(accounts);
    o.days = static_cast<int>(days);
    o.campaigns = static_cast<int>(campaigns);
    o.campaignAccounts = static_cast<int>(campaignAccounts);
    o.seed = static_cast<std::uint64_t>(seed);
    o.requests = requests;
    if (const std::string bad = gen::validate(o); !bad.empty())
        return fail(QStringLiteral("generate: ") + QString::fromStdString(bad));
    o.progress = [](int day, int total, std::int64_t rows) {
        progress(QStringLiteral("generate: day %1/%2, %3 rows").arg(day).arg(total).arg(rows));
    };

    const gen::GenerateResult r = gen::generateDataset(o);
    progressDone();
    if (!r.ok) return fail(QStringLiteral("generate: ") + QString::fromStdString(r.error));
    std::printf(
        "Generated %lld requests (%lld from campaigns, %.0f%%) over %d days from %d accounts: "
        "%d benign, %d hard negatives and %d campaign accounts in %d campaigns, seed %llu, "
        "in %.1f s. Requests: %s (%.1f MB). Truth: %s (harvest rows of resellers: %s, %lld).\n",
        static_cast<long long>(r.requests), static_cast<long long>(r.campaignRequests),
        r.requests
            ? 100.0 * static_cast<double>(r.campaignRequests) / static_cast<double>(r.requests)
            : 0.0,
        o.days, r.benignAccounts + r.hardNegativeAccounts + r.campaignAccounts, r.benignAccounts,
        r.hardNegativeAccounts, r.campaignAccounts, r.campaigns,
        static_cast<unsigned long long>(o.seed), r.seconds, r.requestsPath.c_str(),
        static_cast<double>(r.requestsBytes) / 1e6, r.truthPath.c_str(),
        r.truthRequestsPath.c_str(), static_cast<long long>(r.harvestRequests));
    return 0;
}

}  // namespace quarry::cli
