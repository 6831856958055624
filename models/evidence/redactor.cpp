// SPDX-License-Identifier: GPL-3.0-or-later
#include "redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <arpa/inet.h>

#include <algorithm>
#include <functional>

namespace quarry::evidence {
namespace {

const QRegularExpression& urlCredentialsRe() {
    // scheme://user[:password]@ — the userinfo part of RFC 3986, up to the last '@' before the
    // host.
    static const QRegularExpression re(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s@]*@"));
    return re;
}
const QRegularExpression& emailRe() {
    static const QRegularExpression re(
        QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*"));
    return re;
}
const QRegularExpression& ipv6CandidateRe() {
    // Hex groups and colons (at least two), optionally ending in a dotted quad; not inside a
    // word. inet_pton decides whether a candidate really is an address.
    static const QRegularExpression re(
        QStringLiteral("(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(:\\d{1,3}(\\."
                       "\\d{1,3}){3})?(?![0-9A-Za-z:])"));
    return re;
}
const QRegularExpression& ipv4Re() {
    // A dotted quad not followed by a prefix length (a CIDR is already a network, kept as is).
    static const QRegularExpression re(QStringLiteral(
        "(?<![0-9.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9]|\\.\\d|/)"));
    return re;
}

QString replaceAll(const QString& s, const QRegularExpression& re,
                   const std::function<QString(const QRegularExpressionMatch&)>& with) {
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(s);
    if (!it.hasNext()) return s;
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(s).mid(last, m.capturedStart() - last);
        out += with(m);
        last = m.capturedEnd();
    }
    out += QStringView(s).mid(last);
    return out;
}

// A bare "::" (C++ scopes, prose) holds no address worth masking; a real one has a hex digit.
bool isIpv6(const QString& s) {
    in6_addr a;
    const bool digit =
        std::any_of(s.begin(), s.end(), [](QChar c) { return c != QLatin1Char(':'); });
    return digit && inet_pton(AF_INET6, s.toLatin1().constData(), &a) == 1;
}

}  // namespace

Redactor::Redactor(bool enabled) : enabled_(enabled) {
    if (enabled_) {
        key_.resize(32);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key_.data()),
                                              key_.size() / 4);
    }
}

QString Redactor::prompt(const QString& text) const {
    if (!enabled_ || text.isEmpty()) return text;
    return QStringLiteral("[redacted: %1 characters]").arg(text.size());
}

QString Redactor::ip(const QString& address) const {
    const QStringList quad = address.split(QLatin1Char('.'));
    if (quad.size() == 4) {
        bool ok = true;
        for (const QString& q : quad) {
            const int v = q.toInt(&ok);
            if (!ok || v < 0 || v > 255) break;
        }
        if (ok)
            return QStringLiteral("%1.%2.%3.0/24")
                .arg(quad[0].toInt())
                .arg(quad[1].toInt())
                .arg(quad[2].toInt());
    }
    in6_addr a;
    if (inet_pton(AF_INET6, address.toLatin1().constData(), &a) == 1) {
        const auto* b = a.s6_addr;
        return QStringLiteral("%1:%2:%3::/48")
            .arg((b[0] << 8) | b[1], 0, 16)
            .arg((b[2] << 8) | b[3], 0, 16)
            .arg((b[4] << 8) | b[5], 0, 16);
    }
    // A dotted quad with a part over 255: not an address, but masked all the same.
    return QStringLiteral("ip-") + pseudonym(address);
}

QString Redactor::pseudonym(const QString& id) const {
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(id.toUtf8(), key_, QCryptographicHash::Sha256)
            .toHex()
            .left(12));
}

QString Redactor::text(const QString& s) const {
    if (!enabled_ || s.isEmpty()) return s;
    // Every pattern needs one of '@', ':' or '.'; most cells (numbers, names, models) have none
    // that matter, and requests.csv has millions of cells.
    const bool at = s.contains(QLatin1Char('@')), colon = s.contains(QLatin1Char(':')),
               dot = s.contains(QLatin1Char('.'));
    if (!at && !colon && !dot) return s;
    // Credentials before e-mails ("user:pw@host" would otherwise read as an e-mail), e-mails
    // before addresses (an e-mail can hold digits and dots), IPv6 before IPv4 ("::ffff:1.2.3.4").
    QString out = s;
    if (at) {
        out = replaceAll(out, urlCredentialsRe(), [](const QRegularExpressionMatch& m) {
            return m.captured(1) + QStringLiteral("[redacted]@");
        });
        out = replaceAll(out, emailRe(), [this](const QRegularExpressionMatch& m) {
            return QStringLiteral("acct-%1@redacted.invalid").arg(pseudonym(m.captured(0)));
        });
    }
    if (colon)
        out = replaceAll(out, ipv6CandidateRe(), [this](const QRegularExpressionMatch& m) {
            return isIpv6(m.captured(0)) ? ip(m.captured(0)) : m.captured(0);
        });
    if (dot)
        out = replaceAll(out, ipv4Re(),
                         [this](const QRegularExpressionMatch& m) { return ip(m.captured(0)); });
    return out;
}

QJsonValue Redactor::json(const QJsonValue& v) const {
    if (!enabled_) return v;
    if (v.isString()) return text(v.toString());
    if (v.isArray()) {
        QJsonArray a;
        for (const auto& x : v.toArray()) a.append(json(x));
        return a;
    }
    if (v.isObject()) {
        QJsonObject o;
        const QJsonObject in = v.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) o.insert(text(it.key()), json(it.value()));
        return o;
    }
    return v;
}

}  // namespace quarry::evidence
