// SPDX-License-Identifier: GPL-3.0-or-later
// The import wizard end to end on the offscreen platform: a CSV with good and bad rows and a
// column under a name no alias knows; preview, automatic mapping, a mapping edit through the
// field combo, the import on its worker thread, the summary and the quarantine viewer; a
// duplicate import refused; a cancelled import that leaves the case as it was; and the main
// window's File > Import path through analysis.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "items/casequeries.h"
#include "importwizard/importmappingpage.h"
#include "importwizard/importrunpage.h"
#include "importwizard/importsummarypage.h"
#include "importwizard/importwizard.h"
#include "casesession.h"
#include "importcontroller.h"
#include "mainwindow.h"
#include "requestscontroller.h"
#include "selectioncontroller.h"
#include "viewscontroller.h"
#include "workflowcontroller.h"
#include "store/casefile.h"
#include "store/sqlite.h"

using namespace quarry::gui;
using Status = ImportFileOutcome::Status;

namespace {

constexpr int kGoodRows = 12;
constexpr int kWaitMs = 120000;  // generous: the machine is shared; nothing here is timed

// Lines 2..13 good; then one bad row of each kind on the lines named below.
const int kBadTimestampLine = 14, kNoAccountLine = 15, kColumnCountLine = 16, kBadUtf8Line = 17;

QByteArray goodRow(int i) {
    return QStringLiteral("2026-03-01T10:%1:00Z,acct_%2,tenant_%3,model-x,prompt number %4\n")
        .arg(i, 2, 10, QLatin1Char('0'))
        .arg(i % 3)
        .arg(i % 2 ? QStringLiteral("blue") : QStringLiteral("red"))
        .arg(i)
        .toUtf8();
}

bool writeBadCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    f.write("timestamp,user,tenant_label,model,prompt\n");
    for (int i = 0; i < kGoodRows; ++i) f.write(goodRow(i));
    f.write("yesterday-ish,acct_0,tenant_red,model-x,bad time\n");
    f.write("2026-03-01T11:00:00Z,,tenant_red,model-x,nobody\n");
    f.write("2026-03-01T11:01:00Z,acct_1,tenant_red\n");
    f.write("2026-03-01T11:02:00Z,acct_2,tenant_blue,model-x,caf\xC3\x28 broken\n");
    return true;
}

bool writeLargeCsv(const QString& path, int rows) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    f.write("timestamp,user,tenant_label,model,prompt\n");
    QByteArray chunk;
    for (int i = 0; i < rows; ++i) {
        chunk += QStringLiteral("%1,bulk_%2,tenant_bulk,model-y,bulk prompt %3 with some words\n")
                     .arg(1772000000000LL + i * 1000LL)
                     .arg(i % 5000)
                     .arg(i)
                     .toUtf8();
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
    return true;
}

int64_t queryCase(const QString& casePath, const char* sqlText) {
    auto file = openReadOnly(casePath);
    return file ? quarry::sql::queryInt(file->db(), sqlText, -1) : -1;
}

// Drives the wizard from the files page to the mapping page and waits for the preview.
bool showPreview(ImportWizard& w) {
    w.restart();
    QSignalSpy ready(w.mappingPage(), &ImportMappingPage::previewReady);
    w.next();
    if (w.currentId() != ImportWizard::MappingPageId) return false;
    return ready.count() > 0 || ready.wait(kWaitMs);
}

// From the mapping page through the import; true once the job has finished.
bool runImport(ImportWizard& w) {
    QSignalSpy finished(&w, &ImportWizard::importFinished);
    w.next();
    return finished.count() > 0 || finished.wait(kWaitMs);
}

// The whole wizard with the automatic mapping: files, preview, import.
bool importWithDefaults(ImportWizard& w, const QStringList& files, bool force) {
    w.setFiles(files);
    w.setForce(force);
    return showPreview(w) && runImport(w);
}

}  // namespace

