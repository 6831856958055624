// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/exportdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "dialogs/custodyprompts.h"
#include "evidence/signing.h"
#include "jobs/exportevidence.h"

namespace quarry::gui {

// What the worker reports: atomics and a guarded label read by a GUI-thread timer, so the worker
// never touches a widget and the GUI thread never waits for it.
struct ExportDialog::Progress {
    std::atomic<int> permille{0};
    std::atomic<bool> cancel{false};
    QMutex mutex;
    QString stage;
    evidence::BundleResult result;
    QString error;
};

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QListWidgetItem* addCheckable(QListWidget* list, const QString& text, const QVariant& id,
                              bool checked) {
    auto* item = new QListWidgetItem(text, list);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    item->setData(kIdRole, id);
    return item;
}

}  // namespace

ExportDialog::ExportDialog(const ExportChoices& choices, QWidget* parent)
    : QDialog(parent), casePath_(choices.casePath), selectedAccounts_(choices.selectedAccounts) {
    setWindowTitle(tr("Export Evidence"));
    setObjectName(QStringLiteral("exportDialog"));
    clusters_ = new QListWidget(this);
    clusters_->setObjectName(QStringLiteral("exportClusters"));
    for (const ClusterRecord& c : choices.clusters)
        addCheckable(clusters_,
                     tr("Cluster %1 — %n account(s), score %2%3", nullptr, static_cast<int>(c.size))
                         .arg(c.id)
                         .arg(c.score, 0, 'f', 2)
                         .arg(c.flagged ? tr(", flagged") : QString()),
                     QVariant::fromValue<qlonglong>(c.id), c.flagged);
    tags_ = new QListWidget(this);
    tags_->setObjectName(QStringLiteral("exportTags"));
    for (const evidence::TagInfo& t : choices.tags)
        if (t.accounts + t.clusters > 0)
            addCheckable(
                tags_,
                tr("%1 — %n account(s), ", nullptr, static_cast<int>(t.accounts)).arg(t.name) +
                    tr("%n cluster(s)", nullptr, static_cast<int>(t.clusters)),
                t.name, false);
    if (tags_->count() == 0) {
        auto* none = new QListWidgetItem(tr("(no tag is on an account or cluster yet)"), tags_);
        none->setFlags(Qt::NoItemFlags);
    }
    accounts_ = new QCheckBox(tr("The %n account(s) selected in the account table", nullptr,
                                 static_cast<int>(selectedAccounts_.size())),
                              this);
    accounts_->setObjectName(QStringLiteral("exportAccounts"));
    accounts_->setEnabled(!selectedAccounts_.isEmpty());

    output_ = new QLineEdit(choices.suggestedOutput, this);
    output_->setObjectName(QStringLiteral("exportOutput"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    redact_ = new QCheckBox(
        tr("&Redact prompts, full IP addresses and e-mail account ids (for readers outside "
           "the security team)"),
        this);
    sign_ = new QCheckBox(tr("&Sign the manifest with my Ed25519 key"), this);
    sign_->setToolTip(
        tr("The key lives in %1 and is created on first use").arg(evidence::signingKeyDirectory()));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 100);
    progress_->setValue(0);
    stage_ = new QLabel(this);
    summary_ = new QTextBrowser(this);
    summary_->setObjectName(QStringLiteral("exportSummary"));
    summary_->setMinimumHeight(120);

    auto* buttons = new QDialogButtonBox(this);
    export_ = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    cancel_ = buttons->addButton(tr("C&ancel Export"), QDialogButtonBox::ActionRole);
    verify_ = buttons->addButton(tr("&Verify Now"), QDialogButtonBox::ActionRole);
    close_ = buttons->addButton(QDialogButtonBox::Close);

    auto* what = new QGroupBox(tr("What to export"), this);
    auto* whatLayout = new QFormLayout(what);
    whatLayout->addRow(tr("Clusters:"), clusters_);
    whatLayout->addRow(tr("Accounts:"), accounts_);
    whatLayout->addRow(tr("Tags:"), tags_);
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(output_, 1);
    outRow->addWidget(browse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Bundle file:"), outRow);
    layout->addLayout(form);
    layout->addWidget(redact_);
    layout->addWidget(sign_);
    layout->addWidget(progress_);
    layout->addWidget(stage_);
    layout->addWidget(summary_);
    layout->addWidget(buttons);
    resize(640, 640);

    poll_ = new QTimer(this);
    poll_->setInterval(50);
    connect(poll_, &QTimer::timeout, this, [this] {
        progress_->setValue(shared_->permille.load() / 10);
        QMutexLocker lock(&shared_->mutex);
        stage_->setText(shared_->stage);
    });
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseOutput);
    connect(export_, &QPushButton::clicked, this, &ExportDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &ExportDialog::cancel);
    connect(verify_, &QPushButton::clicked, this, &ExportDialog::verifyNow);
    connect(close_, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(&watcher_, &QFutureWatcher<bool>::finished, this, &ExportDialog::onFinished);
    connect(&verifyWatcher_, &QFutureWatcher<evidence::BundleVerification>::finished, this, [this] {
        const evidence::BundleVerification v = verifyWatcher_.result();
        QString html = v.ok ? tr("<p style='color:#27ae60'><b>Verified:</b> %1 files, manifest%2, "
                                 "audit chain of %3 "
                                 "entries.</p>")
                                  .arg(v.files)
                                  .arg(v.signedBundle ? tr(" and Ed25519 signature") : QString())
                                  .arg(v.auditEntries)
                            : tr("<p style='color:#d64545'><b>Verification failed:</b></p>");
        // Whose bundle it is, stated plainly either way.
        if (v.ok)
            html += v.signedBundle ? tr("<p>Signed by the key with fingerprint <b>%1</b>.</p>").arg(v.fingerprint)
                                   : tr("<p style='color:#d64545'><b>UNSIGNED:</b> nothing proves who made this "
                                        "bundle. Export with \u201cSign\u201d to let recipients check it is "
                                        "yours.</p>");
        for (const QString& p : v.problems)
            html += QStringLiteral("<p>%1</p>").arg(p.toHtmlEscaped());
        summary_->append(html);
        updateButtons();
        emit verifyFinished(v.ok);
    });
    updateButtons();
}

ExportDialog::~ExportDialog() {
    if (shared_) shared_->cancel = true;
    watcher_.waitForFinished();
    verifyWatcher_.waitForFinished();
}

evidence::BundleOptions ExportDialog::options() const {
    evidence::BundleOptions o;
    for (int i = 0; i < clusters_->count(); ++i)
        if (clusters_->item(i)->checkState() == Qt::Checked)
            o.clusters.push_back(clusters_->item(i)->data(kIdRole).toLongLong());
    if (accounts_->isChecked()) o.accounts = selectedAccounts_;
    for (int i = 0; i < tags_->count(); ++i)
        if (tags_->item(i)->checkState() == Qt::Checked)
            o.tags << tags_->item(i)->data(kIdRole).toString();
    o.redact = redact_->isChecked();
    o.sign = sign_->isChecked();
    return o;
}

void ExportDialog::setOutputPath(const QString& path) {
    output_->setText(path);
}

QString ExportDialog::outputPath() const {
    return output_->text().trimmed();
}

void ExportDialog::setClusterChecked(int64_t clusterId, bool checked) {
    for (int i = 0; i < clusters_->count(); ++i)
        if (clusters_->item(i)->data(kIdRole).toLongLong() == clusterId)
            clusters_->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void ExportDialog::chooseOutput() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Evidence Bundle"), outputPath(),
                                                      tr("Evidence bundles (*.zip)"));
    if (!path.isEmpty())
        setOutputPath(path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)
                          ? path
                          : path + QStringLiteral(".zip"));
}

