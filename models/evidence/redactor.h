// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Masks what an audience outside the security team must not see, keeping the bundle's
// structure. One step, text(), serves every string of every bundle member (MemberWriter applies
// it to each CSV cell, each JSON string and each text member; the rendered members are drawn
// from a BundleContext passed through redactContext), so a new column cannot forget it:
//   - URL credentials: "https://user:secret@host" becomes "https://[redacted]@host"
//   - e-mail addresses: a keyed pseudonym "acct-<12 hex>@redacted.invalid", the same for the same
//     address throughout one bundle (the key is random per bundle and never stored)
//   - IPv4 addresses: their /24 ("203.0.113.0/24"); IPv6: their /48; CIDR prefixes are kept
// Prompt text cannot be recognised inside other text, so the prompt column is masked whole by
// prompt() ("[redacted: N characters]") before it reaches text(). Disabled, every call returns
// its input.

#include <QJsonValue>
#include <QString>

namespace quarry::evidence {

class Redactor {
public:
    explicit Redactor(bool enabled);
    bool enabled() const { return enabled_; }

    QString prompt(const QString& text) const;
    // The one masking step for any string from the case (see above).
    QString text(const QString& s) const;
    // Every string inside a JSON value, keys included, through text().
    QJsonValue json(const QJsonValue& v) const;

private:
    QString ip(const QString& address) const;
    QString pseudonym(const QString& id) const;
    bool enabled_;
    QByteArray key_;
};

}  // namespace quarry::evidence
