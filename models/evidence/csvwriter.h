// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CSV output shared by the CLI and the evidence bundle: one cell-quoting rule, with formula
// neutralisation so a spreadsheet never runs log content as a formula.

#include <QString>
#include <QStringList>

namespace quarry::evidence {

// A cell: a leading = + - @ (and tab / carriage return, which some spreadsheets also treat as
// formula starters) gets a leading apostrophe; then quoted when it holds , " CR or LF.
inline QString csvCell(const QString& v) {
    QString s = v;
    if (!s.isEmpty() && (s[0] == QLatin1Char('=') || s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-') ||
                         s[0] == QLatin1Char('@') || s[0] == QLatin1Char('\t') || s[0] == QLatin1Char('\r')))
        s.prepend(QLatin1Char('\''));
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

// One CSV line (with the trailing "\n") from cells that are not yet escaped.
inline QString csvLine(const QStringList& cells) {
    QString line;
    for (int i = 0; i < cells.size(); ++i) {
        if (i) line += QLatin1Char(',');
        line += csvCell(cells[i]);
    }
    line += QLatin1Char('\n');
    return line;
}

}  // namespace quarry::evidence
