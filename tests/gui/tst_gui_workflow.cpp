// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst workflow in the dashboard: tagging the selection (bulk, clusters with their
// members), notes, undo/redo through the audit trail, the audit panel and its chain check, and
// the Export Evidence dialog end to end. Expected values come from SQL on the case file.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <sqlite3.h>

#include <functional>

#include "panels/accountpanel.h"
#include "panels/auditpanel.h"
#include "store/auditlog.h"
#include "evidence/bundle.h"
#include "evidence/signing.h"
#include "dialogs/custodyprompts.h"
#include "dialogs/exportdialog.h"
#include "guitestutil.h"
#include "windowtestutil.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "panels/notespanel.h"
#include "panels/requestpanel.h"
#include "store/casefile.h"
#include "dialogs/tagdialog.h"
#include "panels/tagpanel.h"

using namespace quarry::gui;

namespace {

const QString kAnalyst = QStringLiteral("Test Analyst");

// A connection of the test's own, as a second process (or the dashboard after a crash) would
// open the file: it sees only what was committed.
class Db {
public:
    explicit Db(const QString& path, bool write = false) {
        sqlite3_open_v2(QFile::encodeName(path).constData(), &db_,
                        write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, nullptr);
        // The window's workers may be reading at that moment; a writer waits for their locks.
        sqlite3_busy_timeout(db_, 20000);
    }
    ~Db() { sqlite3_close(db_); }
    // The first column of the first row, with the arguments bound in order.
    QVariant value(const char* sql, const QVariantList& args = {}) const {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
            return QStringLiteral("prepare failed");
        for (int i = 0; i < args.size(); ++i) {
            if (args[i].typeId() == QMetaType::QString) {
                const QByteArray b = args[i].toString().toUtf8();
                sqlite3_bind_text(s, i + 1, b.constData(), int(b.size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(s, i + 1, args[i].toLongLong());
            }
        }
        QVariant out;
        if (sqlite3_step(s) == SQLITE_ROW)
            out = sqlite3_column_type(s, 0) == SQLITE_TEXT
                      ? QVariant(QString::fromUtf8(
                            reinterpret_cast<const char*>(sqlite3_column_text(s, 0))))
                      : QVariant(static_cast<qlonglong>(sqlite3_column_int64(s, 0)));
        sqlite3_finalize(s);
        return out;
    }
    qint64 count(const char* sql, const QVariantList& args = {}) const {
        return value(sql, args).toLongLong();
    }
    bool exec(const char* sql) {
        return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }

private:
    sqlite3* db_ = nullptr;
};

qint64 assignments(const QString& casePath, const QString& tag, const char* type) {
    return Db(casePath).count(
        "SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
        "WHERE t.name = ? AND a.target_type = ?",
        {tag, QString::fromLatin1(type)});
}

qint64 auditRows(const QString& casePath) {
    return Db(casePath).count("SELECT count(*) FROM audit_log");
}

QString lastAction(const QString& casePath) {
    return Db(casePath).value("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").toString();
}

QAction* actionWithShortcut(QWidget* w, const QKeySequence& key) {
    for (QAction* a : w->findChildren<QAction*>())
        if (a->shortcut() == key) return a;
    return nullptr;
}

using quarry::test::answerNextMessageBox;
using quarry::test::verifyInExportDialog;
using quarry::test::onNextModal;

}  // namespace

class TestGuiWorkflow final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void bulkTagUndoRedo();
    void clusterTagAsksForMembers();
    void noteFromPanel();
    void tagDefinitions();
    void ctrlTTagsTheSelectedCluster();
    void ctrlTTagsSelectedRequests();
    void tagSurvivesCrash();
    void exportClusterAndVerify();
    void cancelledExportLeavesNothing();
    void unsignedBundleSaysSo();
    void auditPanelAndBrokenChain();

private:
    // A window on the case with testers on every workflow model, loaded.
    std::unique_ptr<MainWindow> openWindow();
    QTemporaryDir dir_;
    QString case_;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers_;
};

void TestGuiWorkflow::initTestCase() {
    QVERIFY(dir_.isValid());
    // The signing key and the analyst setting go to a config folder of the test's own.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir_.filePath(QStringLiteral("config"))));
    qunsetenv("QUARRY_ANALYST");
    QString log;
    case_ = quarry::test::makeAnalysedCase(dir_, &log);
    QVERIFY2(!case_.isEmpty(), qPrintable(log));
    // Settings › Analyst name… stores here; every action below must be recorded under it.
    quarry::evidence::setConfiguredAnalyst(kAnalyst);
    QCOMPARE(quarry::evidence::currentAnalyst(), kAnalyst);
    // The first signed export explains the new key; the analyst agrees (tst_gui_custody checks
    // what it says).
    signingKeyHook = [](const QString&) { return true; };
}

std::unique_ptr<MainWindow> TestGuiWorkflow::openWindow() {
    auto w = std::make_unique<MainWindow>(false);
    testers_.clear();
    for (QAbstractItemModel* m : std::initializer_list<QAbstractItemModel*>{
             w->workflow()->tagPanel()->model(), w->workflow()->notesPanel()->model(), w->workflow()->auditPanel()->model(),
             w->selection()->accountPanel()->model()})
        testers_.push_back(std::make_unique<QAbstractItemModelTester>(
            m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    w->show();
    QString error;
    if (!w->openCase(case_, &error)) qWarning() << error;
    if (!QTest::qWaitFor([&] { return !w->busy() && !w->workflow()->tagsLoading(); }, 30000))
        qWarning() << "still loading";
    return w;
}

void TestGuiWorkflow::bulkTagUndoRedo() {
    auto w = openWindow();
    const QString tag = QStringLiteral("needs-review");
    QCOMPARE(assignments(case_, tag, "account"), 0);
    QTableView* view = w->selection()->accountPanel()->view();
    AccountTableModel* model = w->selection()->accountPanel()->model();
    view->selectionModel()->select(
        QItemSelection(model->index(0, 0), model->index(2, AccountTableModel::ColumnCount - 1)),
        QItemSelectionModel::ClearAndSelect);
    std::vector<qint64> ids;
    for (int r = 0; r < 3; ++r)
        ids.push_back(
            model->data(model->index(r, 0), AccountTableModel::AccountIdRole).toLongLong());
    const qint64 before = auditRows(case_);

    QVERIFY(w->workflow()->tagPanel()->selectTag(tag));
    QTest::mouseClick(w->workflow()->tagPanel()->button(QStringLiteral("tagAccounts")), Qt::LeftButton);

    QCOMPARE(assignments(case_, tag, "account"), 3);
    for (qint64 id : ids)
        QCOMPARE(
            Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                            "WHERE t.name = ? AND a.target_type = 'account' AND a.target_id = ?",
                            {tag, id}),
            1);
    QCOMPARE(auditRows(case_), before + 1);
    QCOMPARE(lastAction(case_), QStringLiteral("tag"));
    QCOMPARE(Db(case_).value("SELECT analyst FROM audit_log ORDER BY seq DESC LIMIT 1").toString(),
             kAnalyst);
    // The views follow: the panel's count, the account table's Tags column, the audit panel.
    const int tagRow = w->workflow()->tagPanel()->model()->rowOfTag(tag);
    QCOMPARE(w->workflow()->tagPanel()->model()->index(tagRow, TagTableModel::Accounts).data().toLongLong(), 3);
    QTRY_VERIFY(model->index(model->rowOfAccount(ids[0]), AccountTableModel::Tags)
                    .data()
                    .toString()
                    .contains(tag));
    QCOMPARE(w->workflow()->auditPanel()->model()->rowCount(), before + 1);

    QAction* undo = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QVERIFY(undo && redo);
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(assignments(case_, tag, "account"), 0);
    QCOMPARE(auditRows(case_), before + 2);
    QCOMPARE(lastAction(case_), QStringLiteral("untag"));
    QCOMPARE(w->workflow()->auditPanel()->model()->rowCount(), before + 2);
    QTRY_VERIFY(model->index(model->rowOfAccount(ids[0]), AccountTableModel::Tags)
                    .data()
                    .toString()
                    .isEmpty());

    QVERIFY(redo->isEnabled());
    redo->trigger();
    QCOMPARE(assignments(case_, tag, "account"), 3);
    QCOMPARE(auditRows(case_), before + 3);
    QCOMPARE(lastAction(case_), QStringLiteral("tag"));

    // Undo removes only what the command added: an account that carried the tag before keeps it.
    view->selectionModel()->select(
        QItemSelection(model->index(0, 0), model->index(4, AccountTableModel::ColumnCount - 1)),
        QItemSelectionModel::ClearAndSelect);
    QVERIFY(w->workflow()->tagSelectedAccounts(tag, true));
    QCOMPARE(assignments(case_, tag, "account"), 5);
    w->workflow()->undoStack()->undo();
    QCOMPARE(assignments(case_, tag, "account"), 3);
}

void TestGuiWorkflow::clusterTagAsksForMembers() {
    auto w = openWindow();
    const QString tag = QStringLiteral("suspected-distillation");
    const qint64 cluster = Db(case_).count(
        "SELECT cluster_id FROM account_features WHERE cluster_id IS NOT NULL AND cluster_id >= 0 "
        "GROUP BY cluster_id ORDER BY count(*) DESC LIMIT 1");
    const qint64 members =
        Db(case_).count("SELECT count(*) FROM account_features WHERE cluster_id = ?", {cluster});
    QVERIFY(members > 1);
    QVERIFY(w->selection()->selectCluster(cluster));
    QTRY_VERIFY_WITH_TIMEOUT(!w->busy(), 30000);
    QVERIFY(w->workflow()->tagPanel()->selectTag(tag));

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(w->workflow()->tagPanel()->button(QStringLiteral("tagCluster")), Qt::LeftButton);
    QCOMPARE(
        Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                        "WHERE t.name = ? AND a.target_type = 'cluster' AND a.target_id = ?",
                        {tag, cluster}),
        1);
    QCOMPARE(
        Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                        "JOIN account_features f ON f.account_id = a.target_id "
                        "WHERE t.name = ? AND a.target_type = 'account' AND f.cluster_id = ?",
                        {tag, cluster}),
        members);
    QCOMPARE(assignments(case_, tag, "account"), members);