class TestGuiImportWizard final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void endToEnd();
    void quarantinePaging();
    void duplicateRefusedUnlessForced();
    void requiredFieldBlocksNext();
    void mappingModelRules();
    void cancelLeavesCaseUnchanged();
    void errorsAreMessages();
    void mainWindowImportsAndAnalyses();

private:
    QTemporaryDir dir_;
    QString csv_, case_;
};

void TestGuiImportWizard::initTestCase() {
    QVERIFY(dir_.isValid());
    csv_ = dir_.filePath(QStringLiteral("gateway.csv"));
    case_ = dir_.filePath(QStringLiteral("wizard.quarry"));
    QVERIFY(writeBadCsv(csv_));
}

void TestGuiImportWizard::endToEnd() {
    ImportWizard w{QString()};
    QAbstractItemModelTester previewTester(w.previewModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester mappingTester(w.mappingModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester quarantineTester(
        w.quarantineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    w.setFiles({csv_});
    w.setCasePath(case_);
    QVERIFY(!QFileInfo::exists(case_));
    QVERIFY(showPreview(w));
    QVERIFY2(w.mappingPage()->error().isEmpty(), qPrintable(w.mappingPage()->error()));

    // The preview: every record of this small file, as the CSV reader splits it.
    ImportPreviewModel* preview = w.previewModel();
    QCOMPARE(preview->rowCount(), kGoodRows + 4);
    QCOMPARE(preview->preview().format, QStringLiteral("csv"));
    const int tenantCol = preview->columnOf(QStringLiteral("tenant_label"));
    QVERIFY(tenantCol > 0);
    QCOMPARE(preview->data(preview->index(0, preview->lineColumn())).toString(),
             QStringLiteral("2"));
    QCOMPARE(preview->data(preview->index(0, tenantCol)).toString(), QStringLiteral("tenant_red"));
    QCOMPARE(preview->data(preview->index(1, preview->columnOf(QStringLiteral("user")))).toString(),
             QStringLiteral("acct_1"));
    // Rows the importer quarantines whatever the mapping say so in the preview already.
    const int problem = preview->problemColumn();
    QVERIFY(preview->data(preview->index(kColumnCountLine - 2, problem))
                .toString()
                .contains(QStringLiteral("wrong column count")));
    QVERIFY(preview->data(preview->index(kBadUtf8Line - 2, problem))
                .toString()
                .contains(QStringLiteral("invalid UTF-8")));
    QVERIFY(preview->data(preview->index(0, problem)).toString().isEmpty());

    // The automatic mapping, by canonical name and alias; the odd column maps to nothing.
    ColumnMappingModel* mapping = w.mappingModel();
    QCOMPARE(mapping->rowCount(), 5);
    auto fieldOf = [&](const char* column) {
        return mapping->fieldAt(mapping->rowOfColumn(QLatin1String(column)));
    };
    QCOMPARE(fieldOf("timestamp"), quarry::index(quarry::Field::Timestamp));
    QCOMPARE(fieldOf("user"), quarry::index(quarry::Field::AccountId));
    QCOMPARE(fieldOf("prompt"), quarry::index(quarry::Field::Prompt));
    QCOMPARE(fieldOf("tenant_label"), -1);
    QCOMPARE(mapping
                 ->data(mapping->index(mapping->rowOfColumn(QStringLiteral("tenant_label")),
                                       ColumnMappingModel::Field))
                 .toString(),
             QStringLiteral("ignore"));
    QVERIFY(mapping->missingRequired().isEmpty());

    // The analyst maps the odd column with its combo.
    const QModelIndex tenantField = mapping->index(
        mapping->rowOfColumn(QStringLiteral("tenant_label")), ColumnMappingModel::Field);
    auto* combo =
        qobject_cast<QComboBox*>(w.mappingPage()->mappingView()->indexWidget(tenantField));
    QVERIFY(combo);
    QCOMPARE(combo->count(), quarry::kFieldCount + 1);
    const int orgChoice = combo->findText(QStringLiteral("organization_id"));
    QVERIFY(orgChoice > 0);
    combo->setCurrentIndex(orgChoice);
    QCOMPARE(fieldOf("tenant_label"), quarry::index(quarry::Field::OrganizationId));
    QVERIFY(preview->headerData(tenantCol, Qt::Horizontal)
                .toString()
                .contains(QStringLiteral("organization_id")));
    // Exactly what "--map tenant_label=organization_id" gives the importer.
    const quarry::ColumnMapping m = w.importOptions().mapping;
    QCOMPARE(m.overrides().size(), size_t(1));
    QCOMPARE(m.overrides()[0].first, QStringLiteral("tenant_label"));
    QCOMPARE(m.overrides()[0].second, quarry::index(quarry::Field::OrganizationId));

    QVERIFY(w.mappingPage()->isComplete());
    QVERIFY(runImport(w));
    // A clean import goes on to the summary by itself.
    QCOMPARE(w.currentId(), static_cast<int>(ImportWizard::SummaryPageId));
    const ImportJobResult& result = w.job()->result();
    QVERIFY(result.createdCase);
    QCOMPARE(result.files.size(), size_t(1));
    QCOMPARE(result.files[0].status, Status::Imported);

    // The case: exactly the good rows, the remapped field filled in on each.
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), int64_t(kGoodRows));
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests WHERE org_id IS NOT NULL"),
             int64_t(kGoodRows));
    QCOMPARE(
        queryCase(case_,
                  "SELECT count(*) FROM organizations WHERE value IN ('tenant_red','tenant_blue')"),
        int64_t(2));
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM quarantine"), int64_t(4));

    // The summary: per file rows and quarantined, counts by reason.
    ImportSummaryPage* summary = w.summaryPage();
    QTreeWidgetItem* fileItem = summary->fileTable()->topLevelItem(0);
    QVERIFY(fileItem);
    QCOMPARE(fileItem->text(ImportSummaryPage::Read), QString::number(kGoodRows + 4));
    QCOMPARE(fileItem->text(ImportSummaryPage::Imported), QString::number(kGoodRows));
    QCOMPARE(fileItem->text(ImportSummaryPage::Quarantined), QStringLiteral("4"));
    QCOMPARE(fileItem->childCount(), 4);
    QStringList reasons;
    for (int i = 0; i < fileItem->childCount(); ++i) {
        reasons << fileItem->child(i)->text(ImportSummaryPage::FileName);
        QCOMPARE(fileItem->child(i)->text(ImportSummaryPage::Quarantined), QStringLiteral("1"));
    }
    reasons.sort();
    QCOMPARE(reasons,
             (QStringList{QStringLiteral("bad timestamp"), QStringLiteral("invalid UTF-8"),
                          QStringLiteral("no account"), QStringLiteral("wrong column count")}));
    QVERIFY(summary->headline().contains(QStringLiteral("4 quarantined")));
    QVERIFY(w.analyseAfterImport());

    // The quarantine viewer: one row per bad row, with its line and reason, read off the GUI
    // thread.
    QuarantineModel* q = w.quarantineModel();
    QTRY_VERIFY_WITH_TIMEOUT(!q->loading() && q->atEnd(), kWaitMs);
    QVERIFY2(q->error().isEmpty(), qPrintable(q->error()));
    QCOMPARE(q->rowCount(), 4);
    const std::pair<int, QString> expected[] = {
        {kBadTimestampLine, QStringLiteral("bad timestamp")},
        {kNoAccountLine, QStringLiteral("no account")},
        {kColumnCountLine, QStringLiteral("wrong column count")},
        {kBadUtf8Line, QStringLiteral("invalid UTF-8")}};
    for (int r = 0; r < 4; ++r) {
        QCOMPARE(
            q->data(q->index(r, QuarantineModel::Line), QuarantineModel::LineRole).toLongLong(),
            qlonglong(expected[r].first));
        QCOMPARE(q->data(q->index(r, QuarantineModel::Kind)).toString(), expected[r].second);
        QCOMPARE(q->data(q->index(r, QuarantineModel::File)).toString(),
                 QStringLiteral("gateway.csv"));
        QVERIFY(!q->data(q->index(r, QuarantineModel::Reason)).toString().isEmpty());
    }
    QVERIFY(q->data(q->index(2, QuarantineModel::Raw))
                .toString()
                .startsWith(QStringLiteral("2026-03-01T11:01:00Z,acct_1")));
    // Log text in a tooltip is escaped, never rendered.
    QVERIFY(q->data(q->index(0, QuarantineModel::Raw), Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("<p")));
}

