// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Evidence bundles: a ZIP with fixed member names that someone outside Quarry can check.
//   manifest.json         bundle id, created at, tool, case id, analyst, thresholds (the latest
//                         analysis parameters), filters, audit head, and path/SHA-256/size of
//                         every other member except the four below
//   manifest.json.sha256  SHA-256 of manifest.json (catches an edited manifest when unsigned)
//   manifest.json.sig     Ed25519 signature over manifest.json (hex), with --sign
//   signing_key.pub       the signer's public key (hex), with --sign; also inside the manifest
//   accounts.csv requests.csv links.csv audit.jsonl sources.json story.csv report.html
//   plus the members BundleOptions::extraMembers adds (quarry-cli: report.pdf, charts/*.png|pdf)
// requests.csv is streamed account by account; memory stays flat whatever its size.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "bundlecontext.h"

namespace quarry {
class CaseFile;
}

namespace quarry::evidence {

inline constexpr const char* kBundleFormat = "quarry-evidence-bundle";
inline constexpr int kBundleFormatVersion = 1;

struct BundleOptions {
    std::vector<int64_t> clusters;  // cluster ids of the latest analysis
    QStringList accounts;           // account ids as in the logs
    QStringList tags;               // accounts and clusters carrying any of these tags
    bool redact = false;
    bool sign = false;
    std::function<void(const QString& stage, double fraction)> progress;
    const std::atomic<bool>* cancel = nullptr;
    // Called once the data is gathered, to add members rendered outside models (models has no
    // Qt Gui); returning false fails the export with *error. Names must pass isSafeMemberName.
    std::function<bool(const BundleContext&, std::vector<ExtraMember>&, QString* error)>
        extraMembers;
};

struct BundleResult {
    QString bundleId;
    QString manifestSha256;
    QString publicKeyHex;
    int64_t accounts = 0, clusters = 0, requests = 0, links = 0;
    double seconds = 0;
};

// Writes the bundle to outPath (through a .part file renamed at the end) and appends an
// "export" entry to the case's audit trail; the case must be open for writing.
bool exportBundle(CaseFile& file, const BundleOptions& options, const QString& outPath, BundleResult& result,
                  QString* error);

struct BundleVerification {
    bool ok = false;
    QStringList problems;  // each names the member (or the signature, or the chain) that failed
    QJsonObject manifest;
    bool signedBundle = false;  // a valid signature (whoever's key) when ok
    QString publicKeyHex;
    QString fingerprint;        // of publicKeyHex, as publicKeyFingerprint prints it
    bool trustedKey = false;    // signed by VerifyPolicy::trustedKey
    int64_t files = 0;
    int64_t auditEntries = 0;
};

// What the recipient demands beyond integrity. An unsigned bundle proves nothing about who made
// it (anyone can rebuild manifest and hashes), so a recipient who knows the sender's key names it.
struct VerifyPolicy {
    bool requireSignature = false;
    // A public key (64 hex) or its fingerprint (32 hex, spaces allowed); implies requireSignature.
    QString trustedKey;
};
BundleVerification verifyBundle(const QString& zipPath, const VerifyPolicy& policy = {});

// Member names that verify accepts besides those the manifest lists.
bool isSafeMemberName(const QString& name);

}  // namespace quarry::evidence