    // One undo step takes back the cluster and its members.
    w->workflow()->undoStack()->undo();
    QCOMPARE(assignments(case_, tag, "cluster"), 0);
    QCOMPARE(assignments(case_, tag, "account"), 0);

    // "No" tags the cluster alone.
    answerNextMessageBox(QMessageBox::No);
    QVERIFY(w->workflow()->tagCurrentCluster(tag, true));
    QCOMPARE(assignments(case_, tag, "cluster"), 1);
    QCOMPARE(assignments(case_, tag, "account"), 0);
}

void TestGuiWorkflow::noteFromPanel() {
    auto w = openWindow();
    const qint64 account = Db(case_).count("SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET 7");
    QVERIFY(w->selection()->selectAccount(account));
    NotesPanel* notes = w->workflow()->notesPanel();
    QTRY_VERIFY(notes->subjectBox()->count() >= 1);
    QVERIFY(notes->subjectBox()->currentText().startsWith(QStringLiteral("Account")));
    const QString text = QStringLiteral("Same <b>prompt</b> template as cluster 2; ' OR 1=1 --");
    notes->editor()->setPlainText(text);
    QTest::mouseClick(notes->saveButton(), Qt::LeftButton);

    QCOMPARE(Db(case_)
                 .value("SELECT text FROM notes WHERE target_type = 'account' AND target_id = ?",
                        {account})
                 .toString(),
             text);
    QCOMPARE(Db(case_)
                 .value("SELECT analyst FROM notes WHERE target_type = 'account' AND target_id = ?",
                        {account})
                 .toString(),
             kAnalyst);
    QCOMPARE(lastAction(case_), QStringLiteral("note"));
    QCOMPARE(notes->model()->rowCount(), 1);
    QCOMPARE(notes->model()->index(0, NoteTableModel::Text).data().toString(), text);
    QCOMPARE(notes->model()->index(0, NoteTableModel::Analyst).data().toString(), kAnalyst);

    // Delete, then undo the delete: the note comes back.
    QTest::mouseClick(notes->deleteButton(), Qt::LeftButton);
    QCOMPARE(Db(case_).count(
                 "SELECT count(*) FROM notes WHERE target_type = 'account' AND target_id = ?",
                 {account}),
             0);
    QCOMPARE(notes->model()->rowCount(), 0);
    w->workflow()->undoStack()->undo();
    QCOMPARE(Db(case_)
                 .value("SELECT text FROM notes WHERE target_type = 'account' AND target_id = ?",
                        {account})
                 .toString(),
             text);
    QCOMPARE(notes->editor()->toPlainText(), text);
}