void TestGuiImportWizard::quarantinePaging() {
    // Small pages: the rows come in several worker reads, one per fetchMore() as a view scrolls,
    // and keep their order across pages. (No model tester here: it fetches eagerly.)
    QVERIFY(QFileInfo::exists(case_));
    QuarantineModel q;
    QSignalSpy pages(&q, &QuarantineModel::pageLoaded);
    q.setPageSize(3);
    q.setSources(case_, {{1, QStringLiteral("gateway.csv")}});
    QVERIFY(pages.wait(kWaitMs));
    QCOMPARE(q.rowCount(), 3);
    QVERIFY(q.canFetchMore({}));
    q.fetchMore({});
    QVERIFY(q.loading());
    QVERIFY(!q.canFetchMore({}));  // one read at a time
    QVERIFY(pages.wait(kWaitMs));
    QCOMPARE(q.rowCount(), 4);
    QVERIFY(q.atEnd());
    QVERIFY(!q.canFetchMore({}));
    for (int r = 1; r < q.rowCount(); ++r) QVERIFY(q.rowAt(r - 1)->line < q.rowAt(r)->line);
    // A source without quarantined rows, then one with: the pages run on across sources.
    q.setSources(case_, {{999, QStringLiteral("none.csv")}, {1, QStringLiteral("gateway.csv")}});
    QTRY_VERIFY_WITH_TIMEOUT(!q.loading(), kWaitMs);
    while (q.canFetchMore({})) {
        q.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!q.loading(), kWaitMs);
    }
    QCOMPARE(q.rowCount(), 4);
    QCOMPARE(q.rowAt(0)->line, int64_t(kBadTimestampLine));
}