void ExportDialog::start() {
    if (running() || verifyWatcher_.isRunning()) return;
    evidence::BundleOptions o = options();
    const QString out = outputPath();
    summary_->clear();
    if (o.clusters.empty() && o.accounts.isEmpty() && o.tags.isEmpty()) {
        summary_->setPlainText(tr("Choose at least one cluster, the selected accounts or a tag."));
        return;
    }
    if (out.isEmpty()) {
        summary_->setPlainText(tr("Choose the bundle file."));
        return;
    }
    QString keyError;
    if (o.sign && !ensureSigningKey(this, &keyError)) {
        summary_->setPlainText(keyError);
        return;
    }
    succeeded_ = false;
    error_.clear();
    result_ = {};
    shared_ = std::make_shared<Progress>();
    std::shared_ptr<Progress> shared = shared_;
    o.progress = [shared](const QString& stage, double fraction) {
        shared->permille.store(static_cast<int>(fraction * 1000.0));
        QMutexLocker lock(&shared->mutex);
        shared->stage = stage;
    };
    o.cancel = &shared->cancel;
    progress_->setValue(0);
    stage_->setText(tr("Starting…"));
    const QString casePath = casePath_;
    watcher_.setFuture(QtConcurrent::run([shared, o, casePath, out] {
        return jobs::exportEvidence(casePath, o, out, shared->result, &shared->error);
    }));
    poll_->start();
    updateButtons();
}

