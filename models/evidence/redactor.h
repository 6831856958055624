// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Masks what an audience outside the security team must not see, keeping the bundle's
// structure: prompt text becomes "[redacted: N characters]", an IPv4 address its /24
// ("203.0.113.0/24"), an IPv6 address its /48, an e-mail-like account id a keyed pseudonym
// ("acct-<12 hex>@redacted.invalid", the same for the same account throughout one bundle; the
// key is random per bundle and never stored). Disabled, every call returns its input.

#include <QJsonValue>
#include <QString>

namespace quarry::evidence {

class Redactor {
public:
    explicit Redactor(bool enabled);
    bool enabled() const { return enabled_; }

    QString prompt(const QString& text) const;
    QString ip(const QString& address) const;
    QString account(const QString& id) const;
    // Free text (reasons, notes, evidence, paths, audit details): e-mail addresses and full IP
    // addresses inside it are masked; CIDR prefixes are kept.
    QString text(const QString& s) const;
    // Every string inside a JSON value through text().
    QJsonValue json(const QJsonValue& v) const;

private:
    QString pseudonym(const QString& id) const;
    bool enabled_;
    QByteArray key_;
};

}  // namespace quarry::evidence
