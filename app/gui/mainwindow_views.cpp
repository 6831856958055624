// SPDX-License-Identifier: GPL-3.0-or-later
// The central view tabs (Account: timeline + topic heatmap; Compare: accounts on one time axis;
// Patterns: hour-of-week punchcard + the cluster's accounts x topics matrix), the overview's
// requests per hour, and how a click or a selected range in any of them becomes a timeline
// filter and a requestsFilterRequested() for the request list.
#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "accountpanel.h"
#include "clusterpanel.h"
#include "comparetimeline.h"
#include "hourlyrateplot.h"
#include "latesttask.h"
#include "mainwindow.h"
#include "overviewpanel.h"
#include "punchcardplot.h"
#include "store/casefile.h"
#include "timelineplot.h"
#include "topicheatmap.h"
#include "topicmatrixplot.h"
#include "viewqueries.h"

namespace quarry::gui {

// The views' worker queries, each keeping only its newest request.
class ViewTasks final : public QObject {
public:
    ViewTasks(QObject* parent, std::function<void(const TopicTimeGrid&)> onHeat,
              std::function<void(const Punchcard&)> onPunch,
              std::function<void(const AccountTopicMatrix&)> onMatrix,
              std::function<void(const std::vector<HourCount>&)> onHourly)
        : QObject(parent),
          heat(std::move(onHeat)),
          punch(std::move(onPunch)),
          matrix(std::move(onMatrix)),
          hourly(std::move(onHourly)) {}
    bool pending() const {
        return heat.pending() || punch.pending() || matrix.pending() || hourly.pending();
    }
    void cancel() {
        heat.cancel();
        punch.cancel();
        matrix.cancel();
        hourly.cancel();
    }
    // Runs query(db) on a worker with its own read-only connection.
    template <class T, class Query>
    static std::function<T()> onCase(const QString& path, Query query) {
        return [path, query] {
            auto file = openReadOnly(path);
            return file ? query(file->db()) : T{};
        };
    }

