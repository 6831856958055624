// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The analyst's edits as undoable commands. Each change is committed by the evidence core the
// moment it happens (a crash loses nothing); undo applies the inverse through the same core
// calls, so the audit trail records the undo as its own untag / note / tag.delete entry.
//
// Usage: construct, perform(); when it succeeds and changed something, push it on the undo
// stack (its first redo() is the perform() that already ran).

#include <QString>
#include <QUndoCommand>

#include <vector>

#include "evidence/tags.h"

namespace quarry::gui {

class CaseEditor;

class EditCommand : public QUndoCommand {
public:
    bool perform(QString* error);
    // False when perform() found nothing to change (e.g. every target already had the tag).
    virtual bool changedAnything() const { return true; }

    void redo() final;
    void undo() final;

protected:
    explicit EditCommand(CaseEditor* editor) : editor_(editor) {}
    virtual bool forward(evidence::TagStore& store, QString* error) = 0;
    virtual bool backward(evidence::TagStore& store, QString* error) = 0;

private:
    void run(bool forwards);
    CaseEditor* editor_;
    bool performed_ = false;
};

// Tags (add) or untags targets; undo and redo touch exactly the targets that changed.
class TagAssignCommand final : public EditCommand {
public:
    TagAssignCommand(CaseEditor* editor, const QString& tag, std::vector<evidence::Target> targets,
                     bool add, const QString& description);
    bool changedAnything() const override { return !changed_.empty(); }
    const std::vector<evidence::Target>& changed() const { return changed_; }

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    bool apply(evidence::TagStore& store, bool add, QString* error);
    QString tag_;
    std::vector<evidence::Target> targets_, changed_;
    bool add_;
    bool first_ = true;
};

// Sets (empty: deletes) the note on an account or cluster; undo restores the previous text.
class NoteCommand final : public EditCommand {
public:
    NoteCommand(CaseEditor* editor, const evidence::Target& target, const QString& text,
                const QString& subject);
    bool changedAnything() const override { return previous_ != text_; }

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    evidence::Target target_;
    QString text_, previous_;
};

// Creates, edits or deletes a tag definition; undo applies the opposite.
class TagDefinitionCommand final : public EditCommand {
public:
    enum class Kind { Create, Edit, Delete };
    TagDefinitionCommand(CaseEditor* editor, Kind kind, const QString& name,
                         const QString& color = {}, const QString& description = {});

protected:
    bool forward(evidence::TagStore& store, QString* error) override;
    bool backward(evidence::TagStore& store, QString* error) override;

private:
    Kind kind_;
    QString name_, color_, description_, oldColor_, oldDescription_;
};

}  // namespace quarry::gui