void TestGuiWorkflow::tagDefinitions() {
    auto w = openWindow();
    const QString name = QStringLiteral("campaign-b");
    const qint64 tagsBefore = Db(case_).count("SELECT count(*) FROM tags");
    onNextModal<TagDialog>([&name](TagDialog* d) {
        d->findChild<QLineEdit*>(QStringLiteral("tagName"))->setText(name);
        d->setColor(QColor(0x12, 0x34, 0x56));
        d->findChild<QLineEdit*>(QStringLiteral("tagDescription"))
            ->setText(QStringLiteral("Second <i>wave</i>"));
        d->accept();
    });
    QTest::mouseClick(w->workflow()->tagPanel()->button(QStringLiteral("newTag")), Qt::LeftButton);
    QCOMPARE(Db(case_).count("SELECT count(*) FROM tags"), tagsBefore + 1);
    QCOMPARE(Db(case_).value("SELECT color FROM tags WHERE name = ?", {name}).toString(),
             QStringLiteral("#123456"));
    QCOMPARE(lastAction(case_), QStringLiteral("tag.create"));
    QCOMPARE(w->workflow()->tagPanel()->model()->rowCount(), tagsBefore + 1);
    QCOMPARE(w->workflow()->tagPanel()->currentTag(), name);

    onNextModal<TagDialog>([](TagDialog* d) {
        d->findChild<QLineEdit*>(QStringLiteral("tagDescription"))
            ->setText(QStringLiteral("Second wave, confirmed"));
        d->accept();
    });
    QTest::mouseClick(w->workflow()->tagPanel()->button(QStringLiteral("editTag")), Qt::LeftButton);
    QCOMPARE(Db(case_).value("SELECT description FROM tags WHERE name = ?", {name}).toString(),
             QStringLiteral("Second wave, confirmed"));
    QCOMPARE(lastAction(case_), QStringLiteral("tag.edit"));
    w->workflow()->undoStack()->undo();
    QCOMPARE(Db(case_).value("SELECT description FROM tags WHERE name = ?", {name}).toString(),
             QStringLiteral("Second <i>wave</i>"));

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(w->workflow()->tagPanel()->button(QStringLiteral("deleteTag")), Qt::LeftButton);
    QCOMPARE(Db(case_).count("SELECT count(*) FROM tags WHERE name = ?", {name}), 0);
    QCOMPARE(lastAction(case_), QStringLiteral("tag.delete"));
    w->workflow()->undoStack()->undo();  // the tag comes back with its color
    QCOMPARE(Db(case_).value("SELECT color FROM tags WHERE name = ?", {name}).toString(),
             QStringLiteral("#123456"));
    QVERIFY(quarry::evidence::verifyAudit(openReadOnly(case_)->db()).ok);
}