void TestGuiImportWizard::duplicateRefusedUnlessForced() {
    const int64_t before = queryCase(case_, "SELECT count(*) FROM requests");
    {
        ImportWizard w(case_);  // into the open case
        QVERIFY(importWithDefaults(w, {csv_}, false));
        const ImportJobResult& r = w.job()->result();
        QCOMPARE(r.files[0].status, Status::Failed);
        QVERIFY2(r.files[0].message.contains(QStringLiteral("already imported")),
                 qPrintable(r.files[0].message));
        // It stays on the import page and says why.
        QCOMPARE(w.currentId(), static_cast<int>(ImportWizard::ImportPageId));
        QVERIFY(w.runPage()->messageText().contains(QStringLiteral("not imported")));
        QVERIFY(w.runPage()->isComplete());
        QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), before);
        w.next();
        QCOMPARE(w.summaryPage()->fileTable()->topLevelItem(0)->text(ImportSummaryPage::Status),
                 QStringLiteral("failed"));
        QVERIFY(!w.analyseAfterImport());
    }
    ImportWizard w(case_);
    QVERIFY(importWithDefaults(w, {csv_}, true));
    QCOMPARE(w.job()->result().files[0].status, Status::Imported);
    // No mapping edit this time: the odd column was ignored.
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), before + kGoodRows);
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests WHERE org_id IS NULL"),
             int64_t(kGoodRows));
}

