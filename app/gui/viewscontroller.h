// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The central view tabs (Account: timeline + topic heatmap; Compare: accounts on one time axis;
// Patterns: hour-of-week punchcard + the cluster's accounts x topics matrix) and the overview's
// requests per hour. They follow the session's current account and cluster; a click or a
// selected range in any of them becomes a timeline filter and a request-list filter.

#include <QObject>
#include <QVector>

#include <vector>

#include "items/viewqueries.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QWidget;

namespace quarry::gui {

class CaseSession;
class CompareTimeline;
class MainFrame;
class PunchcardPlot;
class SelectionController;
class TimelinePlot;
class TopicHeatmap;
class TopicLegend;
class TopicMatrixPlot;
class ViewTasks;

class ViewsController final : public QObject {
    Q_OBJECT
public:
    ViewsController(CaseSession* session, SelectionController* selection, MainFrame* frame);

    enum ViewTab { AccountTab = 0, CompareTab = 1, PatternsTab = 2 };
    QTabWidget* viewTabs() const { return viewTabs_; }
    TimelinePlot* timeline() const { return timeline_; }
    TopicHeatmap* heatmap() const { return heatmap_; }
    CompareTimeline* compareTimeline() const { return compare_; }
    PunchcardPlot* punchcard() const { return punchcard_; }
    TopicMatrixPlot* topicMatrix() const { return matrix_; }

    void showViewTab(ViewTab tab);
    // Adds a feature's view as a tab after the views' own (returns its index).
    int addViewTab(QWidget* view, const QString& title);
    void showView(QWidget* view);
    // overview | account | cluster | compare (the screenshot's --view); false if unknown.
    bool showNamedView(const QString& name);
    void setHeatmapScope(ViewScope scope);
    void setHeatmapHourly(bool hourly);
    bool heatmapHourly() const;
    // Stacks these accounts in the Compare tab, CompareTimeline::kMaxRows a page (the first).
    void compareAccounts(const std::vector<int64_t>& accounts, const QString& what = QString());
    // Shows that page of the compared accounts and says which ("13–24 of 121").
    void showComparePage(int page);
    void compareSelectedAccounts();
    bool compareClusterMembers(int64_t clusterId);
    void selectVisibleRange();
    bool busy() const;

private:
    void createPanels(MainFrame* frame);
    void createActions(MainFrame* frame);
    void caseOpened();
    void caseClosing();
    void accountChanged();
    void clusterChanged();
    void refreshHeatmap();
    void refreshPatterns();
    ViewScope heatmapScope() const;
    int64_t heatmapScopeId() const;
    QVector<qint64> scopeAccounts() const;
    void onHeatmapCell(int64_t day, int64_t topicId);
    void onHeatmapRange(int64_t fromMs, int64_t toMs, int64_t topicId);
    void onPunchcardCell(int weekday, int hour);
    void onMatrixCell(int64_t accountId, int64_t topicId);

    CaseSession* session_;
    SelectionController* selection_;
    TimelinePlot* timeline_ = nullptr;
    TopicHeatmap* heatmap_ = nullptr;
    QComboBox* heatmapScope_ = nullptr;
    QComboBox* heatmapGranularity_ = nullptr;
    QTabWidget* viewTabs_ = nullptr;
    CompareTimeline* compare_ = nullptr;
    QLabel* compareNote_ = nullptr;
    QPushButton* comparePrev_ = nullptr;
    QPushButton* compareNext_ = nullptr;
    TopicLegend* compareLegend_ = nullptr;
    PunchcardPlot* punchcard_ = nullptr;
    TopicMatrixPlot* matrix_ = nullptr;
    ViewTasks* viewTasks_ = nullptr;  // child QObject: the views' worker queries
};

}  // namespace quarry::gui
