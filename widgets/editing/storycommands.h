// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The case story's edits as undoable commands (workflowcommands.h explains the pattern): starring
// requests as evidence, pinning a note to a moment of the logs, and the analyst's order of the
// story. Each commits through the evidence core at once and is audited there.

#include <QStringList>

#include <vector>

#include "editing/workflowcommands.h"

namespace quarry::gui {

// Stars (add) or unstars requests; undo and redo touch exactly those that changed.
class StarCommand final : public EditCommand {
public:
    StarCommand(CaseEditor* editor, std::vector<int64_t> requests, bool add);
    bool changedAnything() const override { return !changed_.empty(); }

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    bool apply(evidence::TagStore& store, bool add, QString* error);
    std::vector<int64_t> requests_, changed_;
    bool add_;
    bool first_ = true;
};

// Sets a note's text and the time it is pinned to; undo restores both.
class PinnedNoteCommand final : public EditCommand {
public:
    PinnedNoteCommand(CaseEditor* editor, const evidence::Target& target,
                      const evidence::NoteState& note, const QString& subject);
    bool changedAnything() const override { return previous_ != note_; }

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    evidence::Target target_;
    evidence::NoteState note_, previous_;
};

// Replaces the story's order (empty: time order); undo puts the previous one back.
class StoryOrderCommand final : public EditCommand {
public:
    StoryOrderCommand(CaseEditor* editor, QStringList before, QStringList after,
                      const QString& description);
    bool changedAnything() const override { return before_ != after_; }

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    QStringList before_, after_;
};

}  // namespace quarry::gui
