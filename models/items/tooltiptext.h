// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace quarry::gui {

// Log text as a tooltip. Qt renders a tooltip as HTML when it merely looks like HTML, so hostile
// text is escaped and always wrapped (an escaped text without a tag would show "&lt;" verbatim);
// pre-wrap keeps its line breaks and spacing.
inline QString logTextToolTip(const QString& text, int maxChars = 2000) {
    QString shown = text.left(maxChars);
    if (text.size() > maxChars) shown += QStringLiteral(" …");
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(shown.toHtmlEscaped());
}

}  // namespace quarry::gui
