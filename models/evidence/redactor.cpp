// SPDX-License-Identifier: GPL-3.0-or-later
#include "redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace quarry::evidence {
namespace {

const QRegularExpression& emailRe() {
    static const QRegularExpression re(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*"));
    return re;
}
const QRegularExpression& ipv4Re() {
    // A dotted quad not followed by a prefix length (a CIDR is already a network, kept as is).
    static const QRegularExpression re(QStringLiteral("(?<![0-9.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9]|\\.\\d|/)"));
    return re;
}

}  // namespace

Redactor::Redactor(bool enabled) : enabled_(enabled) {
    if (enabled_) {
        key_.resize(32);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key_.data()), key_.size() / 4);
    }
}

QString Redactor::prompt(const QString& text) const {
    if (!enabled_ || text.isEmpty()) return text;
    return QStringLiteral("[redacted: %1 characters]").arg(text.size());
}

QString Redactor::ip(const QString& address) const {
    if (!enabled_ || address.isEmpty()) return address;
    const QStringList quad = address.split(QLatin1Char('.'));
    if (quad.size() == 4) {
        bool ok = true;
        for (const QString& q : quad) {
            const int v = q.toInt(&ok);
            if (!ok || v < 0 || v > 255) break;
        }
        if (ok) return QStringLiteral("%1.%2.%3.0/24").arg(quad[0].toInt()).arg(quad[1].toInt()).arg(quad[2].toInt());
    }
    if (address.contains(QLatin1Char(':'))) {
        // Expand "::" and keep the first three groups (the /48).
        const QStringList halves = address.split(QStringLiteral("::"));
        QStringList head = halves[0].split(QLatin1Char(':'), Qt::SkipEmptyParts);
        const QStringList tail = halves.size() > 1 ? halves[1].split(QLatin1Char(':'), Qt::SkipEmptyParts) : QStringList();
        if (halves.size() <= 2 && head.size() + tail.size() <= 8) {
            while (head.size() + tail.size() < 8) head << QStringLiteral("0");
            head += tail;
            bool ok = true;
            for (const QString& g : head) {
                g.toUInt(&ok, 16);
                if (!ok || g.size() > 4) break;
            }
            if (ok)
                return QStringLiteral("%1:%2:%3::/48").arg(head[0].toLower(), head[1].toLower(), head[2].toLower());
        }
    }
    return QStringLiteral("ip-") + pseudonym(address);
}

QString Redactor::pseudonym(const QString& id) const {
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(id.toUtf8(), key_, QCryptographicHash::Sha256).toHex().left(12));
}

QString Redactor::account(const QString& id) const {
    if (!enabled_ || !id.contains(QLatin1Char('@'))) return id;
    return QStringLiteral("acct-%1@redacted.invalid").arg(pseudonym(id));
}

QString Redactor::text(const QString& s) const {
    if (!enabled_ || s.isEmpty()) return s;
    QString out;
    // E-mails first (an e-mail can hold digits and dots), then bare IPv4 addresses.
    qsizetype last = 0;
    auto it = emailRe().globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        out += s.mid(last, m.capturedStart() - last);
        out += account(m.captured(0));
        last = m.capturedEnd();
    }
    out += s.mid(last);
    QString result;
    last = 0;
    auto ipIt = ipv4Re().globalMatch(out);
    while (ipIt.hasNext()) {
        const auto m = ipIt.next();
        result += out.mid(last, m.capturedStart() - last);
        result += ip(m.captured(0));
        last = m.capturedEnd();
    }
    result += out.mid(last);
    return result;
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
        for (auto it = in.begin(); it != in.end(); ++it) o.insert(it.key(), json(it.value()));
        return o;
    }
    return v;
}

}  // namespace quarry::evidence