    LatestTask<TopicTimeGrid> heat;
    LatestTask<Punchcard> punch;
    LatestTask<AccountTopicMatrix> matrix;
    LatestTask<std::vector<HourCount>> hourly;
};

namespace {

QString scopeTitle(ViewScope scope, int64_t id, const QString& accountName) {
    switch (scope) {
        case ViewScope::Account:
            return QObject::tr("account %1").arg(accountName);
        case ViewScope::Cluster:
            return QObject::tr("cluster %1").arg(id);
        case ViewScope::Case:
            break;
    }
    return QObject::tr("whole case");
}

QString selectFirst(ViewScope scope) {
    return scope == ViewScope::Account ? QObject::tr("Select an account")
                                       : QObject::tr("Select a cluster");
}

}  // namespace

void MainWindow::createViewPanels() {
    heatmapGranularity_->addItem(tr("by day"), QVariant::fromValue<qlonglong>(kDayMs));
    heatmapGranularity_->addItem(tr("by hour"), QVariant::fromValue<qlonglong>(kHourMs));
    heatmapGranularity_->setToolTip(tr("One heatmap column per UTC day or per hour"));
    heatmapGranularity_->setObjectName(QStringLiteral("heatmapGranularity"));

    compare_ = new CompareTimeline(this);
    compare_->setObjectName(QStringLiteral("compare"));
    auto* compareBox = new QWidget(this);
    auto* compareBar = new QHBoxLayout;
    auto* compareSelected = new QPushButton(tr("Compare selected accounts"), compareBox);
    auto* compareCluster = new QPushButton(tr("Compare cluster members"), compareBox);
    compareNote_ = new QLabel(compareBox);
    compareBar->addWidget(compareSelected);
    compareBar->addWidget(compareCluster);
    compareBar->addWidget(compareNote_, 1);
    auto* compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(4, 2, 4, 2);
    compareLayout->addLayout(compareBar);
    compareLayout->addWidget(compare_, 1);

    punchcard_ = new PunchcardPlot(this);
    punchcard_->setObjectName(QStringLiteral("punchcard"));
    matrix_ = new TopicMatrixPlot(this);
    matrix_->setObjectName(QStringLiteral("topicMatrix"));
    auto* patterns = new QSplitter(Qt::Horizontal, this);
    patterns->addWidget(punchcard_);
    patterns->addWidget(matrix_);
    patterns->setStretchFactor(0, 2);
    patterns->setStretchFactor(1, 3);

    viewTabs_ = new QTabWidget(this);
    viewTabs_->setObjectName(QStringLiteral("viewTabs"));
    viewTabs_->setDocumentMode(true);
    viewTabs_->addTab(takeCentralWidget(), tr("Account"));
    viewTabs_->addTab(compareBox, tr("Compare"));
    viewTabs_->addTab(patterns, tr("Patterns"));
    setCentralWidget(viewTabs_);

    viewTasks_ = new ViewTasks(
        this,
        [this](const TopicTimeGrid& g) {
            const QString granularity = g.bucketMs == kHourMs ? tr("hour") : tr("day");
            heatmap_->setData(
                g, tr("Topics by %1 — %2 (%3 requests)")
                       .arg(granularity, scopeTitle(g.scope, g.scopeId, currentAccountName_))
                       .arg(g.total));
        },
        [this](const Punchcard& p) {
            punchcard_->setData(p, tr("Hour of week (UTC) — %1 (%2 requests)")
                                       .arg(scopeTitle(p.scope, p.scopeId, currentAccountName_))
                                       .arg(p.total));
        },
        [this](const AccountTopicMatrix& m) { matrix_->setData(m); },
        [this](const std::vector<HourCount>& hours) { overview_->hourlyPlot()->setData(hours); });

    connect(heatmapGranularity_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { refreshHeatmap(); });
    connect(heatmapScope_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { refreshPatterns(); });
    connect(heatmap_, &TopicHeatmap::cellRangeClicked, this,
            [this](qint64 from, qint64 to, qint64 topic) { onHeatmapRange(from, to, topic); });
    connect(punchcard_, &PunchcardPlot::cellClicked, this,
            [this](int wd, int hour) { onPunchcardCell(wd, hour); });
    connect(matrix_, &TopicMatrixPlot::cellClicked, this,
            [this](qint64 account, qint64 topic) { onMatrixCell(account, topic); });
    connect(accounts_, &AccountPanel::currentAccountChanged, this, [this] {
        if (heatmapScope() == ViewScope::Account) refreshPatterns();
    });
    connect(clusters_, &ClusterPanel::clusterSelected, this, [this] { refreshPatterns(); });
    connect(timeline_, &TimelinePlot::rangeSelected, this, [this](qint64 from, qint64 to) {
        if (currentAccount_ < 0) return;
        emit requestsFilterRequested({currentAccount_}, from, to, timeline_->topicFilter());
        statusBar()->showMessage(tr("Requests of %1 from %2 to %3 (Esc clears the selection)")
                                     .arg(currentAccountName_, formatUtc(from), formatUtc(to)),
                                 6000);
    });
    connect(compare_, &CompareTimeline::rangeSelected, this, [this](qint64 from, qint64 to) {
        QVector<qint64> ids;
        for (int64_t id : compare_->accounts()) ids.push_back(id);
        if (!ids.isEmpty()) emit requestsFilterRequested(ids, from, to, -1);
    });
    connect(compareSelected, &QPushButton::clicked, this, [this] { compareSelectedAccounts(); });
    connect(compareCluster, &QPushButton::clicked, this,
            [this] { compareClusterMembers(currentCluster_); });
}

void MainWindow::createViewActions() {
    viewMenu_->addSeparator();
    const QStringList names{tr("&Account View"), tr("&Compare View"), tr("&Patterns View")};
    for (int i = 0; i < names.size(); ++i) {
        QAction* a = viewMenu_->addAction(names[i], this,
                                          [this, i] { showViewTab(static_cast<ViewTab>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    QAction* hourly = viewMenu_->addAction(tr("Heatmap by &Hour"));
    hourly->setCheckable(true);
    hourly->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(hourly, &QAction::toggled, this, [this](bool on) { setHeatmapHourly(on); });
    connect(heatmapGranularity_, qOverload<int>(&QComboBox::currentIndexChanged), hourly,
            [hourly](int index) { hourly->setChecked(index == 1); });
    QAction* range =
        viewMenu_->addAction(tr("Select &Visible Range"), this, [this] { selectVisibleRange(); });
    range->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    range->setToolTip(
        tr("Shows the requests of the visible time range (or Shift+drag on a timeline)"));
    QAction* compareSel = viewMenu_->addAction(tr("Compare &Selected Accounts"), this,
                                               [this] { compareSelectedAccounts(); });
    compareSel->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    viewMenu_->addAction(tr("Compare C&luster Members"), this,
                         [this] { compareClusterMembers(currentCluster_); });
}

void MainWindow::openCaseViews() {
    compare_->setCase(case_->db(), topics_);
    compareNote_->clear();
    punchcard_->clearData(tr("Select an account"));
    matrix_->setTopics(topics_);
    refreshPatterns();
    const QString path = case_->path();
    overview_->hourlyPlot()->setLoading();
    viewTasks_->hourly.run(ViewTasks::onCase<std::vector<HourCount>>(
        path, [](sqlite3* db) { return caseHourly(db); }));
}

void MainWindow::closeCaseViews() {
    viewTasks_->cancel();
    compare_->setCase(nullptr, {});
    compareNote_->clear();
    punchcard_->clearData(tr("No case open"));
    matrix_->setTopics({});
    overview_->hourlyPlot()->clearData(tr("Requests per hour"));
}

bool MainWindow::viewsBusy() const {
    return viewTasks_ && viewTasks_->pending();
}

HeatmapData::Scope MainWindow::heatmapScope() const {
    switch (heatmapScope_->currentIndex()) {
        case 0:
            return ViewScope::Account;
        case 1:
            return ViewScope::Cluster;
        default:
            return ViewScope::Case;
    }
}

void MainWindow::setHeatmapScope(HeatmapData::Scope scope) {
    heatmapScope_->setCurrentIndex(scope == ViewScope::Account   ? 0
                                   : scope == ViewScope::Cluster ? 1
                                                                 : 2);
}

void MainWindow::setHeatmapHourly(bool hourly) {
    heatmapGranularity_->setCurrentIndex(hourly ? 1 : 0);
}

bool MainWindow::heatmapHourly() const {
    return heatmapGranularity_->currentIndex() == 1;
}

// The selected account or cluster the scope needs (-1: none selected, or the whole case).
int64_t MainWindow::heatmapScopeId() const {
    switch (heatmapScope()) {
        case ViewScope::Account:
            return currentAccount_;
        case ViewScope::Cluster:
            return currentCluster_;
        case ViewScope::Case:
            break;
    }
    return -1;
}

void MainWindow::refreshHeatmap() {
    if (!case_ || !hasAnalysis(case_->db())) return;
    const ViewScope scope = heatmapScope();
    const int64_t id = heatmapScopeId();
    if (scope != ViewScope::Case && id < 0) {
        heatmap_->clearData(selectFirst(scope));
        return;
    }
    const int64_t bucket = heatmapHourly() ? kHourMs : kDayMs;
    heatmap_->setLoading(
        tr("Topics — %1 — loading…").arg(scopeTitle(scope, id, currentAccountName_)));
    viewTasks_->heat.run(ViewTasks::onCase<TopicTimeGrid>(
        case_->path(), [topics = topics_, scope, id, bucket](sqlite3* db) {
            return topicTimeCounts(db, topics, scope, id, bucket);
        }));
}

void MainWindow::refreshPatterns() {
    if (!case_) return;
    const ViewScope scope = heatmapScope();
    const int64_t id = heatmapScopeId();
    if (scope != ViewScope::Case && id < 0) {
        punchcard_->clearData(selectFirst(scope));
    } else {
        punchcard_->setLoading(
            tr("Hour of week — %1 — loading…").arg(scopeTitle(scope, id, currentAccountName_)));
        viewTasks_->punch.run(ViewTasks::onCase<Punchcard>(
            case_->path(), [scope, id](sqlite3* db) { return hourOfWeekCounts(db, scope, id); }));
    }
    if (currentCluster_ < 0 || !hasAnalysis(case_->db())) {
        matrix_->clearData(tr("Select a cluster"));
        return;
    }
    if (matrix_->matrix().cluster == currentCluster_ && !matrix_->loading()) return;
    matrix_->setLoading(tr("Cluster %1 — loading…").arg(currentCluster_));
    viewTasks_->matrix.run(ViewTasks::onCase<AccountTopicMatrix>(
        case_->path(), [topics = topics_, cluster = currentCluster_](sqlite3* db) {
            return clusterTopicMatrix(db, topics, cluster, TopicMatrixPlot::kMaxRows);
        }));
}

QVector<qint64> MainWindow::scopeAccounts() const {
    QVector<qint64> ids;
    switch (heatmapScope()) {
        case ViewScope::Account:
            if (currentAccount_ >= 0) ids.push_back(currentAccount_);
            break;
        case ViewScope::Cluster:
            if (case_)
                for (int64_t id : clusterMembers(case_->db(), currentCluster_)) ids.push_back(id);
            break;
        case ViewScope::Case:
            break;
    }
    return ids;
}

void MainWindow::onHeatmapRange(int64_t fromMs, int64_t toMs, int64_t topicId) {
    // The day case already went through onHeatmapCell; an hour cell narrows the timeline further.
    if (toMs - fromMs < kDayMs) {
        timeline_->setRangeMs(fromMs, toMs);
        timeline_->refreshNow();
    }
    emit requestsFilterRequested(scopeAccounts(), fromMs, toMs - 1, topicId);
}

void MainWindow::onPunchcardCell(int weekday, int hour) {
    const int64_t from = lastOccurrence(punchcard_->punchcard(), weekday, hour);
    if (from < 0) return;
    timeline_->setTopicFilter(-1);
    timeline_->setRangeMs(from, from + kHourMs);
    timeline_->refreshNow();
    emit requestsFilterRequested(scopeAccounts(), from, from + kHourMs - 1, -1);
    statusBar()->showMessage(tr("Timeline at the last %1 %2:00 UTC of the selection")
                                 .arg(QLocale().dayName(weekday + 1, QLocale::ShortFormat))
                                 .arg(hour, 2, 10, QLatin1Char('0')),
                             6000);
}

void MainWindow::onMatrixCell(int64_t accountId, int64_t topicId) {
    if (accountId != currentAccount_) selectAccount(accountId);
    if (timeline_->account() != accountId) return;  // not in the account table (filtered out)
    timeline_->setTopicFilter(topicId);
    timeline_->showAll();
    timeline_->refreshNow();
    const auto [from, to] = timeline_->visibleRangeMs();
    emit requestsFilterRequested({accountId}, from, to, topicId);
}

void MainWindow::showViewTab(ViewTab tab) {
    viewTabs_->setCurrentIndex(static_cast<int>(tab));
}

void MainWindow::compareAccounts(const std::vector<int64_t>& accounts, const QString& what) {
    compare_->setAccounts(accounts, what);
    compareNote_->setText(
        compare_->requestedCount() > compare_->rowCount()
            ? tr("%1 of %2 shown").arg(compare_->rowCount()).arg(compare_->requestedCount())
            : QString());
    showViewTab(CompareTab);
}

void MainWindow::compareSelectedAccounts() {
    const std::vector<int64_t> ids = accounts_->selectedAccounts();
    if (ids.empty()) {
        statusBar()->showMessage(
            tr("Select accounts in the account table first (Ctrl+click, Shift+click)"), 5000);
        return;
    }
    compareAccounts(ids, tr("%1 selected accounts").arg(ids.size()));
}

bool MainWindow::compareClusterMembers(int64_t clusterId) {
    if (!case_ || clusterId < 0) {
        statusBar()->showMessage(tr("Select a cluster first"), 5000);
        return false;
    }
    const std::vector<int64_t> ids = clusterMembers(case_->db(), clusterId);
    if (ids.empty()) return false;
    compareAccounts(ids, tr("Cluster %1: %2 members").arg(clusterId).arg(ids.size()));
    return true;
}

void MainWindow::selectVisibleRange() {
    if (viewTabs_->currentIndex() == CompareTab)
        compare_->selectVisibleRange();
    else if (currentAccount_ >= 0)
        timeline_->selectVisibleRange();
}

bool MainWindow::showNamedView(const QString& name) {
    const bool needsCluster = name == QLatin1String("cluster") || name == QLatin1String("compare");
    if (needsCluster && currentCluster_ < 0 && case_ && accounts_->selectedAccounts().size() < 2) {
        const std::vector<ClusterRecord> clusters = loadClusters(case_->db());  // flagged, highest score first
        if (!clusters.empty()) selectCluster(clusters.front().id);
    }
    if (name == QLatin1String("overview")) {
        setHeatmapScope(ViewScope::Case);
        showViewTab(AccountTab);
    } else if (name == QLatin1String("account")) {
        // With no account chosen, the table's first (highest-ranked) one.
        if (currentAccount_ < 0)
            if (const AccountRecord* top = accounts_->model()->recordAt(0)) selectAccount(top->id);
        setHeatmapScope(ViewScope::Account);
        showViewTab(AccountTab);
    } else if (name == QLatin1String("cluster")) {
        setHeatmapScope(ViewScope::Cluster);
        showViewTab(PatternsTab);
    } else if (name == QLatin1String("compare")) {
        const std::vector<int64_t> selected = accounts_->selectedAccounts();
        if (selected.size() > 1)
            compareAccounts(selected, tr("%1 selected accounts").arg(selected.size()));
        else if (!compareClusterMembers(currentCluster_) && !selected.empty())
            compareAccounts(selected);
        showViewTab(CompareTab);
    } else {
        return false;
    }
    return true;
}

}  // namespace quarry::gui
