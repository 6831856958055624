// SPDX-License-Identifier: GPL-3.0-or-later
// The context menus of plot cells: the topic x time heatmap, the hour-of-week punchcard and a
// cluster's members x topics matrix. They act like the tables' menus (show requests, show the
// accounts behind the cell in the account table, copy) through the same PivotController. The
// accounts behind a cell are read on a worker (MenuCounts): the menu opens at once, its counted
// entries disabled until their counts arrive.
#include <QApplication>
#include <QClipboard>
#include <QLocale>
#include <QMenu>

#include "casesession.h"
#include "evidence/csvwriter.h"
#include "items/casequeries.h"
#include "items/cellqueries.h"
#include "menucounts.h"
#include "pivotcontroller.h"
#include "plots/punchcardplot.h"
#include "plots/topicheatmap.h"
#include "plots/topicmatrixplot.h"
#include "store/casereads.h"
#include "viewscontroller.h"

namespace quarry::gui {
namespace {

QString hourText(int hour) {
    return QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0'));
}

// "Mondays" is not every language's plural: the weekday stays a name.
QString weekdayName(int weekday) {
    return QLocale().dayName(weekday + 1, QLocale::LongFormat);
}

}  // namespace

void PivotController::connectPlotCells() {
    connect(views_->heatmap(), &TopicHeatmap::cellContextMenuRequested, this,
            [this](qint64 from, qint64 to, qint64 topic, QPoint pos) {
                heatmapCellMenu(from, to, topic)->popup(pos);
            });
    connect(views_->punchcard(), &PunchcardPlot::cellContextMenuRequested, this,
            [this](int weekday, int hour, QPoint pos) {
                punchcardCellMenu(weekday, hour)->popup(pos);
            });
    connect(views_->topicMatrix(), &TopicMatrixPlot::cellContextMenuRequested, this,
            [this](qint64 account, qint64 topic, QPoint pos) {
                topicMatrixCellMenu(account, topic)->popup(pos);
            });
}

void PivotController::addAccountsEntry(QMenu* menu, const QString& label, const QString& chip,
                                       MenuCounts::Read read, MenuCounts::Fill also) {
    QAction* a = menu->addAction(tr("%1 (counting…)").arg(label));
    a->setEnabled(false);
    counts_->add(
        menu, std::move(read),
        [this, a, label, chip, also = std::move(also)](const std::vector<int64_t>& ids) {
            a->setText(
                tr("%1 (%2)").arg(label, QLocale().toString(static_cast<qint64>(ids.size()))));
            a->setEnabled(!ids.empty());
            connect(a, &QAction::triggered, this, [this, chip, ids] { showAccounts(chip, ids); });
            if (also) also(ids);
        });
}

void PivotController::addCopyText(QMenu* menu, const QString& text) {
    menu->addAction(tr("Copy Value"), this, [text] { QApplication::clipboard()->setText(text); });
}

QMenu* PivotController::heatmapCellMenu(qint64 fromMs, qint64 toMs, qint64 topicId) {
    QMenu* menu = newMenu();
    // The same as a left click on the cell (the views controller scopes it to the heatmap's
    // account, cluster or case).
    menu->addAction(tr("Show These Requests"), this, [this, fromMs, toMs, topicId] {
        emit views_->heatmap()->cellRangeClicked(fromMs, toMs, topicId);
    });
    if (!session_->isOpen()) return menu;
    const TopicTimeGrid& grid = views_->heatmap()->heatmapData();
    const QString topic = topicLabel(session_->topics(), topicId);
    const QString when = grid.bucketMs == kDayMs
                             ? formatUtc(fromMs).left(10)
                             : formatUtc(fromMs).left(16) + QStringLiteral(" UTC");
    addAccountsEntry(
        menu, tr("Accounts in This Cell"), tr("Accounts with %1 requests on %2").arg(topic, when),
        [scope = grid.scope, scopeId = grid.scopeId, fromMs, toMs, topicId](sqlite3* db) {
            return accountsInSpan(db, scope, scopeId, fromMs, toMs, topicId);
        });
    // The cell's count as the heatmap drew it: its time, its topic and its requests.
    const auto row = session_->topics().rowById.constFind(topicId);
    const int64_t bucket = grid.bucketMs > 0 ? fromMs / grid.bucketMs : 0;
    const bool inGrid = row != session_->topics().rowById.cend() && grid.buckets > 0 &&
                        bucket >= grid.firstBucket && bucket < grid.firstBucket + grid.buckets;
    addCopyText(menu, evidence::tsvLine(
                          {when, topic, QString::number(inGrid ? grid.at(*row, bucket) : 0)}));
    counts_->start();
    return menu;
}

QMenu* PivotController::punchcardCellMenu(int weekday, int hour) {
    QMenu* menu = newMenu();
    if (!session_->isOpen() || weekday < 0 || weekday > 6 || hour < 0 || hour > 23) return menu;
    const Punchcard& card = views_->punchcard()->punchcard();
    const QString day = weekdayName(weekday);
    const QString span = tr("%1 %2–%3 UTC").arg(day, hourText(hour), hourText((hour + 1) % 24));
    // A left click shows the requests of the cell's last occurrence; so does this entry.
    const int64_t last = lastOccurrence(card, weekday, hour);
    QAction* show = menu->addAction(
        last < 0 ? tr("Show These Requests")
                 : tr("Show These Requests (%1)").arg(formatUtc(last).left(16)),
        this, [this, weekday, hour] { emit views_->punchcard()->cellClicked(weekday, hour); });
    show->setEnabled(last >= 0);
    const bool cluster = card.scope == ViewScope::Cluster;
    addAccountsEntry(menu,
                     cluster ? tr("Members Active %1, Any Week").arg(span)
                             : tr("Accounts Active %1, Any Week").arg(span),
                     cluster ? tr("Cluster %1 members active %2").arg(card.scopeId).arg(span)
                             : tr("Accounts active %1").arg(span),
                     [scope = card.scope, scopeId = card.scopeId, weekday, hour](sqlite3* db) {
                         return accountsAtHourOfWeek(db, scope, scopeId, weekday, hour);
                     });
    if (last >= 0) {
        // Who else was active in that very hour: synchronised traffic shows here.
        const QString hourSpan = formatUtc(last).left(13) + QStringLiteral(":00");
        addAccountsEntry(menu, tr("Accounts Active %1 UTC").arg(hourSpan),
                         tr("Accounts active %1 UTC").arg(hourSpan), [last](sqlite3* db) {
                             return accountsInSpan(db, ViewScope::Case, -1, last, last + kHourMs,
                                                   -1);
                         });
    }
    addCopyText(menu,
                evidence::tsvLine({day, hourText(hour), QString::number(card.at(weekday, hour))}));
    counts_->start();
    return menu;
}

QMenu* PivotController::topicMatrixCellMenu(qint64 accountId, qint64 topicId) {
    QMenu* menu = newMenu();
    if (!session_->isOpen()) return menu;
    const AccountTopicMatrix& matrix = views_->topicMatrix()->matrix();
    const int64_t cluster = matrix.cluster;
    const QString topic = topicLabel(session_->topics(), topicId);
    const QString name = reads::accountName(session_->db(), accountId);
    menu->addAction(
        tr("Show This Account's %1 Requests").arg(topic), this,
        [this, accountId, topicId] { session_->requestRequests({accountId}, -1, -1, topicId); });
    // Disabled until the members on the topic are read, with the entry below (one read).
    QAction* theirs = menu->addAction(tr("Show the Cluster's %1 Requests").arg(topic));
    theirs->setEnabled(false);
    addAccountsEntry(
        menu, tr("Members with %1 Requests").arg(topic),
        tr("Cluster %1 members with %2 requests").arg(cluster).arg(topic),
        [cluster, topicId](sqlite3* db) { return clusterMembersOnTopic(db, cluster, topicId); },
        [this, theirs, topicId](const std::vector<int64_t>& ids) {
            const QVector<qint64> members(ids.begin(), ids.end());
            theirs->setEnabled(!members.isEmpty());
            connect(theirs, &QAction::triggered, this, [this, members, topicId] {
                session_->requestRequests(members, -1, -1, topicId);
            });
        });
    // The case-wide pivot the account table's Top Topic column has.
    addPivots(menu, {{SearchField::Topic, topic,
                      static_cast<int64_t>(
                          accountsSharing(session_->db(), SearchField::Topic, topic).size())}});
    // The cell's count as the matrix drew it.
    int64_t count = 0;
    const auto col = session_->topics().rowById.constFind(topicId);
    if (col != session_->topics().rowById.cend() && *col < matrix.topics)
        for (size_t r = 0; r < matrix.accounts.size(); ++r)
            if (matrix.accounts[r] == accountId) count = matrix.at(static_cast<int>(r), *col);
    addCopyText(menu, evidence::tsvLine({name, topic, QString::number(count)}));
    menu->addSection(
        tr("Account %1").arg(QString(name).replace(QLatin1Char('&'), QStringLiteral("&&"))));
    addAccountEntries(menu, accountId, name);
    counts_->start();
    return menu;
}

}  // namespace quarry::gui
