// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text from the logs as a person may see it. An id can hide what it is: U+202E (right-to-left
// override) makes "acct\u202egpj.exe" read "acctexe.jpg"; a zero-width space makes two ids look
// the same; a NUL cuts C strings. Every place that shows an id or other log text to a person (the
// account table, quarry-cli's text and CSV output, report.html, report.pdf) goes through
// displayText, which writes each such character as "<U+XXXX>" and leaves the rest alone:
//   - control characters (C0, DEL, C1), NUL included
//   - format characters (Unicode category Cf): bidi embeddings, overrides and isolates,
//   LRM/RLM/ALM,
//     zero-width space/joiners, word joiner, BOM, soft hyphen, invisible operators, tags
//   - line and paragraph separators (U+2028, U+2029), lone surrogates and noncharacters
// Stored data and machine-readable output (JSON, the bundle's CSVs) keep the exact bytes.

#include <QString>
#include <QStringView>

namespace quarry {

QString displayText(QStringView s);
// True when displayText would change s.
bool needsEscaping(QStringView s);

}  // namespace quarry