void TestGuiWorkflow::ctrlTTagsTheSelectedCluster() {
    auto w = openWindow();
    const QString tag = QStringLiteral("confirmed-distillation");
    const qint64 cluster = Db(case_).count("SELECT id FROM clusters ORDER BY size ASC LIMIT 1");
    const qint64 members =
        Db(case_).count("SELECT count(*) FROM account_features WHERE cluster_id = ?", {cluster});
    QVERIFY(w->selection()->selectCluster(cluster));
    QTRY_VERIFY_WITH_TIMEOUT(!w->busy(), 30000);
    QAction* tagAction = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(tagAction);
    onNextModal<QInputDialog>([&tag](QInputDialog* d) {
        QVERIFY(d->labelText().contains(QStringLiteral("cluster")));
        d->setTextValue(tag);
        answerNextMessageBox(QMessageBox::Yes);
        d->accept();
    });
    tagAction->trigger();
    QCOMPARE(
        Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                        "WHERE t.name = ? AND a.target_type = 'cluster' AND a.target_id = ?",
                        {tag, cluster}),
        1);
    QCOMPARE(assignments(case_, tag, "account"), members);
}

void TestGuiWorkflow::ctrlTTagsSelectedRequests() {
    auto w = openWindow();
    const QString tag = QStringLiteral("needs-review");
    const qint64 account = Db(case_).count(
        "SELECT account_id FROM requests GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
    QVERIFY(w->selection()->selectAccount(account));
    QTRY_VERIFY_WITH_TIMEOUT(!w->busy(), 30000);
    RequestPanel* panel = w->requests()->requestPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() >= 3, 30000);
    // Rows 0 and 2, picked with the mouse, so Ctrl+T knows the request table is what to tag.
    QTableView* view = panel->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(panel->model()->index(0, 0)).center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      view->visualRect(panel->model()->index(2, 0)).center());
    const std::vector<int64_t> picked = panel->selectedRequests();
    QCOMPARE(picked.size(), size_t(2));
    QAction* tagAction = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(tagAction);
    onNextModal<QInputDialog>([&tag](QInputDialog* d) {
        QVERIFY(d->labelText().contains(QStringLiteral("request")));
        d->setTextValue(tag);
        d->accept();
    });
    tagAction->trigger();
    QCOMPARE(assignments(case_, tag, "request"), 2);
    for (int64_t id : picked)
        QCOMPARE(
            Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                            "WHERE t.name = ? AND a.target_type = 'request' AND a.target_id = ?",
                            {tag, qint64(id)}),
            1);
    QCOMPARE(lastAction(case_), QStringLiteral("tag"));
    w->workflow()->undoStack()->undo();
    QCOMPARE(assignments(case_, tag, "request"), 0);
}

