// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// English plural forms for the dashboard's counted texts. Every count is written as Qt's
// tr("%n account(s)", nullptr, n); without a translation Qt would print "1 account(s)". This
// translator gives English its two forms ("1 account", "2 accounts") the way a .qm file with
// numerus forms would, without a translation build step, and leaves every other text alone
// (a real translation installed later takes precedence).

#include <QTranslator>

namespace quarry::gui {

class EnglishPlurals final : public QTranslator {
public:
    using QTranslator::QTranslator;
    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override;
};

// The form of `text` for count n: "(s)" and "(es)" dropped for 1, spelled out otherwise.
QString englishPlural(const QString& text, int n);
// Installs the translator once for the application.
void installEnglishPlurals();

}  // namespace quarry::gui