void TestGuiImportWizard::requiredFieldBlocksNext() {
    ImportWizard w{QString()};
    w.setFiles({csv_});
    w.setCasePath(dir_.filePath(QStringLiteral("never.quarry")));
    QVERIFY(showPreview(w));
    ColumnMappingModel* mapping = w.mappingModel();
    const int userRow = mapping->rowOfColumn(QStringLiteral("user"));
    QVERIFY(mapping->setData(mapping->index(userRow, ColumnMappingModel::Field),
                             QStringLiteral("ignore")));
    QCOMPARE(mapping->missingRequired(), QStringList{QStringLiteral("account_id")});
    QVERIFY(!w.mappingPage()->isComplete());
    QVERIFY(!w.button(QWizard::CommitButton)->isEnabled());
    QVERIFY(w.mappingPage()->statusText().contains(QStringLiteral("account_id")));
    // Giving account_id to another column takes it from nowhere else and unblocks Next; giving
    // it to a second column takes it away from the first (one column per field).
    const int modelRow = mapping->rowOfColumn(QStringLiteral("model"));
    QVERIFY(mapping->setData(mapping->index(modelRow, ColumnMappingModel::Field),
                             QStringLiteral("account_id")));
    QVERIFY(w.mappingPage()->isComplete());
    QVERIFY(mapping->setData(mapping->index(userRow, ColumnMappingModel::Field),
                             QStringLiteral("account_id")));
    QCOMPARE(mapping->fieldAt(modelRow), -1);
    QCOMPARE(mapping->fieldAt(userRow), quarry::index(quarry::Field::AccountId));
    QVERIFY(!mapping->setData(mapping->index(userRow, ColumnMappingModel::Field),
                              QStringLiteral("no_such_field")));
    QVERIFY(w.button(QWizard::CommitButton)->isEnabled());
    QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("never.quarry"))));
}

void TestGuiImportWizard::mappingModelRules() {
    // An access log: the client IP stands in for a missing user, as the reader does.
    quarry::FilePreview p;
    p.format = QStringLiteral("combined");
    p.columns = {{QStringLiteral("ip"), quarry::index(quarry::Field::Ip)},
                 {QStringLiteral("user"), quarry::index(quarry::Field::AccountId)},
                 {QStringLiteral("time"), quarry::index(quarry::Field::Timestamp)},
                 {QStringLiteral("referer"), -1}};
    quarry::PreviewRow row;
    row.line = 1;
    row.values = {QStringLiteral("10.0.0.1"), QString(),
                  QStringLiteral("17/May/2015:10:05:03 +0000"),
                  QStringLiteral("<script>x</script>")};
    p.rows.push_back(row);
    ColumnMappingModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&m, &ColumnMappingModel::mappingChanged);
    m.setPreview(p);
    QCOMPARE(m.rowCount(), 4);
    QVERIFY(m.mapping().overrides().empty());  // nothing changed: no overrides
    QCOMPARE(m.data(m.index(0, ColumnMappingModel::Sample)).toString(), QStringLiteral("10.0.0.1"));
    QVERIFY(m.data(m.index(1, ColumnMappingModel::Sample)).toString().isEmpty());
    // Sample tooltips are escaped.
    QVERIFY(m.data(m.index(3, ColumnMappingModel::Sample), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("&lt;script&gt;")));
    QVERIFY(m.setField(1, -1));
    QVERIFY(m.missingRequired().isEmpty());
    QVERIFY(m.setField(0, -1));
    QCOMPARE(m.missingRequired(), QStringList{QStringLiteral("account_id")});
    // The referer takes the timestamp: the time column loses it, and both changes are overrides
    // ("SRC=FIELD" and "SRC=-"), so the importer sees exactly this mapping.
    QVERIFY(m.setData(m.index(3, ColumnMappingModel::Field), QStringLiteral("timestamp")));
    QCOMPARE(m.fieldAt(2), -1);
    QCOMPARE(m.missingRequired(), QStringList{QStringLiteral("account_id")});
    const auto overrides = m.mapping().overrides();
    QCOMPARE(overrides.size(), size_t(4));
    QCOMPARE(m.mapping().fieldFor("time"), -1);
    QCOMPARE(m.mapping().fieldFor("referer"), quarry::index(quarry::Field::Timestamp));
    QCOMPARE(m.mapping().fieldFor("ip"), -1);
    QCOMPARE(changed.count(), 4);  // the preview, then one per edit
    QVERIFY(!m.setField(9, 0));
    QVERIFY(!m.setField(0, quarry::kFieldCount));
    QVERIFY(!(m.flags(m.index(0, ColumnMappingModel::Source)) & Qt::ItemIsEditable));
    QVERIFY(m.flags(m.index(0, ColumnMappingModel::Field)) & Qt::ItemIsEditable);
}