void TestGuiWorkflow::tagSurvivesCrash() {
    auto w = openWindow();
    const qint64 account = Db(case_).count("SELECT id FROM accounts ORDER BY id DESC LIMIT 1");
    QVERIFY(w->selection()->selectAccount(account));
    QVERIFY(w->workflow()->tagSelectedAccounts(QStringLiteral("benign"), true));
    // The window stays open (no clean close): a new connection already sees the tag, and no
    // transaction is left open (no rollback journal).
    QVERIFY(!QFile::exists(case_ + QStringLiteral("-journal")));
    QCOMPARE(
        Db(case_).count("SELECT count(*) FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
                        "WHERE t.name = 'benign' AND a.target_type = 'account' AND a.target_id = ?",
                        {account}),
        1);
    QVERIFY(quarry::evidence::verifyAudit(openReadOnly(case_)->db()).ok);
}

void TestGuiWorkflow::exportClusterAndVerify() {
    auto w = openWindow();
    const qint64 cluster =
        Db(case_).count("SELECT id FROM clusters WHERE flagged = 1 ORDER BY size DESC LIMIT 1");
    const qint64 members =
        Db(case_).count("SELECT count(*) FROM account_features WHERE cluster_id = ?", {cluster});
    ExportDialog* dialog = w->workflow()->exportEvidence();
    QVERIFY(dialog);
    QCOMPARE(dialog->options().clusters.size(),
             static_cast<size_t>(Db(case_).count(
                 "SELECT count(*) FROM clusters WHERE flagged = 1")));  // pre-checked
    for (const auto& c : dialog->options().clusters) dialog->setClusterChecked(c, false);
    dialog->setClusterChecked(cluster, true);
    QCOMPARE(dialog->options().clusters, std::vector<int64_t>{cluster});
    const QString out = dir_.filePath(QStringLiteral("bundle.zip"));
    dialog->setOutputPath(out);
    dialog->signBox()->setChecked(true);
    const qint64 before = auditRows(case_);
    QSignalSpy finished(dialog, &ExportDialog::exportFinished);

    QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QVERIFY2(dialog->succeeded(), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->progressBar()->value(), 100);
    QVERIFY(QFile::exists(out));
    QCOMPARE(dialog->result().clusters, 1);
    QCOMPARE(dialog->result().accounts, members);
    QCOMPARE(auditRows(case_), before + 1);
    QCOMPARE(lastAction(case_), QStringLiteral("export"));
    QCOMPARE(w->workflow()->auditPanel()->model()->rowCount(), before + 1);

    const quarry::evidence::BundleVerification v = quarry::evidence::verifyBundle(out);
    QVERIFY2(v.ok, qPrintable(v.problems.join(QLatin1Char('\n'))));
    QVERIFY(v.signedBundle);
    // The dashboard's bundle carries the same rendered report as quarry-cli export.
    QStringList listed;
    for (const auto& f : v.manifest.value(QStringLiteral("files")).toArray())
        listed << f.toObject().value(QStringLiteral("path")).toString();
    for (const char* name : {"report.pdf", "charts/1-timeline.pdf", "charts/1-heatmap.png"})
        QVERIFY2(listed.contains(QLatin1String(name)), qPrintable(listed.join(QLatin1Char(' '))));
    const QString summary = dialog->summary()->toPlainText();
    QVERIFY(summary.contains(dialog->result().manifestSha256));
    QVERIFY(summary.contains(dialog->result().bundleId));
    QVERIFY(summary.contains(quarry::evidence::publicKeyFingerprint(v.publicKeyHex)));

    QVERIFY(verifyInExportDialog(dialog));
    QVERIFY(dialog->summary()->toPlainText().contains(
        QStringLiteral("Signed by the key with fingerprint %1").arg(quarry::evidence::publicKeyFingerprint(v.publicKeyHex))));
    dialog->close();
}

