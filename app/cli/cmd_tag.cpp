// SPDX-License-Identifier: GPL-3.0-or-later
// tag: tag (or untag) accounts and clusters, with an optional note; list the case's tags.
#include <QCommandLineParser>

#include <cstdio>

#include "commands.h"
#include "evidence/tags.h"
#include "store/casefile.h"

namespace quarry::cli {
namespace {

// TagStore's own errors name no file; those from the case (locked, read-only, disk full) already
// start with its path and must not get it twice.
QString onCase(const QString& path, const QString& error) {
    return error.startsWith(path + QLatin1Char(':')) ? error : QStringLiteral("%1: %2").arg(path, error);
}

}  // namespace

int cmdTag(const QStringList& args) {
    using evidence::Target;
    using evidence::TargetType;
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Tag accounts or clusters. Each change is committed at once and written to the audit trail.\n"
        "Default tags: suspected-distillation, confirmed-distillation, benign, needs-review, false-positive.\n"
        "An unknown TAG fails unless --create is given."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The .quarry case file."));
    p.addPositionalArgument(QStringLiteral("TAG"), QStringLiteral("The tag name (not with --list)."));
    p.addOption({QStringLiteral("account"), QStringLiteral("An account as in the logs (repeatable)."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("cluster"), QStringLiteral("A cluster id of the latest analysis (repeatable)."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("members"), QStringLiteral("With --cluster: also tag (untag) the cluster's accounts.")});
    p.addOption({QStringLiteral("note"), QStringLiteral("Set this note on every account and cluster given."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("remove"), QStringLiteral("Remove the tag instead of adding it.")});
    p.addOption({QStringLiteral("create"), QStringLiteral("Create TAG when the case does not have it.")});
    p.addOption({QStringLiteral("color"), QStringLiteral("Color of a tag made by --create (#RRGGBB)."), QStringLiteral("COLOR")});
    p.addOption({QStringLiteral("description"), QStringLiteral("Description of a tag made by --create."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("list"), QStringLiteral("List the case's tags with their use counts.")});
    if (const int rc = parseCommandLine(p, args); rc >= 0) return rc;
    const QStringList pos = p.positionalArguments();
    const bool list = p.isSet(QStringLiteral("list"));
    if (pos.size() != (list ? 1 : 2)) return fail(QStringLiteral("tag: expected CASE and TAG (or CASE --list)"));

    QString error;
    auto file = CaseFile::open(pos[0], list ? CaseFile::Access::ReadOnly : CaseFile::Access::ReadWrite, &error);
    if (!file) return fail(error);
    evidence::TagStore store(*file);
    if (list) {
        for (const auto& t : store.tags())
            std::printf("%s\t%s\t%lld accounts\t%lld clusters\t%lld requests\t%s\n", qPrintable(t.name),
                        qPrintable(t.color), static_cast<long long>(t.accounts), static_cast<long long>(t.clusters),
                        static_cast<long long>(t.requests), t.description.toUtf8().constData());
        return 0;
    }
    const QString tagName = pos[1];
    const QStringList accounts = p.values(QStringLiteral("account")), clusters = p.values(QStringLiteral("cluster"));
    if (accounts.isEmpty() && clusters.isEmpty()) return fail(QStringLiteral("tag: give at least one --account or --cluster"));
    const bool remove = p.isSet(QStringLiteral("remove"));

    // Resolve every target before changing anything.
    std::vector<Target> targets, notesOn;
    for (const QString& a : accounts) {
        const auto id = store.accountId(a);
        if (!id) return fail(QStringLiteral("%1: no account '%2' in this case").arg(file->path(), a));
        targets.push_back({TargetType::Account, *id});
    }
    notesOn = targets;
    for (const QString& c : clusters) {
        bool ok = false;
        const int64_t id = c.toLongLong(&ok);
        if (!ok || !store.clusterExists(id))
            return fail(QStringLiteral("%1: no cluster '%2' in the latest analysis").arg(file->path(), c));
        targets.push_back({TargetType::Cluster, id});
        notesOn.push_back({TargetType::Cluster, id});
        if (p.isSet(QStringLiteral("members")))
            for (int64_t m : store.clusterMembers(id)) targets.push_back({TargetType::Account, m});
    }

    if (!store.tag(tagName)) {
        if (remove || !p.isSet(QStringLiteral("create")))
            return fail(QStringLiteral("%1: no tag '%2' in this case (use --create to make it; tag --list shows them)")
                            .arg(file->path(), tagName));
        if (!store.createTag(tagName, p.value(QStringLiteral("color")), p.value(QStringLiteral("description")), &error))
            return fail(onCase(file->path(), error));
    }
    std::vector<Target> changed;
    const bool ok = remove ? store.unassign(tagName, targets, &changed, &error)
                           : store.assign(tagName, targets, &changed, &error);
    if (!ok) return fail(onCase(file->path(), error));
    int notes = 0;
    if (p.isSet(QStringLiteral("note"))) {
        for (const Target& t : notesOn) {
            if (!store.setNote(t, p.value(QStringLiteral("note")), nullptr, &error))
                return fail(onCase(file->path(), error));
            ++notes;
        }
    }
    std::printf("%s '%s': %zu of %zu targets changed%s\n", remove ? "untagged" : "tagged", qPrintable(tagName),
                changed.size(), targets.size(),
                notes ? qPrintable(QStringLiteral("; note set on %1").arg(notes)) : "");
    std::fflush(stdout);
    return 0;
}

}  // namespace quarry::cli
