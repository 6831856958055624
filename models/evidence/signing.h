// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ed25519 signatures over a bundle's manifest (libsodium). The analyst's key pair lives in the
// user's config folder (QStandardPaths::GenericConfigLocation/Quarry/signing/, shared by
// quarry-cli and the dashboard), created on first use with the secret key readable by the
// owner only. The public key travels inside the bundle; compare its fingerprint out of band.

#include <QByteArray>
#include <QString>

namespace quarry::evidence {

QString signingKeyDirectory();
// Loads the key pair, creating it on first use. Keys are raw bytes (32 public, 64 secret).
bool loadOrCreateSigningKey(QByteArray& publicKey, QByteArray& secretKey, QString* error);
// Whether the key pair exists (a first signing creates it).
bool signingKeyExists();
// A new key pair in memory only (so its fingerprint can be shown before it is kept), and
// storing one where loadOrCreateSigningKey finds it.
bool generateSigningKey(QByteArray& publicKey, QByteArray& secretKey, QString* error);
bool saveSigningKey(const QByteArray& secretKey, QString* error);
QByteArray signDetached(const QByteArray& message, const QByteArray& secretKey);
// What to read out over the phone: SHA-256 of the raw public key, first 16 bytes, hex in groups
// of four ("ab12 cd34 ...").
QString publicKeyFingerprint(const QString& publicKeyHex);
// The fingerprint (32 hex, no spaces) named by arg: a public key's 64 hex, a fingerprint with or
// without spaces, or a file holding a public key in hex (signing_key.pub, ed25519.pub). Empty
// with *error when arg is none of these.
QString trustedFingerprint(const QString& arg, QString* error);
bool verifyDetached(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey);

}  // namespace quarry::evidence
