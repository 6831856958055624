// SPDX-License-Identifier: GPL-3.0-or-later
// Scores an analysed case against a generator's truth.csv (account_id,label,campaign[,kind]):
// account-level precision and recall of `flagged`, hard negatives flagged, cluster purity and
// how whole each campaign was recovered.
//
//   quality_eval CASE TRUTH.csv
#include <QCoreApplication>
#include <QFile>
#include <QHash>

#include <cstdio>
#include <map>
#include <set>

#include "analysis/analysisstore.h"
#include "store/casefile.h"

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
    QFile truthFile(QString::fromLocal8Bit(argv[2]));
    if (!truthFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[2]);
        return 1;
    }
    struct Truth {
        QString label, campaign, kind;
    };
    QHash<QString, Truth> truth;
    truthFile.readLine();  // header
    while (!truthFile.atEnd()) {
        const QStringList f = QString::fromUtf8(truthFile.readLine()).trimmed().split(QLatin1Char(','));
        if (f.size() < 3) continue;
        truth.insert(f[0], {f[1], f[2], f.size() > 3 ? f[3] : QString()});
    }
    const auto rows = quarry::analysisstore::accounts(file->db(), false);
    int tp = 0, fp = 0, fn = 0, tn = 0;
    std::map<QString, int> hardNegFlagged, hardNegTotal, fpByKind;
    std::map<int, std::map<QString, int>> clusterLabels;      // flagged cluster -> campaign -> n
    std::map<QString, std::map<int, int>> campaignClusters;   // campaign -> cluster -> n
    std::map<QString, int> campaignSize;
    for (const auto& r : rows) {
        const auto it = truth.find(r.account);
        if (it == truth.end()) continue;
        const bool positive = it->label == QLatin1String("campaign");
        if (positive) {
            ++campaignSize[it->campaign];
            ++campaignClusters[it->campaign][r.cluster];
        }
        if (it->label == QLatin1String("hard_negative")) {
            ++hardNegTotal[it->kind];
            if (r.flagged) ++hardNegFlagged[it->kind];
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
    int hardFlagged = 0;
    for (const auto& [kind, n] : hardNegTotal) {
        std::printf("hard negative      %-16s %d of %d flagged\n", qPrintable(kind), hardNegFlagged[kind], n);
        hardFlagged += hardNegFlagged[kind];
    }
    for (const auto& [kind, n] : fpByKind) std::printf("false positive     %-28s %d\n", qPrintable(kind), n);
    for (const auto& [campaign, clusters] : campaignClusters) {
        int best = 0;
        for (const auto& [c, n] : clusters)
            if (c >= 0) best = std::max(best, n);
        std::printf("campaign %-8s   %d accounts, %.1f%% in its largest cluster, spread over %d clusters\n",
                    qPrintable(campaign), campaignSize[campaign], 100.0 * best / campaignSize[campaign],
                    static_cast<int>(clusters.size()));
    }
    std::printf("hard negatives flagged %d\n", hardFlagged);
    return 0;
}
