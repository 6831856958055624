// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the analyst picks: the Overview, Clusters and Accounts docks. A pick in any of them
// becomes the session's current account or cluster; the other controllers follow the session
// and ask this one for the account table's selection.

#include <QObject>

#include <cstdint>
#include <vector>

namespace quarry::gui {

class AccountPanel;
class CaseSession;
class ClusterPanel;
class MainFrame;
class OverviewPanel;

class SelectionController final : public QObject {
    Q_OBJECT
public:
    SelectionController(CaseSession* session, MainFrame* frame);

    AccountPanel* accountPanel() const { return accounts_; }
    ClusterPanel* clusterPanel() const { return clusters_; }
    OverviewPanel* overview() const { return overview_; }

    bool selectAccount(int64_t accountId);
    // An account by name, or by its dictionary id when the name is a number no account has.
    bool selectAccountByName(const QString& name);
    bool selectCluster(int64_t clusterId);
    std::vector<int64_t> selectedAccounts() const;
    bool loading() const;

signals:
    // The account table's selection changed (a cluster pick selects its members in steps).
    void accountSelectionChanged();

private:
    void caseOpened();
    void caseClosing();

    CaseSession* session_;
    OverviewPanel* overview_;
    ClusterPanel* clusters_;
    AccountPanel* accounts_;
};

}  // namespace quarry::gui
