// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>

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
        "in %.1f s. Requests: %s (%.1f MB). Truth: %s.\n",
        static_cast<long long>(r.requests), static_cast<long long>(r.campaignRequests),
        r.requests ? 100.0 * static_cast<double>(r.campaignRequests) / static_cast<double>(r.requests) : 0.0,
        o.days, r.benignAccounts + r.hardNegativeAccounts + r.campaignAccounts, r.benignAccounts,
        r.hardNegativeAccounts, r.campaignAccounts, r.campaigns,
        static_cast<unsigned long long>(o.seed), r.seconds, r.requestsPath.c_str(),
        static_cast<double>(r.requestsBytes) / 1e6, r.truthPath.c_str());
    return 0;
}

}  // namespace quarry::cli
