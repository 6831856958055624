// SPDX-License-Identifier: GPL-3.0-or-later
#include "englishplurals.h"

#include <QCoreApplication>

namespace quarry::gui {

QString englishPlural(const QString& text, int n) {
    QString out = text;
    const bool one = n == 1 || n == -1;
    out.replace(QStringLiteral("(es)"), one ? QString() : QStringLiteral("es"));
    out.replace(QStringLiteral("(s)"), one ? QString() : QStringLiteral("s"));
    return out;
}

QString EnglishPlurals::translate(const char*, const char* sourceText, const char*, int n) const {
    // Only counted texts (n given) with a plural marker; an empty answer leaves the rest as is.
    if (n < 0 || !sourceText) return {};
    const QString source = QString::fromUtf8(sourceText);
    if (!source.contains(QLatin1String("(s)")) && !source.contains(QLatin1String("(es)")))
        return {};
    return englishPlural(source, n);
}

void installEnglishPlurals() {
    static EnglishPlurals* installed = nullptr;
    if (installed || !QCoreApplication::instance()) return;
    installed = new EnglishPlurals(QCoreApplication::instance());
    QCoreApplication::installTranslator(installed);
}

}  // namespace quarry::gui
