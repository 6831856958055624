// SPDX-License-Identifier: GPL-3.0-or-later
#include "casesession.h"

#include "backgroundtask.h"
#include "store/casefile.h"

namespace quarry::gui {

const QString CaseSession::kCancelled = QStringLiteral("cancelled");

CaseSession::CaseSession(QObject* parent) : QObject(parent) {}

CaseSession::~CaseSession() = default;

bool CaseSession::open(const QString& path, QString* error) {
    QString why;
    std::unique_ptr<CaseFile> file = openReadOnly(path, &why);
    // A case written by an older Quarry is upgraded once (its forward migrations keep every
    // row), then read like any other.
    if (!file && why.contains(QLatin1String("needs an upgrade"))) {
        QString upgradeError;
        if (CaseFile::open(path, CaseFile::Access::ReadWrite, &upgradeError))
            file = openReadOnly(path, &why);
        else
            why = upgradeError;
    }
    if (!file) {
        if (error) *error = tr("Cannot open %1: %2").arg(path, why);
        return false;
    }
    close();
    file_ = std::move(file);
    topics_ = loadTopics(file_->db());
    emit caseOpened(path);
    return true;
}

void CaseSession::close() {
    if (!file_) return;
    emit caseClosing();
    file_.reset();
    topics_ = {};
    account_ = cluster_ = -1;
    accountName_.clear();
    emit caseClosed();
}

QString CaseSession::path() const {
    return file_ ? file_->path() : QString();
}

sqlite3* CaseSession::db() const {
    return file_ ? file_->db() : nullptr;
}

bool CaseSession::analysed() const {
    return file_ && hasAnalysis(file_->db());
}

void CaseSession::setCurrentAccount(int64_t accountId, const QString& name) {
    if (accountId == account_) return;
    account_ = accountId;
    accountName_ = name;
    emit accountChanged(accountId, name);
}

void CaseSession::setCurrentCluster(int64_t clusterId) {
    cluster_ = clusterId;
    emit clusterChanged(clusterId);
}

void CaseSession::runJob(QWidget* parent, const QString& title,
                         std::function<QString(TaskProgress&)> work,
                         std::function<void(const QString&)> done) {
    ++jobs_;
    emit jobsChanged(jobs_);
    runBackgroundTask(parent, title, std::move(work),
                      [this, done = std::move(done)](const QString& error) {
                          --jobs_;
                          emit jobsChanged(jobs_);
                          done(error);
                      });
}

}  // namespace quarry::gui
