// SPDX-License-Identifier: GPL-3.0-or-later
#include "signing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringList>

#include <sodium.h>

#include <algorithm>

namespace quarry::evidence {
namespace {

bool initSodium() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

}  // namespace

QString publicKeyFingerprint(const QString& publicKeyHex) {
    const QByteArray digest =
        QCryptographicHash::hash(QByteArray::fromHex(publicKeyHex.toLatin1()), QCryptographicHash::Sha256).toHex();
    QStringList groups;
    for (int i = 0; i < 32; i += 4) groups << QString::fromLatin1(digest.mid(i, 4));
    return groups.join(QLatin1Char(' '));
}

QString trustedFingerprint(const QString& arg, QString* error) {
    QString text = arg;
    QFile f(arg);
    if (QFileInfo(arg).isFile()) {
        if (!f.open(QIODevice::ReadOnly) || f.size() > 4096) {
            if (error) *error = QStringLiteral("%1: cannot read the trusted key file").arg(arg);
            return {};
        }
        text = QString::fromLatin1(f.readAll());
    }
    text.remove(QLatin1Char(' '));
    text = text.trimmed().toLower();
    const bool hex = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
    if (hex && text.size() == 2 * crypto_sign_PUBLICKEYBYTES)
        return publicKeyFingerprint(text).remove(QLatin1Char(' '));
    if (hex && text.size() == 32) return text;
    if (error)
        *error = QStringLiteral("%1: not an Ed25519 public key (64 hex digits), a key fingerprint (32 hex digits) or a "
                                "file holding a public key")
                     .arg(arg);
    return {};
}

QString signingKeyDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/Quarry/signing");
}

bool loadOrCreateSigningKey(QByteArray& publicKey, QByteArray& secretKey, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (!initSodium()) return setError(QStringLiteral("libsodium failed to initialise"));
    const QString secretPath = signingKeyDirectory() + QStringLiteral("/ed25519.secret");
    QFile sf(secretPath);
    if (sf.exists()) {
        if (!sf.open(QIODevice::ReadOnly)) return setError(QStringLiteral("%1: cannot read the signing key").arg(secretPath));
        secretKey = QByteArray::fromHex(sf.readAll().trimmed());
        if (secretKey.size() != crypto_sign_SECRETKEYBYTES)
            return setError(QStringLiteral("%1: not an Ed25519 secret key").arg(secretPath));
        publicKey.resize(crypto_sign_PUBLICKEYBYTES);
        crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(publicKey.data()),
                                     reinterpret_cast<const unsigned char*>(secretKey.constData()));
        return true;
    }
    return generateSigningKey(publicKey, secretKey, error) && saveSigningKey(secretKey, error);
}

bool signingKeyExists() {
    return QFile::exists(signingKeyDirectory() + QStringLiteral("/ed25519.secret"));
}

bool generateSigningKey(QByteArray& publicKey, QByteArray& secretKey, QString* error) {
    if (!initSodium()) {
        if (error) *error = QStringLiteral("libsodium failed to initialise");
        return false;
    }
    publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), reinterpret_cast<unsigned char*>(secretKey.data()));
    return true;
}

bool saveSigningKey(const QByteArray& secretKey, QString* error) {
    auto setError = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (!initSodium() || secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return setError(QStringLiteral("not an Ed25519 secret key"));
    const QString dir = signingKeyDirectory();
    const QString secretPath = dir + QStringLiteral("/ed25519.secret"), publicPath = dir + QStringLiteral("/ed25519.pub");
    if (!QDir().mkpath(dir)) return setError(QStringLiteral("%1: cannot create the key folder").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, '\0');
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(publicKey.data()),
                                 reinterpret_cast<const unsigned char*>(secretKey.constData()));
    QSaveFile out(secretPath);
    if (!out.open(QIODevice::WriteOnly))
        return setError(QStringLiteral("%1: cannot write the signing key").arg(secretPath));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(secretKey.toHex() + '\n');
    if (!out.commit()) return setError(QStringLiteral("%1: cannot write the signing key").arg(secretPath));
    QSaveFile pub(publicPath);
    if (pub.open(QIODevice::WriteOnly)) {
        pub.write(publicKey.toHex() + '\n');
        pub.commit();
    }
    return true;
}

QByteArray signDetached(const QByteArray& message, const QByteArray& secretKey) {
    if (!initSodium() || secretKey.size() != crypto_sign_SECRETKEYBYTES) return {};
    QByteArray sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()), static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char*>(secretKey.constData()));
    return sig;
}

bool verifyDetached(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey) {
    if (!initSodium() || signature.size() != crypto_sign_BYTES || publicKey.size() != crypto_sign_PUBLICKEYBYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

}  // namespace quarry::evidence
