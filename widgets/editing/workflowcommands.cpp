// SPDX-License-Identifier: GPL-3.0-or-later
#include "editing/workflowcommands.h"

#include <QCoreApplication>

#include "editing/caseeditor.h"

namespace quarry::gui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("quarry::gui::EditCommand", text);
}

}  // namespace

bool EditCommand::perform(QString* error) {
    QString e;
    evidence::TagStore* store = editor_->store(&e);
    const bool ok = store && forward(*store, &e);
    if (!ok && error) *error = e;
    performed_ = ok;
    editor_->notifyChanged();
    return ok;
}

void EditCommand::redo() {
    if (performed_) {  // the push right after perform()
        performed_ = false;
        return;
    }
    run(true);
}

void EditCommand::undo() {
    run(false);
}

void EditCommand::run(bool forwards) {
    QString e;
    evidence::TagStore* store = editor_->store(&e);
    if (!store || !(forwards ? forward(*store, &e) : backward(*store, &e)))
        editor_->reportFailure(
            (forwards ? tr("Cannot redo “%1”: %2") : tr("Cannot undo “%1”: %2")).arg(text(), e));
    editor_->notifyChanged();
}

TagAssignCommand::TagAssignCommand(CaseEditor* editor, const QString& tag,
                                   std::vector<evidence::Target> targets, bool add,
                                   const QString& description)
    : EditCommand(editor), tag_(tag), targets_(std::move(targets)), add_(add) {
    setText(description);
}

bool TagAssignCommand::apply(evidence::TagStore& store, bool add, QString* error) {
    // The first run learns which targets change; redo and undo then touch only those, so undo
    // never removes a tag a target carried before.
    const std::vector<evidence::Target>& targets = first_ ? targets_ : changed_;
    std::vector<evidence::Target> changed;
    const bool ok = add ? store.assign(tag_, targets, &changed, error)
                        : store.unassign(tag_, targets, &changed, error);
    if (ok && first_) {
        changed_ = std::move(changed);
        first_ = false;
    }
    return ok;
}

bool TagAssignCommand::forward(evidence::TagStore& store, QString* error) {
    return apply(store, add_, error);
}

bool TagAssignCommand::backward(evidence::TagStore& store, QString* error) {
    return apply(store, !add_, error);
}

NoteCommand::NoteCommand(CaseEditor* editor, const evidence::Target& target, const QString& text,
                         const QString& subject)
    : EditCommand(editor), target_(target), text_(text) {
    setText(text.isEmpty() ? tr("Delete the note on %1").arg(subject)
                           : tr("Note on %1").arg(subject));
}

bool NoteCommand::forward(evidence::TagStore& store, QString* error) {
    QString previous;
    if (!store.setNote(target_, text_, &previous, error)) return false;
    previous_ = previous;
    return true;
}

bool NoteCommand::backward(evidence::TagStore& store, QString* error) {
    return store.setNote(target_, previous_, nullptr, error);
}

TagDefinitionCommand::TagDefinitionCommand(CaseEditor* editor, Kind kind, const QString& name,
                                           const QString& color, const QString& description)
    : EditCommand(editor), kind_(kind), name_(name), color_(color), description_(description) {
    switch (kind) {
        case Kind::Create:
            setText(tr("Create tag %1").arg(name));
            break;
        case Kind::Edit:
            setText(tr("Edit tag %1").arg(name));
            break;
        case Kind::Delete:
            setText(tr("Delete tag %1").arg(name));
            break;
    }
}

bool TagDefinitionCommand::forward(evidence::TagStore& store, QString* error) {
    if (kind_ != Kind::Create) {
        const auto before = store.tag(name_);
        if (!before) {
            if (error) *error = tr("no tag '%1' in this case").arg(name_);
            return false;
        }
        oldColor_ = before->color;
        oldDescription_ = before->description;
    }
    switch (kind_) {
        case Kind::Create:
            return store.createTag(name_, color_, description_, error);
        case Kind::Edit:
            return store.updateTag(name_, color_, description_, error);
        case Kind::Delete:
            return store.deleteTag(name_, error);
    }
    return false;
}

bool TagDefinitionCommand::backward(evidence::TagStore& store, QString* error) {
    switch (kind_) {
        case Kind::Create:
            return store.deleteTag(name_, error);
        case Kind::Edit:
            return store.updateTag(name_, oldColor_, oldDescription_, error);
        case Kind::Delete:
            return store.createTag(name_, oldColor_, oldDescription_, error);
    }
    return false;
}

}  // namespace quarry::gui
