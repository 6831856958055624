// SPDX-License-Identifier: GPL-3.0-or-later
#include "displaytext.h"

namespace quarry {
namespace {

bool hidden(char32_t c, bool validPair) {
    if (!validPair) return true;  // a lone surrogate
    if (QChar::isNonCharacter(c)) return true;
    switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
        case QChar::Other_Surrogate:
            return true;
        default:
            return false;
    }
}

template <typename Sink>
void walk(QStringView s, Sink sink) {
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        char32_t code = c.unicode();
        qsizetype len = 1;
        bool valid = !c.isSurrogate();
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            code = QChar::surrogateToUcs4(c, s[i + 1]);
            len = 2;
            valid = true;
        }
        sink(i, len, code, hidden(code, valid));
        i += len - 1;
    }
}

}  // namespace

bool needsEscaping(QStringView s) {
    bool any = false;
    walk(s, [&](qsizetype, qsizetype, char32_t, bool h) { any = any || h; });
    return any;
}

QString displayText(QStringView s) {
    if (!needsEscaping(s)) return s.toString();
    QString out;
    out.reserve(s.size() + 16);
    walk(s, [&](qsizetype i, qsizetype len, char32_t code, bool h) {
        if (h)
            out += QStringLiteral("<U+%1>").arg(QString::number(static_cast<uint>(code), 16)
                                                    .toUpper()
                                                    .rightJustified(4, QLatin1Char('0')));
        else
            out += s.mid(i, len);
    });
    return out;
}

}  // namespace quarry
