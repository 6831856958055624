// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The prompt templates a cluster's members share, with each member's slot values side by side.
// Analysis keeps template keys (MinHash bands), not the templates' text, so the text is derived
// here at read time from a sample of the members' prompts: prompts are grouped by the words they
// share, each group's skeleton is the word sequence common to all its prompts (longest common
// subsequence), and a slot is a place where the prompts put words the skeleton does not have.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

struct sqlite3;

namespace quarry::gui {

struct TemplateSlots {
    QString skeleton;       // the shared words with ⟨1⟩, ⟨2⟩, ... where the slots are
    QStringList slotNames;  // a name per slot: "1 after “Explain”"
    int accounts = 0;       // members that sent it
    int prompts = 0;        // sampled prompts that follow it
    struct Row {
        int64_t account = 0;
        QString name;
        int prompts = 0;
        QStringList values;  // per slot: the member's distinct values, " | " between them
    };
    std::vector<Row> rows;  // one per member, in the order they were sampled
};

struct PromptSample {
    int64_t account = 0;
    QString name;
    QString prompt;
};

// Templates followed by at least minAccounts accounts of the samples, most accounts first.
std::vector<TemplateSlots> deriveTemplates(const std::vector<PromptSample>& samples,
                                           int minAccounts = 2, int maxTemplates = 12);

struct ClusterTemplates {
    bool hasPrompts = false;  // false: the logs carry no prompt text (or the members sent none)
    int membersRead = 0, membersTotal = 0;
    std::vector<TemplateSlots> templates;
};
// Samples the first promptsPerMember prompts of up to maxMembers members (through the
// (account_id, ts) index) and derives their templates.
ClusterTemplates clusterTemplates(sqlite3* db, int64_t cluster, int maxMembers = 150,
                                  int promptsPerMember = 8);

}  // namespace quarry::gui
