// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CSV output shared by the CLI and the evidence bundle: one cell-quoting rule, with formula
// neutralisation so a spreadsheet never runs log content as a formula.

#include <QString>
#include <QStringList>

namespace quarry::evidence {

// A leading = + - @ (and tab / carriage return, which some spreadsheets also treat as formula
// starters) gets a leading apostrophe.
inline QString neutralised(const QString& v) {
    QString s = v;
    if (!s.isEmpty() && (s[0] == QLatin1Char('=') || s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-') ||
                         s[0] == QLatin1Char('@') || s[0] == QLatin1Char('\t') || s[0] == QLatin1Char('\r')))
        s.prepend(QLatin1Char('\''));
    return s;
}

// A cell: neutralised, then quoted when it holds , " CR or LF.
inline QString csvCell(const QString& v) {
    QString s = neutralised(v);
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

// A tab-separated cell (the clipboard's "Copy rows"): neutralised, and the tabs and line breaks
// that would split the cell or the row become spaces.
inline QString tsvCell(const QString& v) {
    QString s = neutralised(v);
    for (QChar& c : s)
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    return s;
}

// One TSV line (with the trailing "\n") from cells that are not yet escaped.
inline QString tsvLine(const QStringList& cells) {
    QStringList escaped;
    for (const QString& c : cells) escaped << tsvCell(c);
    return escaped.join(QLatin1Char('\t')) + QLatin1Char('\n');
}

}  // namespace quarry::evidence
