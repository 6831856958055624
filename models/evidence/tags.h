// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tags and notes on accounts, clusters and requests. Every change is its own committed
// transaction with its audit entry, so a crash right after a call keeps it. The operations are
// invertible (assign/unassign report exactly what changed, setNote returns the previous text),
// which is what the dashboard's QUndoStack commands are built on.
//
// Targets: an account is accounts.id (the dictionary id: stable for the life of the case), a
// request is requests.id, a cluster is clusters.id of the latest analysis run (recorded with the
// assignment; a re-analysis may renumber clusters, so tag the members with them when the
// verdict must outlive the analysis).

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace quarry {
class CaseFile;
}

namespace quarry::evidence {

enum class TargetType { Account, Cluster, Request };
const char* targetTypeName(TargetType t);

struct Target {
    TargetType type = TargetType::Account;
    int64_t id = 0;
    bool operator==(const Target& o) const { return type == o.type && id == o.id; }
};

// A note's text and the moment of the logs it is pinned to (UTC ms; none: not pinned).
struct NoteState {
    QString text;
    std::optional<int64_t> pinnedAt;
    bool operator==(const NoteState& o) const { return text == o.text && pinnedAt == o.pinnedAt; }
    bool operator!=(const NoteState& o) const { return !(*this == o); }
};

struct TagInfo {
    int64_t id = 0;
    QString name, color, description;
    int64_t accounts = 0, clusters = 0, requests = 0;  // assignments, filled by tags()
};

class TagStore {
public:
    explicit TagStore(CaseFile& file) : file_(file) {}

    std::vector<TagInfo> tags() const;
    std::optional<TagInfo> tag(const QString& name) const;
    // Names are lower-case letters, digits, '-', '_' and '.', at most 64 characters.
    bool createTag(const QString& name, const QString& color, const QString& description, QString* error);
    // Changes a tag's color and description (the name is what assignments and the audit trail
    // refer to, so it stays). Audit entry "tag.edit".
    bool updateTag(const QString& name, const QString& color, const QString& description, QString* error);
    // Deletes a tag that no target carries any more (untag first, so every removal is audited).
    // Audit entry "tag.delete".
    bool deleteTag(const QString& name, QString* error);

    // Resolving what the analyst typed.
    std::optional<int64_t> accountId(const QString& accountName) const;
    QString accountName(int64_t id) const;
    bool clusterExists(int64_t clusterId) const;
    std::vector<int64_t> clusterMembers(int64_t clusterId) const;

    // Assigns the tag to every target that does not carry it yet; *changed lists those (so undo
    // removes exactly them). One transaction, one audit entry ("tag" / "untag").
    bool assign(const QString& tagName, const std::vector<Target>& targets, std::vector<Target>* changed,
                QString* error);
    bool unassign(const QString& tagName, const std::vector<Target>& targets, std::vector<Target>* changed,
                  QString* error);

    // Sets (empty text: removes) the note of an account or cluster; *previous gets the note it
    // replaced, so undo is setNote(target, previous). One transaction, one audit entry ("note").
    // The note keeps the time it was pinned to.
    bool setNote(const Target& target, const QString& text, QString* previous, QString* error);
    QString note(const Target& target) const;
    // Sets text and pin together (empty text: removes the note); *previous gets both as they
    // were. One transaction, one audit entry ("note", with "pinned_at" when pinned).
    bool setPinnedNote(const Target& target, const NoteState& note, NoteState* previous,
                       QString* error);
    NoteState noteState(const Target& target) const;

    std::vector<QString> tagsOf(const Target& target) const;
    std::vector<int64_t> targetsWithTag(const QString& tagName, TargetType type) const;

    // The case this store edits (the story's edits share its connection).
    CaseFile& file() const { return file_; }

private:
    bool change(bool add, const QString& tagName, const std::vector<Target>& targets, std::vector<Target>* changed,
                QString* error);
    QString describe(const Target& t) const;
    CaseFile& file_;
};

}  // namespace quarry::evidence