void TestGuiWorkflow::cancelledExportLeavesNothing() {
    auto w = openWindow();
    ExportDialog* dialog = w->workflow()->exportEvidence();
    QVERIFY(dialog);
    QVERIFY(!dialog->options().clusters.empty());
    const QString out = dir_.filePath(QStringLiteral("cancelled.zip"));
    dialog->setOutputPath(out);
    const qint64 before = auditRows(case_);
    QSignalSpy finished(dialog, &ExportDialog::exportFinished);
    dialog->start();
    QVERIFY(dialog->running());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!QFile::exists(out));
    QVERIFY(!QFile::exists(out + QStringLiteral(".part")));
    // Nor its work folder, which holds the prompts in full.
    QVERIFY(QDir(dir_.path()).entryList({QStringLiteral(".quarry-bundle-*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
    QCOMPARE(auditRows(case_), before);  // no "export" entry for a bundle that does not exist
    QVERIFY(!dialog->verifyButton()->isEnabled());
    dialog->close();
}

void TestGuiWorkflow::unsignedBundleSaysSo() {
    auto w = openWindow();
    ExportDialog* dialog = w->workflow()->exportEvidence();
    QVERIFY(dialog);
    dialog->setOutputPath(dir_.filePath(QStringLiteral("unsigned.zip")));
    dialog->signBox()->setChecked(false);
    QSignalSpy finished(dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QVERIFY2(dialog->succeeded(), qPrintable(dialog->errorText()));
    QSignalSpy verified(dialog, &ExportDialog::verifyFinished);
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    QVERIFY(verified.wait(60000));
    QCOMPARE(verified.first().first().toBool(), true);
    // Intact, and plainly not proof of who made it.
    QVERIFY2(dialog->summary()->toPlainText().contains(QStringLiteral("UNSIGNED: nothing proves who made this bundle")),
             qPrintable(dialog->summary()->toPlainText()));
    dialog->close();
}

void TestGuiWorkflow::auditPanelAndBrokenChain() {
    auto w = openWindow();
    AuditPanel* audit = w->workflow()->auditPanel();
    const qint64 rows = auditRows(case_);
    QVERIFY(rows >= 3);
    QCOMPARE(audit->model()->rowCount(), rows);
    QCOMPARE(audit->model()->index(int(rows - 1), AuditTableModel::Action).data().toString(),
             lastAction(case_));

    QSignalSpy verified(audit, &AuditPanel::verified);
    QTest::mouseClick(audit->verifyButton(), Qt::LeftButton);
    QVERIFY(verified.wait(30000));
    QCOMPARE(verified.takeFirst().first().toBool(), true);
    QVERIFY(audit->resultLabel()->text().contains(QStringLiteral("OK")));

    // Tamper with entry 2 behind Quarry's back (past the append-only trigger).
    QTRY_VERIFY_WITH_TIMEOUT(!w->busy(), 30000);
    {
        Db db(case_, true);
        QVERIFY(
            db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET analyst = 'mallory' "
                    "WHERE seq = 2"));
    }
    QTest::mouseClick(audit->verifyButton(), Qt::LeftButton);
    QVERIFY(verified.wait(30000));
    const QList<QVariant> result = verified.takeFirst();
    QCOMPARE(result.at(0).toBool(), false);
    QCOMPARE(result.at(1).toLongLong(), 2);
    QVERIFY(audit->resultLabel()->text().contains(QStringLiteral("BROKEN")));
    QVERIFY(audit->resultLabel()->text().contains(QStringLiteral("entry 2")));
}

QTEST_MAIN(TestGuiWorkflow)
#include "tst_gui_workflow.moc"
