// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The state every feature of the dashboard shares: the open case (the GUI thread's read-only
// connection and its topics), the selection (current account, current cluster) and the running
// background jobs. Controllers listen to its signals and never to each other's widgets, so a
// feature is added by writing one controller.

#include <QObject>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

#include "items/casequeries.h"

class QWidget;

namespace quarry {
class CaseFile;
}

namespace quarry::gui {

class TaskProgress;

class CaseSession final : public QObject {
    Q_OBJECT
public:
    explicit CaseSession(QObject* parent = nullptr);
    ~CaseSession() override;

    // Opens a case read-only (closing the one open before); on failure the open case stays.
    bool open(const QString& path, QString* error = nullptr);
    void close();
    bool isOpen() const { return file_ != nullptr; }
    QString path() const;
    CaseFile* file() const { return file_.get(); }
    sqlite3* db() const;  // nullptr when no case is open
    const TopicTable& topics() const { return topics_; }
    bool analysed() const;

    int64_t currentAccount() const { return account_; }
    const QString& currentAccountName() const { return accountName_; }
    int64_t currentCluster() const { return cluster_; }
    // What the account table made current; emits accountChanged when it changed.
    void setCurrentAccount(int64_t accountId, const QString& name);
    // The cluster the analyst picked; emits clusterChanged every time (a second pick re-selects).
    void setCurrentCluster(int64_t clusterId);

    // Runs work on a worker thread behind a modal progress dialog with Cancel (backgroundtask.h),
    // counted among the running jobs; done runs on the GUI thread with work's error (empty on
    // success, kCancelled when cancelled).
    void runJob(QWidget* parent, const QString& title, std::function<QString(TaskProgress&)> work,
                std::function<void(const QString&)> done);
    int runningJobs() const { return jobs_; }
    static const QString kCancelled;

    // A line for the status bar (timeoutMs 0: until replaced).
    void showStatus(const QString& text, int timeoutMs = 4000) {
        emit statusMessage(text, timeoutMs);
    }
    // A view asks the request list to show these requests: accountIds (empty: the whole case),
    // fromMs <= ts <= toMs (-1: unbounded), topicId (-1: any topic).
    void requestRequests(const QVector<qint64>& accountIds, qint64 fromMs, qint64 toMs,
                         qint64 topicId) {
        emit requestsFilterRequested(accountIds, fromMs, toMs, topicId);
    }

signals:
    void caseOpened(const QString& path);
    // Before the connection goes: drop every pointer into it.
    void caseClosing();
    void caseClosed();
    void accountChanged(qint64 accountId, const QString& name);
    void clusterChanged(qint64 clusterId);
    void requestsFilterRequested(QVector<qint64> accountIds, qint64 fromMs, qint64 toMs,
                                 qint64 topicId);
    void statusMessage(const QString& text, int timeoutMs);
    void jobsChanged(int running);

private:
    std::unique_ptr<CaseFile> file_;
    TopicTable topics_;
    int64_t account_ = -1;
    int64_t cluster_ = -1;
    QString accountName_;
    int jobs_ = 0;
};

}  // namespace quarry::gui