void ExportDialog::cancel() {
    if (!running()) return;
    shared_->cancel = true;
    stage_->setText(tr("Cancelling…"));
    cancel_->setEnabled(false);
}

void ExportDialog::onFinished() {
    poll_->stop();
    succeeded_ = watcher_.result();
    result_ = shared_->result;
    error_ = shared_->error;
    progress_->setValue(shared_->permille.load() / 10);
    if (!succeeded_) {
        stage_->setText(shared_->cancel ? tr("Cancelled") : tr("Failed"));
        summary_->setPlainText(error_);
    } else {
        stage_->setText(tr("Done in %1 s").arg(result_.seconds, 0, 'f', 1));
        QString html = tr("<p><b>Bundle written:</b> %1</p>").arg(outputPath().toHtmlEscaped());
        html += QStringLiteral("<p>%1, %2, %3, %4</p>")
                    .arg(tr("%n account(s)", nullptr, static_cast<int>(result_.accounts)),
                         tr("%n cluster(s)", nullptr, static_cast<int>(result_.clusters)),
                         tr("%Ln request(s)", nullptr, static_cast<int>(result_.requests)),
                         tr("%Ln link(s)", nullptr, static_cast<int>(result_.links)));
        html += tr("<p>Bundle id: <code>%1</code><br>Manifest SHA-256: <code>%2</code></p>")
                    .arg(result_.bundleId.toHtmlEscaped(), result_.manifestSha256.toHtmlEscaped());
        if (!result_.publicKeyHex.isEmpty())
            html += tr("<p>Signed. Key fingerprint: <code>%1</code> (compare it with the recipient "
                       "out of band)</p>")
                        .arg(evidence::publicKeyFingerprint(result_.publicKeyHex).toHtmlEscaped());
        summary_->setHtml(html);
    }
    updateButtons();
    emit exportFinished(succeeded_);
}

void ExportDialog::verifyNow() {
    if (!succeeded_ || running() || verifyWatcher_.isRunning()) return;
    const QString path = outputPath();
    verifyWatcher_.setFuture(QtConcurrent::run([path] { return evidence::verifyBundle(path); }));
    updateButtons();
}

void ExportDialog::reject() {
    if (running()) {  // Close while exporting cancels first; the export never outlives the dialog
        cancel();
        watcher_.waitForFinished();
    }
    verifyWatcher_.waitForFinished();
    QDialog::reject();
}

void ExportDialog::updateButtons() {
    const bool busy = running() || verifyWatcher_.isRunning();
    export_->setEnabled(!busy);
    cancel_->setEnabled(running());
    verify_->setEnabled(succeeded_ && !busy);
    close_->setEnabled(!running());
}

}  // namespace quarry::gui
