// SPDX-License-Identifier: GPL-3.0-or-later
#include "editing/storycommands.h"

#include <QCoreApplication>

#include "evidence/story.h"

namespace quarry::gui {
namespace {

QString tr(const char* text, int n = -1) {
    return QCoreApplication::translate("quarry::gui::StoryCommand", text, nullptr, n);
}

}  // namespace

StarCommand::StarCommand(CaseEditor* editor, std::vector<int64_t> requests, bool add)
    : EditCommand(editor), requests_(std::move(requests)), add_(add) {
    const int n = static_cast<int>(requests_.size());
    setText(add ? tr("Star %n request(s) as evidence", n) : tr("Unstar %n request(s)", n));
}

bool StarCommand::apply(evidence::TagStore& store, bool add, QString* error) {
    // As TagAssignCommand: the first run learns what changed; later runs touch only that.
    std::vector<int64_t> changed;
    const bool ok = evidence::StoryStore(store.file())
                        .star(first_ ? requests_ : changed_, add, &changed, error);
    if (ok && first_) {
        changed_ = std::move(changed);
        first_ = false;
    }
    return ok;
}

bool StarCommand::forward(evidence::TagStore& store, QString* error) {
    return apply(store, add_, error);
}

bool StarCommand::backward(evidence::TagStore& store, QString* error) {
    return apply(store, !add_, error);
}

PinnedNoteCommand::PinnedNoteCommand(CaseEditor* editor, const evidence::Target& target,
                                     const evidence::NoteState& note, const QString& subject)
    : EditCommand(editor), target_(target), note_(note) {
    setText(note.text.isEmpty() ? tr("Delete the note on %1").arg(subject)
            : note.pinnedAt     ? tr("Pinned note on %1").arg(subject)
                                : tr("Note on %1").arg(subject));
}

bool PinnedNoteCommand::forward(evidence::TagStore& store, QString* error) {
    return store.setPinnedNote(target_, note_, &previous_, error);
}

bool PinnedNoteCommand::backward(evidence::TagStore& store, QString* error) {
    return store.setPinnedNote(target_, previous_, nullptr, error);
}

StoryOrderCommand::StoryOrderCommand(CaseEditor* editor, QStringList before, QStringList after,
                                     const QString& description)
    : EditCommand(editor), before_(std::move(before)), after_(std::move(after)) {
    setText(description);
}

bool StoryOrderCommand::forward(evidence::TagStore& store, QString* error) {
    return evidence::StoryStore(store.file()).setOrder(after_, error);
}

bool StoryOrderCommand::backward(evidence::TagStore& store, QString* error) {
    return evidence::StoryStore(store.file()).setOrder(before_, error);
}

}  // namespace quarry::gui
