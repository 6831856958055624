// SPDX-License-Identifier: GPL-3.0-or-later
// Scores an analysed case against a generator's truth.csv
// (account_id,label,campaign,kind[,style,harvest_share]): account-level precision and recall of
// `flagged`, recall per campaign style, false positives per hard-negative and per benign kind,
// cluster purity, whether each campaign is mostly in one cluster and whether two campaigns share
// one, and, when the engine stores a per-account harvest share, how close it is to the truth.
//
//   quality_eval CASE TRUTH.csv
//
// Besides the readable report it prints "M name key numerator denominator" lines that
// adversary_matrix.sh sums over seeds.
#include <QCoreApplication>
#include <QFile>
#include <QHash>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "analysis/analysisstore.h"
#include "store/casefile.h"
#include "store/sqlite.h"

namespace {

// A campaign is "mostly in one cluster" when one cluster holds at least this share of it, and
// two campaigns "share a cluster" when one cluster holds at least this share of each.
constexpr double kMostly = 0.5;
constexpr double kShared = 0.25;

struct Truth {
    QString label, campaign, kind, style;
    double harvestShare = 0;
};

QHash<QString, Truth> readTruth(const char* path, bool& ok) {
    QHash<QString, Truth> truth;
    QFile f(QString::fromLocal8Bit(path));
    ok = f.open(QIODevice::ReadOnly);
    if (!ok) return truth;
    f.readLine();  // header
    while (!f.atEnd()) {
        const QStringList c = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
        if (c.size() < 3) continue;
        Truth t{c[1], c[2], c.size() > 3 ? c[3] : QString(), c.size() > 4 ? c[4] : QString()};
        if (t.style.isEmpty() && t.label == QLatin1String("campaign"))
            t.style = QStringLiteral("hydra");
        t.harvestShare =
            c.size() > 5 ? c[5].toDouble() : (t.label == QLatin1String("campaign") ? 1 : 0);
        truth.insert(c[0], t);
    }
    return truth;
}

void metric(const char* name, const QString& key, long num, long den) {
    std::printf("M %s %s %ld %ld\n", name, qPrintable(key.isEmpty() ? QStringLiteral("-") : key),
                num, den);
}

// The engine's per-account harvest share, when its analysis stores one (a column of
// account_features: mixture_share, harvest_share or another *mixture*share*); empty otherwise.
std::map<QString, double> engineMixture(sqlite3* db, QString& column) {
    std::map<QString, double> out;
    {
        quarry::sql::Statement info(db, "PRAGMA table_info(account_features)");
        while (info.step()) {
            const QString name = info.text(1);
            if (name == QLatin1String("mixture_share") || name == QLatin1String("harvest_share")) {
                column = name;
                break;
            }
            if (column.isEmpty() && name.contains(QLatin1String("mixture")) &&
                name.contains(QLatin1String("share")))
                column = name;
        }
    }
    if (column.isEmpty()) return out;
    quarry::sql::Statement s(
        db, "SELECT a.value, f.\"" + column.toStdString() +
                "\" FROM account_features f JOIN accounts a ON a.id = f.account_id");
    while (s.step())
        if (!s.isNull(1)) out[s.text(0)] = s.real(1);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: quality_eval CASE TRUTH.csv\n");
        return 2;
    }
    QString error;
    auto file = quarry::CaseFile::open(QString::fromLocal8Bit(argv[1]), quarry::CaseFile::Access::ReadOnly, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    bool truthOk = false;
    const QHash<QString, Truth> truth = readTruth(argv[2], truthOk);
    if (!truthOk) {
        std::fprintf(stderr, "cannot read %s\n", argv[2]);
        return 1;
    }
    const auto rows = quarry::analysisstore::accounts(file->db(), false);
    int tp = 0, fp = 0, fn = 0, tn = 0;
    std::map<QString, int> hardNegFlagged, hardNegTotal, benignFlagged, benignTotal, fpByKind;
    std::map<QString, int> styleFlagged, styleTotal;
    std::map<int, std::map<QString, int>> clusterLabels;      // flagged cluster -> campaign -> n
    std::map<QString, std::map<int, int>> campaignClusters;   // campaign -> cluster -> n
    std::map<QString, int> campaignSize;
    std::map<QString, QString> campaignStyle;
    std::map<int, int> clusterSize;
    for (const auto& r : rows) ++clusterSize[r.cluster];
    for (const auto& r : rows) {
        const auto it = truth.find(r.account);
        if (it == truth.end()) continue;
        const bool positive = it->label == QLatin1String("campaign");
        if (positive) {
            ++campaignSize[it->campaign];
            ++campaignClusters[it->campaign][r.cluster];
            campaignStyle[it->campaign] = it->style == QLatin1String("successor_origin")
                                              ? QStringLiteral("successor")
                                              : it->style;
            ++styleTotal[it->style];
            if (r.flagged) ++styleFlagged[it->style];
        }
        if (it->label == QLatin1String("hard_negative")) {
            ++hardNegTotal[it->kind];
            if (r.flagged) ++hardNegFlagged[it->kind];
        }
        if (it->label == QLatin1String("benign")) {
            ++benignTotal[it->kind];
            if (r.flagged) ++benignFlagged[it->kind];
        }
        if (r.flagged) {
            clusterLabels[r.cluster][positive ? it->campaign : QStringLiteral("(not campaign)")]++;
            if (positive) ++tp;
            else {
                ++fp;
                ++fpByKind[it->label + QLatin1Char('/') + it->kind];
            }
        } else {
            positive ? ++fn : ++tn;
        }
    }
    const double precision = tp + fp ? double(tp) / (tp + fp) : 1.0;
    const double recall = tp + fn ? double(tp) / (tp + fn) : 1.0;
    int purityNum = 0, purityDen = 0;
    for (const auto& [cluster, labels] : clusterLabels) {
        int best = 0, total = 0;
        for (const auto& [label, n] : labels) {
            best = std::max(best, n);
            total += n;
        }
        purityNum += best;
        purityDen += total;
        QStringList parts;
        for (const auto& [label, n] : labels) parts << QStringLiteral("%1:%2").arg(label).arg(n);
        std::printf("flagged cluster %-4d %s\n", cluster, qPrintable(parts.join(QLatin1Char(' '))));
    }
    std::printf("accounts           %d (truth %d)\n", static_cast<int>(rows.size()), static_cast<int>(truth.size()));
    std::printf("precision          %.4f  (%d true, %d false positives)\n", precision, tp, fp);
    std::printf("recall             %.4f  (%d missed)\n", recall, fn);
    std::printf("flagged clusters   %d\n", static_cast<int>(clusterLabels.size()));
    std::printf("cluster purity     %.4f\n", purityDen ? double(purityNum) / purityDen : 1.0);
    metric("precision", {}, tp, tp + fp);
    metric("recall", {}, tp, tp + fn);
    for (const auto& [style, n] : styleTotal) {
        std::printf("recall by style    %-18s %d of %d flagged\n", qPrintable(style),
                    styleFlagged[style], n);
        metric("recall_style", style, styleFlagged[style], n);
    }
    int hardFlagged = 0;
    for (const auto& [kind, n] : hardNegTotal) {
        std::printf("hard negative      %-18s %d of %d flagged\n", qPrintable(kind),
                    hardNegFlagged[kind], n);
        metric("fp_hard", kind, hardNegFlagged[kind], n);
        hardFlagged += hardNegFlagged[kind];
    }
    for (const auto& [kind, n] : benignTotal) {
        std::printf("benign             %-18s %d of %d flagged\n", qPrintable(kind),
                    benignFlagged[kind], n);
        metric("fp_benign", kind, benignFlagged[kind], n);
    }
    for (const auto& [kind, n] : fpByKind) std::printf("false positive     %-28s %d\n", qPrintable(kind), n);

    // Whole campaigns: the share in the largest cluster, and clusters two campaigns share.
    std::map<int, std::vector<QString>> heldBy;  // cluster -> campaigns holding >= kShared of it
    for (const auto& [campaign, clusters] : campaignClusters) {
        int best = 0, bestCluster = -1;
        for (const auto& [c, n] : clusters) {
            if (c < 0) continue;
            if (n > best) {
                best = n;
                bestCluster = c;
            }
            if (n >= kShared * campaignSize[campaign]) heldBy[c].push_back(campaign);
        }
        const double share = double(best) / campaignSize[campaign];
        // How much of that cluster is the campaign: a campaign swallowed by a large mixed
        // community is not "recovered as one cluster".
        const int size = bestCluster >= 0 ? clusterSize[bestCluster] : 0;
        std::printf(
            "campaign %-8s   %-9s %d accounts, %.1f%% in its largest cluster (%d of its %d "
            "members), spread over %d clusters\n",
            qPrintable(campaign), qPrintable(campaignStyle[campaign]), campaignSize[campaign],
            100.0 * share, best, size, static_cast<int>(clusters.size()));
        metric("whole", campaignStyle[campaign], share >= kMostly ? 1 : 0, 1);
        metric("main_cluster_members", campaignStyle[campaign], best, size);
    }
    int sharedPairs = 0;
    for (const auto& [cluster, campaigns] : heldBy) {
        if (campaigns.size() < 2) continue;
        for (std::size_t i = 0; i < campaigns.size(); ++i)
            for (std::size_t j = i + 1; j < campaigns.size(); ++j) {
                ++sharedPairs;
                std::printf("campaigns sharing  cluster %d: %s (%s) and %s (%s)\n", cluster,
                            qPrintable(campaigns[i]), qPrintable(campaignStyle[campaigns[i]]),
                            qPrintable(campaigns[j]), qPrintable(campaignStyle[campaigns[j]]));
                metric("shared_pair",
                       campaignStyle[campaigns[i]] + QLatin1Char('+') + campaignStyle[campaigns[j]],
                       1, 1);
            }
    }
    metric("shared_pairs", {}, sharedPairs, static_cast<long>(campaignSize.size()));

    // Mixture: the engine's harvest share per account against the truth's.
    QString column;
    const std::map<QString, double> mixture = engineMixture(file->db(), column);
    if (column.isEmpty()) {
        std::printf("mixture            not measured: account_features has no mixture column\n");
        metric("mixture_column", {}, 0, 1);
    } else {
        // A negative share means the engine could not measure it (no prompts, too few requests).
        double errSum = 0;
        int resellers = 0, unmeasured = 0, benignWithShare = 0, benignAll = 0;
        for (const auto& [account, share] : mixture) {
            const auto it = truth.find(account);
            if (it == truth.end()) continue;
            if (it->style == QLatin1String("reseller")) {
                if (share < 0) {
                    ++unmeasured;
                    continue;
                }
                errSum += std::abs(share - it->harvestShare);
                ++resellers;
            } else if (it->label != QLatin1String("campaign")) {
                ++benignAll;
                benignWithShare += share >= 0.05;
            }
        }
        std::printf(
            "mixture            column %s: mean |error| on %d reseller accounts %.3f (%d not "
            "measured); %d of %d non-campaign accounts given a share >= 0.05\n",
            qPrintable(column), resellers, resellers ? errSum / resellers : 0.0, unmeasured,
            benignWithShare, benignAll);
        metric("mixture_column", {}, 1, 1);
        metric("mixture_err_milli", {}, static_cast<long>(std::lround(1000 * errSum)), resellers);
        metric("mixture_unmeasured", {}, unmeasured, unmeasured + resellers);
        metric("mixture_benign", {}, benignWithShare, benignAll);
    }
    std::printf("hard negatives flagged %d\n", hardFlagged);
    return 0;
}
