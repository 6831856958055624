// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/custodyprompts.h"

#include <QCoreApplication>
#include <QDir>
#include <QInputDialog>
#include <QMessageBox>

#include "evidence/signing.h"
#include "store/auditlog.h"

namespace quarry::gui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("quarry::gui::CustodyPrompts", text);
}

}  // namespace

std::function<std::optional<QString>(const QString&)> analystNameHook;
std::function<bool(const QString&)> signingKeyHook;

std::optional<QString> askAnalystName(QWidget* parent, const QString& question) {
    if (analystNameHook) return analystNameHook(question);
    bool ok = false;
    const QString name =
        QInputDialog::getText(parent, tr("Analyst Name"), question, QLineEdit::Normal,
                              evidence::configuredAnalyst(), &ok);
    if (!ok) return std::nullopt;
    return name.trimmed();
}

bool ensureAnalystName(QWidget* parent) {
    if (!qEnvironmentVariableIsEmpty("QUARRY_ANALYST") || !evidence::configuredAnalyst().isEmpty())
        return true;
    const std::optional<QString> name = askAnalystName(
        parent, tr("The audit trail records who did each action, and evidence bundles name their "
                   "author.\nYour name (asked once; Settings › Analyst Name changes it):"));
    if (!name || name->isEmpty()) return false;
    evidence::setConfiguredAnalyst(*name);
    return true;
}

bool ensureSigningKey(QWidget* parent, QString* error) {
    if (evidence::signingKeyExists()) return true;
    QByteArray publicKey, secretKey;
    if (!evidence::generateSigningKey(publicKey, secretKey, error)) return false;
    const QString fingerprint =
        evidence::publicKeyFingerprint(QString::fromLatin1(publicKey.toHex()));
    const QString text =
        tr("This is your first signed export. Quarry will create your Ed25519 signing key:\n\n"
           "  kept in: %1 (the secret half readable by you only; quarry-cli uses the same key)\n"
           "  fingerprint: %2\n\n"
           "Every bundle you sign carries the public key. Give the fingerprint to the recipients "
           "over another channel (phone, in person); they check a bundle with\n"
           "  quarry-cli verify BUNDLE.zip --trusted-key \"%2\"\n"
           "which fails unless this key signed it. Back the folder up: a new key has a new "
           "fingerprint.\n\nCreate the key and sign?")
            .arg(QDir::toNativeSeparators(evidence::signingKeyDirectory()), fingerprint);
    bool agreed;
    if (signingKeyHook) {
        agreed = signingKeyHook(text);
    } else {
        QMessageBox box(QMessageBox::Information, tr("Your Signing Key"), text,
                        QMessageBox::Yes | QMessageBox::Cancel, parent);
        box.setTextFormat(Qt::PlainText);
        box.setDefaultButton(QMessageBox::Yes);
        agreed = box.exec() == QMessageBox::Yes;
    }
    if (!agreed) {
        if (error) *error = tr("No signing key was created; the bundle was not exported.");
        return false;
    }
    return evidence::saveSigningKey(secretKey, error);
}

}  // namespace quarry::gui
