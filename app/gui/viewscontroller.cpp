// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewscontroller.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "casesession.h"
#include "items/latesttask.h"
#include "mainframe.h"
#include "panels/accountpanel.h"
#include "panels/overviewpanel.h"
#include "plots/comparetimeline.h"
#include "plots/topiclegend.h"
#include "plots/hourlyrateplot.h"
#include "plots/punchcardplot.h"
#include "plots/timelineplot.h"
#include "plots/topicheatmap.h"
#include "plots/topicmatrixplot.h"
#include "selectioncontroller.h"
#include "store/casefile.h"

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

ViewsController::ViewsController(CaseSession* session, SelectionController* selection,
                                 MainFrame* frame)
    : QObject(frame->mainWindow()), session_(session), selection_(selection) {
    createPanels(frame);
    createActions(frame);
    connect(session_, &CaseSession::caseOpened, this, &ViewsController::caseOpened);
    connect(session_, &CaseSession::caseClosing, this, &ViewsController::caseClosing);
    connect(session_, &CaseSession::accountChanged, this, &ViewsController::accountChanged);
    connect(session_, &CaseSession::clusterChanged, this, &ViewsController::clusterChanged);
}

void ViewsController::createPanels(MainFrame* frame) {
    QMainWindow* w = frame->mainWindow();
    timeline_ = new TimelinePlot(w);
    timeline_->setObjectName(QStringLiteral("timeline"));
    heatmap_ = new TopicHeatmap(w);
    heatmap_->setObjectName(QStringLiteral("heatmap"));
    heatmapScope_ = new QComboBox(w);
    heatmapScope_->addItem(tr("Selected account"));
    heatmapScope_->addItem(tr("Selected cluster"));
    heatmapScope_->addItem(tr("Whole case"));
    heatmapScope_->setToolTip(
        tr("Whose requests the topic × day heatmap counts. Click a cell to show that "
           "day and topic in the timeline."));
    heatmapGranularity_ = new QComboBox(w);
    heatmapGranularity_->addItem(tr("by day"), QVariant::fromValue<qlonglong>(kDayMs));
    heatmapGranularity_->addItem(tr("by hour"), QVariant::fromValue<qlonglong>(kHourMs));
    heatmapGranularity_->setToolTip(tr("One heatmap column per UTC day or per hour"));
    heatmapGranularity_->setObjectName(QStringLiteral("heatmapGranularity"));

    auto* heatBox = new QWidget(w);
    auto* heatBar = new QHBoxLayout;
    heatBar->addWidget(new QLabel(tr("Topic heatmap of:"), heatBox));
    heatBar->addWidget(heatmapScope_);
    heatBar->addWidget(heatmapGranularity_);
    heatBar->addStretch(1);
    auto* heatLayout = new QVBoxLayout(heatBox);
    heatLayout->setContentsMargins(4, 2, 4, 2);
    heatLayout->addLayout(heatBar);
    heatLayout->addWidget(heatmap_, 1);

    auto* split = new QSplitter(Qt::Vertical, w);
    split->setObjectName(QStringLiteral("centralSplit"));
    split->addWidget(timeline_);
    split->addWidget(heatBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({340, 300});

    compare_ = new CompareTimeline(w);
    compare_->setObjectName(QStringLiteral("compare"));
    auto* compareBox = new QWidget(w);
    auto* compareBar = new QHBoxLayout;
    auto* compareSelected = new QPushButton(tr("Compare selected accounts"), compareBox);
    auto* compareCluster = new QPushButton(tr("Compare cluster members"), compareBox);
    compareNote_ = new QLabel(compareBox);
    // A cluster of 121 is read 12 rows at a time: "13–24 of 121".
    comparePrev_ = new QPushButton(tr("◀ Previous"), compareBox);
    comparePrev_->setObjectName(QStringLiteral("comparePrevious"));
    compareNext_ = new QPushButton(tr("Next ▶"), compareBox);
    compareNext_->setObjectName(QStringLiteral("compareNext"));
    compareBar->addWidget(compareSelected);
    compareBar->addWidget(compareCluster);
    compareBar->addStretch(1);
    // The legend wraps and the pager sits under the buttons: the tab keeps its minimum width.
    compareLegend_ = new TopicLegend(compareBox);
    auto* pager = new QHBoxLayout;
    pager->addWidget(compareLegend_, 1);
    pager->addWidget(compareNote_);
    pager->addWidget(comparePrev_);
    pager->addWidget(compareNext_);
    auto* compareLayout = new QVBoxLayout(compareBox);
    compareLayout->setContentsMargins(4, 2, 4, 2);
    compareLayout->addLayout(compareBar);
    compareLayout->addLayout(pager);
    compareLayout->addWidget(compare_, 1);
    connect(comparePrev_, &QPushButton::clicked, this, [this] { showComparePage(compare_->page() - 1); });
    connect(compareNext_, &QPushButton::clicked, this, [this] { showComparePage(compare_->page() + 1); });
    showComparePage(0);

    punchcard_ = new PunchcardPlot(w);
    punchcard_->setObjectName(QStringLiteral("punchcard"));
    matrix_ = new TopicMatrixPlot(w);
    matrix_->setObjectName(QStringLiteral("topicMatrix"));
    auto* patterns = new QSplitter(Qt::Horizontal, w);
    patterns->addWidget(punchcard_);
    patterns->addWidget(matrix_);
    patterns->setStretchFactor(0, 2);
    patterns->setStretchFactor(1, 3);

    viewTabs_ = new QTabWidget(w);
    viewTabs_->setObjectName(QStringLiteral("viewTabs"));
    viewTabs_->setDocumentMode(true);
    viewTabs_->addTab(split, tr("Account"));
    viewTabs_->addTab(compareBox, tr("Compare"));
    viewTabs_->addTab(patterns, tr("Patterns"));
    w->setCentralWidget(viewTabs_);

    viewTasks_ = new ViewTasks(
        this,
        [this](const TopicTimeGrid& g) {
            const QString granularity = g.bucketMs == kHourMs ? tr("hour") : tr("day");
            heatmap_->setData(g, tr("Topics by %1 — %2 (%Ln request(s))", nullptr,
                                    static_cast<int>(g.total))
                                     .arg(granularity, scopeTitle(g.scope, g.scopeId,
                                                                  session_->currentAccountName())));
        },
        [this](const Punchcard& p) {
            punchcard_->setData(
                p, tr("Hour of week (UTC) — %1 (%Ln request(s))", nullptr, static_cast<int>(p.total))
                       .arg(scopeTitle(p.scope, p.scopeId, session_->currentAccountName())));
        },
        [this](const AccountTopicMatrix& m) { matrix_->setData(m); },
        [this](const std::vector<HourCount>& hours) {
            selection_->overview()->hourlyPlot()->setData(hours);
        });

    connect(heatmap_, &TopicHeatmap::cellClicked, this,
            [this](qint64 day, qint64 topic) { onHeatmapCell(day, topic); });
    connect(heatmapScope_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        refreshHeatmap();
        refreshPatterns();
    });
    connect(heatmapGranularity_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { refreshHeatmap(); });
    connect(heatmap_, &TopicHeatmap::cellRangeClicked, this,
            [this](qint64 from, qint64 to, qint64 topic) { onHeatmapRange(from, to, topic); });
    connect(punchcard_, &PunchcardPlot::cellClicked, this,
            [this](int wd, int hour) { onPunchcardCell(wd, hour); });
    connect(matrix_, &TopicMatrixPlot::cellClicked, this,
            [this](qint64 account, qint64 topic) { onMatrixCell(account, topic); });
    connect(timeline_, &TimelinePlot::rangeSelected, this, [this](qint64 from, qint64 to) {
        const int64_t account = session_->currentAccount();
        if (account < 0) return;
        session_->requestRequests({account}, from, to, timeline_->topicFilter());
        session_->showStatus(
            tr("Requests of %1 from %2 to %3 (Esc clears the selection)")
                .arg(session_->currentAccountName(), formatUtc(from), formatUtc(to)),
            6000);
    });
    connect(compare_, &CompareTimeline::rangeSelected, this, [this](qint64 from, qint64 to) {
        QVector<qint64> ids;
        for (int64_t id : compare_->accounts()) ids.push_back(id);
        if (!ids.isEmpty()) session_->requestRequests(ids, from, to, -1);
    });
    connect(compareSelected, &QPushButton::clicked, this, [this] { compareSelectedAccounts(); });
    connect(compareCluster, &QPushButton::clicked, this,
            [this] { compareClusterMembers(session_->currentCluster()); });
}