void TestGuiImportWizard::cancelLeavesCaseUnchanged() {
    const QString big = dir_.filePath(QStringLiteral("big.csv"));
    QVERIFY(writeLargeCsv(big, 1500000));
    const int64_t requests = queryCase(case_, "SELECT count(*) FROM requests");
    const int64_t sources = queryCase(case_, "SELECT count(*) FROM sources");
    const int64_t accounts = queryCase(case_, "SELECT count(*) FROM accounts");
    const int64_t audit = queryCase(case_, "SELECT count(*) FROM audit_log");
    QVERIFY(requests > 0);

    ImportWizard w(case_);
    w.setFiles({big});
    QVERIFY(showPreview(w));
    // Cancel as an analyst would: once rows are seen arriving.
    int64_t rowsSeen = 0;
    connect(w.job(), &ImportJob::progressChanged, &w, [&] {
        const auto p = w.job()->progress();
        if (p.rows > 0 && w.runPage()->cancelButton()->isEnabled() && w.job()->running()) {
            rowsSeen = p.rows;
            w.runPage()->cancelButton()->click();
        }
    });
    QVERIFY(runImport(w));
    QVERIFY2(rowsSeen > 0, "the import finished before any progress was shown");
    const ImportJobResult& r = w.job()->result();
    QCOMPARE(r.files[0].status, Status::Cancelled);
    QCOMPARE(w.currentId(), static_cast<int>(ImportWizard::ImportPageId));
    QVERIFY(w.runPage()->messageText().contains(QStringLiteral("exactly as it was before")));
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), requests);
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM sources"), sources);
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM accounts"), accounts);
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM audit_log"), audit);

    // Closing the wizard (Escape, the title bar) during an import cancels it first and closes
    // once the rollback is done.
    ImportWizard closing(case_);
    closing.setFiles({big});
    QVERIFY(showPreview(closing));
    QSignalSpy rejected(&closing, &QDialog::rejected);
    QSignalSpy done(&closing, &ImportWizard::importFinished);
    connect(closing.job(), &ImportJob::progressChanged, &closing, [&] {
        if (closing.job()->progress().rows > 0 && closing.job()->running() && rejected.isEmpty())
            closing.reject();
    });
    closing.next();
    QVERIFY(done.wait(kWaitMs));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(closing.job()->result().files[0].status, Status::Cancelled);
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), requests);
    QFile::remove(big);
}

