// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The two questions of custody the dashboard asks once: who the analyst is (before the first
// action the audit trail records, when no name is set) and whether to create the signing key
// (before the first signed export, saying where it is kept and what its fingerprint is).
//
// Tests answer through the hooks instead of a modal dialog: set a hook and it is called with
// what the dialog would show; its answer is taken as the analyst's.

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace quarry::gui {

// Answers "Your name?" (nullopt: cancelled). Unset: a dialog asks.
extern std::function<std::optional<QString>(const QString& question)> analystNameHook;
// Answers "Create this signing key?" (true: create). Unset: a dialog asks.
extern std::function<bool(const QString& explanation)> signingKeyHook;

// True when the audit trail has a name to record (QUARRY_ANALYST or Settings › Analyst Name);
// otherwise asks once, stores the answer in the settings and returns true, or false when the
// analyst declined (the action then does not happen: nothing is recorded as "unknown").
bool ensureAnalystName(QWidget* parent);
// Asks for the name (prefilled with the current one); nullopt when cancelled.
std::optional<QString> askAnalystName(QWidget* parent, const QString& question);

// True when a signing key exists or the analyst agreed to the one shown and it was stored;
// *error says why not when storing failed.
bool ensureSigningKey(QWidget* parent, QString* error);

}  // namespace quarry::gui