void ViewsController::createActions(MainFrame* frame) {
    QMenu* viewMenu = frame->menu(MainFrame::Menu::View);
    viewMenu->addSeparator();
    const QStringList names{tr("&Account View"), tr("&Compare View"), tr("&Patterns View")};
    for (int i = 0; i < names.size(); ++i) {
        QAction* a = viewMenu->addAction(names[i], this,
                                         [this, i] { showViewTab(static_cast<ViewTab>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    QAction* hourly = viewMenu->addAction(tr("Heatmap by &Hour"));
    hourly->setCheckable(true);
    hourly->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(hourly, &QAction::toggled, this, [this](bool on) { setHeatmapHourly(on); });
    connect(heatmapGranularity_, qOverload<int>(&QComboBox::currentIndexChanged), hourly,
            [hourly](int index) { hourly->setChecked(index == 1); });
    QAction* range =
        viewMenu->addAction(tr("Select &Visible Range"), this, [this] { selectVisibleRange(); });
    range->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    range->setToolTip(
        tr("Shows the requests of the visible time range (or Shift+drag on a timeline)"));
    QAction* compareSel = viewMenu->addAction(tr("Compare &Selected Accounts"), this,
                                              [this] { compareSelectedAccounts(); });
    compareSel->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    viewMenu->addAction(tr("Compare C&luster Members"), this,
                        [this] { compareClusterMembers(session_->currentCluster()); });
}

void ViewsController::caseOpened() {
    timeline_->setCase(session_->db(), session_->topics());
    heatmap_->setTopics(session_->topics());
    if (!session_->analysed())
        heatmap_->clearData(tr("No analysis yet — run Case › Analyze (Ctrl+Shift+A)"));
    else
        refreshHeatmap();
    compare_->setCase(session_->db(), session_->topics());
    compareLegend_->setTopics(session_->topics());
    showComparePage(0);
    punchcard_->clearData(tr("Select an account"));
    matrix_->setTopics(session_->topics());
    refreshPatterns();
    selection_->overview()->hourlyPlot()->setLoading();
    viewTasks_->hourly.run(ViewTasks::onCase<std::vector<HourCount>>(
        session_->path(), [](sqlite3* db) { return caseHourly(db); }));
}

void ViewsController::caseClosing() {
    viewTasks_->cancel();
    compare_->setCase(nullptr, {});
    compareLegend_->setTopics({});
    showComparePage(0);
    punchcard_->clearData(tr("No case open"));
    matrix_->setTopics({});
    selection_->overview()->hourlyPlot()->clearData(tr("Requests per hour"));
    timeline_->setCase(nullptr, {});
    heatmap_->setTopics({});
}

void ViewsController::accountChanged() {
    timeline_->setTopicFilter(-1);
    timeline_->setAccount(session_->currentAccount(), session_->currentAccountName());
    if (heatmapScope() == ViewScope::Account) {
        refreshHeatmap();
        refreshPatterns();
    }
}

void ViewsController::clusterChanged() {
    if (heatmapScope() == ViewScope::Cluster) refreshHeatmap();
    refreshPatterns();
}

bool ViewsController::busy() const {
    return viewTasks_ && viewTasks_->pending();
}

ViewScope ViewsController::heatmapScope() const {
    switch (heatmapScope_->currentIndex()) {
        case 0:
            return ViewScope::Account;
        case 1:
            return ViewScope::Cluster;
        default:
            return ViewScope::Case;
    }
}

void ViewsController::setHeatmapScope(ViewScope scope) {
    heatmapScope_->setCurrentIndex(scope == ViewScope::Account   ? 0
                                   : scope == ViewScope::Cluster ? 1
                                                                 : 2);
}

void ViewsController::setHeatmapHourly(bool hourly) {
    heatmapGranularity_->setCurrentIndex(hourly ? 1 : 0);
}

bool ViewsController::heatmapHourly() const {
    return heatmapGranularity_->currentIndex() == 1;
}

// The selected account or cluster the scope needs (-1: none selected, or the whole case).
int64_t ViewsController::heatmapScopeId() const {
    switch (heatmapScope()) {
        case ViewScope::Account:
            return session_->currentAccount();
        case ViewScope::Cluster:
            return session_->currentCluster();
        case ViewScope::Case:
            break;
    }
    return -1;
}

void ViewsController::refreshHeatmap() {
    if (!session_->analysed()) return;
    const ViewScope scope = heatmapScope();
    const int64_t id = heatmapScopeId();
    if (scope != ViewScope::Case && id < 0) {
        heatmap_->clearData(selectFirst(scope));
        return;
    }
    const int64_t bucket = heatmapHourly() ? kHourMs : kDayMs;
    heatmap_->setLoading(
        tr("Topics — %1 — loading…").arg(scopeTitle(scope, id, session_->currentAccountName())));
    viewTasks_->heat.run(ViewTasks::onCase<TopicTimeGrid>(
        session_->path(), [topics = session_->topics(), scope, id, bucket](sqlite3* db) {
            return topicTimeCounts(db, topics, scope, id, bucket);
        }));
}

void ViewsController::refreshPatterns() {
    if (!session_->isOpen()) return;
    const ViewScope scope = heatmapScope();
    const int64_t id = heatmapScopeId();
    if (scope != ViewScope::Case && id < 0) {
        punchcard_->clearData(selectFirst(scope));
    } else {
        punchcard_->setLoading(tr("Hour of week — %1 — loading…")
                                   .arg(scopeTitle(scope, id, session_->currentAccountName())));
        viewTasks_->punch.run(ViewTasks::onCase<Punchcard>(
            session_->path(),
            [scope, id](sqlite3* db) { return hourOfWeekCounts(db, scope, id); }));
    }
    const int64_t cluster = session_->currentCluster();
    if (cluster < 0 || !session_->analysed()) {
        matrix_->clearData(tr("Select a cluster"));
        return;
    }
    if (matrix_->matrix().cluster == cluster && !matrix_->loading()) return;
    matrix_->setLoading(tr("Cluster %1 — loading…").arg(cluster));
    viewTasks_->matrix.run(ViewTasks::onCase<AccountTopicMatrix>(
        session_->path(), [topics = session_->topics(), cluster](sqlite3* db) {
            return clusterTopicMatrix(db, topics, cluster, TopicMatrixPlot::kMaxRows);
        }));
}

QVector<qint64> ViewsController::scopeAccounts() const {
    QVector<qint64> ids;
    switch (heatmapScope()) {
        case ViewScope::Account:
            if (session_->currentAccount() >= 0) ids.push_back(session_->currentAccount());
            break;
        case ViewScope::Cluster:
            if (session_->isOpen())
                for (int64_t id : clusterMembers(session_->db(), session_->currentCluster()))
                    ids.push_back(id);
            break;
        case ViewScope::Case:
            break;
    }
    return ids;
}

void ViewsController::onHeatmapCell(int64_t day, int64_t topicId) {
    timeline_->setTopicFilter(topicId);
    timeline_->showDay(day);
    timeline_->refreshNow();
    const Topic* t = session_->topics().find(topicId);
    session_->showStatus(
        tr("Timeline filtered to %1, topic %2 (double-click the timeline to show the whole "
           "account)")
            .arg(formatUtc(day * kDayMs).left(10), t ? t->name : QString::number(topicId)),
        6000);
}

void ViewsController::onHeatmapRange(int64_t fromMs, int64_t toMs, int64_t topicId) {
    // The day case already went through onHeatmapCell; an hour cell narrows the timeline further.
    if (toMs - fromMs < kDayMs) {
        timeline_->setRangeMs(fromMs, toMs);
        timeline_->refreshNow();
    }
    session_->requestRequests(scopeAccounts(), fromMs, toMs - 1, topicId);
}

void ViewsController::onPunchcardCell(int weekday, int hour) {
    const int64_t from = lastOccurrence(punchcard_->punchcard(), weekday, hour);
    if (from < 0) return;
    timeline_->setTopicFilter(-1);
    timeline_->setRangeMs(from, from + kHourMs);
    timeline_->refreshNow();
    session_->requestRequests(scopeAccounts(), from, from + kHourMs - 1, -1);
    session_->showStatus(tr("Timeline at the last %1 %2:00 UTC of the selection")
                             .arg(QLocale().dayName(weekday + 1, QLocale::ShortFormat))
                             .arg(hour, 2, 10, QLatin1Char('0')),
                         6000);
}

void ViewsController::onMatrixCell(int64_t accountId, int64_t topicId) {
    if (accountId != session_->currentAccount()) selection_->selectAccount(accountId);
    if (timeline_->account() != accountId) return;  // not in the account table (filtered out)
    timeline_->setTopicFilter(topicId);
    timeline_->showAll();
    timeline_->refreshNow();
    const auto [from, to] = timeline_->visibleRangeMs();
    session_->requestRequests({accountId}, from, to, topicId);
}

void ViewsController::showViewTab(ViewTab tab) {
    viewTabs_->setCurrentIndex(static_cast<int>(tab));
}

int ViewsController::addViewTab(QWidget* view, const QString& title) {
    return viewTabs_->addTab(view, title);
}

void ViewsController::showView(QWidget* view) {
    viewTabs_->setCurrentWidget(view);
}

void ViewsController::compareAccounts(const std::vector<int64_t>& accounts, const QString& what) {
    compare_->setAccounts(accounts, what);
    showComparePage(0);
    showViewTab(CompareTab);
}

void ViewsController::showComparePage(int page) {
    if (page != compare_->page()) compare_->setPage(page);
    compareNote_->setText(compare_->pageText());
    comparePrev_->setVisible(compare_->pageCount() > 1);
    compareNext_->setVisible(compare_->pageCount() > 1);
    comparePrev_->setEnabled(compare_->page() > 0);
    compareNext_->setEnabled(compare_->page() + 1 < compare_->pageCount());
}

void ViewsController::compareSelectedAccounts() {
    const std::vector<int64_t> ids = selection_->selectedAccounts();
    if (ids.empty()) {
        session_->showStatus(
            tr("Select accounts in the account table first (Ctrl+click, Shift+click)"), 5000);
        return;
    }
    compareAccounts(ids, tr("%n selected account(s)", nullptr, static_cast<int>(ids.size())));
}

bool ViewsController::compareClusterMembers(int64_t clusterId) {
    if (!session_->isOpen() || clusterId < 0) {
        session_->showStatus(tr("Select a cluster first"), 5000);
        return false;
    }
    const std::vector<int64_t> ids = clusterMembers(session_->db(), clusterId);
    if (ids.empty()) return false;
    compareAccounts(ids, tr("Cluster %1: %n member(s)", nullptr, static_cast<int>(ids.size())).arg(clusterId));
    return true;
}

void ViewsController::selectVisibleRange() {
    if (viewTabs_->currentIndex() == CompareTab)
        compare_->selectVisibleRange();
    else if (session_->currentAccount() >= 0)
        timeline_->selectVisibleRange();
}

bool ViewsController::showNamedView(const QString& name) {
    const bool needsCluster = name == QLatin1String("cluster") ||
                              name == QLatin1String("compare") || name == QLatin1String("graph");
    if (needsCluster && session_->currentCluster() < 0 && session_->isOpen() &&
        selection_->selectedAccounts().size() < 2) {
        const std::vector<ClusterRecord> clusters =
            loadClusters(session_->db());  // flagged, highest score first
        if (!clusters.empty()) selection_->selectCluster(clusters.front().id);
    }
    if (name == QLatin1String("overview")) {
        setHeatmapScope(ViewScope::Case);
        showViewTab(AccountTab);
    } else if (name == QLatin1String("account")) {
        // With no account chosen, the table's first (highest-ranked) one.
        if (session_->currentAccount() < 0)
            if (const AccountRecord* top = selection_->accountPanel()->model()->recordAt(0))
                selection_->selectAccount(top->id);
        setHeatmapScope(ViewScope::Account);
        showViewTab(AccountTab);
    } else if (name == QLatin1String("cluster")) {
        setHeatmapScope(ViewScope::Cluster);
        showViewTab(PatternsTab);
    } else if (name == QLatin1String("compare")) {
        const std::vector<int64_t> selected = selection_->selectedAccounts();
        if (selected.size() > 1)
            compareAccounts(selected, tr("%1 selected accounts").arg(selected.size()));
        else if (!compareClusterMembers(session_->currentCluster()) && !selected.empty())
            compareAccounts(selected);
        showViewTab(CompareTab);
    } else if (name == QLatin1String("graph")) {
        // The cluster graph is a tab a feature controller added; found by its name.
        QWidget* graph = viewTabs_->findChild<QWidget*>(QStringLiteral("clusterGraph"));
        if (!graph || viewTabs_->indexOf(graph) < 0) return false;
        showView(graph);
    } else {
        return false;
    }
    return true;
}

}  // namespace quarry::gui