void TestGuiImportWizard::errorsAreMessages() {
    const int64_t requests = queryCase(case_, "SELECT count(*) FROM requests");
    const QString copy = dir_.filePath(QStringLiteral("copy.csv"));
    QVERIFY(QFile::copy(csv_, copy));
    {
        // Another writer holds the case: the file is refused with the reason, nothing changes.
        QString error;
        auto holder = quarry::CaseFile::open(case_, quarry::CaseFile::Access::ReadWrite, &error);
        QVERIFY2(holder, qPrintable(error));
        QVERIFY2(holder->beginWrite(&error), qPrintable(error));
        ImportWizard w(case_);
        QVERIFY(importWithDefaults(w, {copy}, true));
        QCOMPARE(w.job()->result().files[0].status, Status::Failed);
        QVERIFY2(w.runPage()->messageText().contains(QStringLiteral("locked")),
                 qPrintable(w.runPage()->messageText()));
        holder->rollback();
    }
    QCOMPARE(queryCase(case_, "SELECT count(*) FROM requests"), requests);
    {
        // The file disappears between the preview and the import.
        ImportWizard w(case_);
        w.setFiles({copy});
        w.setForce(true);
        QVERIFY(showPreview(w));
        QVERIFY(QFile::remove(copy));
        QVERIFY(runImport(w));
        QCOMPARE(w.job()->result().files[0].status, Status::Failed);
        QVERIFY(w.runPage()->messageText().contains(QStringLiteral("copy.csv: not imported")));
    }
    {
        // A case path that is not a case: said so, and the file is left alone.
        const QString notACase = dir_.filePath(QStringLiteral("notes.quarry"));
        {
            QFile out(notACase);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("just some notes, not a database\n");
        }
        ImportWizard w{QString()};
        w.setCasePath(notACase);
        QVERIFY(importWithDefaults(w, {csv_}, false));
        QVERIFY(!w.job()->result().caseError.isEmpty());
        QVERIFY(w.runPage()->messageText().startsWith(QStringLiteral("Cannot open the case")));
        QFile f(notACase);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("just some notes, not a database\n"));
    }
    {
        // A new case that gets nothing (its only file is refused) is not left behind.
        const QString fresh = dir_.filePath(QStringLiteral("fresh.quarry"));
        const QString gone = dir_.filePath(QStringLiteral("gone.csv"));
        QVERIFY(QFile::copy(csv_, gone));
        ImportWizard w{QString()};
        w.setFiles({gone});
        w.setCasePath(fresh);
        QVERIFY(showPreview(w));
        QVERIFY(QFile::remove(gone));
        QVERIFY(runImport(w));
        const ImportJobResult& r = w.job()->result();
        QCOMPARE(r.files[0].status, Status::Failed);
        QVERIFY(r.createdCase && r.removedCase);
        QVERIFY(!QFileInfo::exists(fresh));
        QVERIFY(w.runPage()->messageText().contains(QStringLiteral("was not kept")));
    }
}

void TestGuiImportWizard::mainWindowImportsAndAnalyses() {
    // File > Import with no case open: the wizard asks for the case, imports, and the window
    // analyses and opens it.
    MainWindow window(false);
    window.show();
    const QString target = dir_.filePath(QStringLiteral("from-window.quarry"));
    QPointer<ImportWizard> w = window.imports()->importLogs({csv_});
    QVERIFY(w);
    QVERIFY(w->isVisible());
    QCOMPARE(w->currentId(), static_cast<int>(ImportWizard::FilesPageId));
    QCOMPARE(w->files(), QStringList{csv_});
    w->setCasePath(target);
    QSignalSpy ready(w->mappingPage(), &ImportMappingPage::previewReady);
    w->next();
    QVERIFY(ready.wait(kWaitMs));
    QVERIFY(runImport(*w));
    QCOMPARE(w->currentId(), static_cast<int>(ImportWizard::SummaryPageId));
    QVERIFY(w->analyseAfterImport());
    w->button(QWizard::FinishButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.isNull(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.casePath(), target, kWaitMs);
    auto file = openReadOnly(target);
    QVERIFY(file);
    QVERIFY(hasAnalysis(file->db()));
    QCOMPARE(quarry::sql::queryInt(file->db(), "SELECT count(*) FROM requests"),
             int64_t(kGoodRows));
}

QTEST_MAIN(TestGuiImportWizard)
#include "tst_gui_importwizard.moc"
