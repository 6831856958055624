// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard/importfilespage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace quarry::gui {
namespace {

const QStringList kFormats = {QStringLiteral("auto"), QStringLiteral("csv"),
                              QStringLiteral("jsonl"), QStringLiteral("combined")};

}  // namespace

ImportFilesPage::ImportFilesPage(const QString& openCase, QWidget* parent) : QWizardPage(parent) {
    setTitle(tr("Choose log files"));
    setSubTitle(
        tr("CSV with a header row, JSON Lines, or an Apache/nginx combined access log. "
           "Each file is imported in its own transaction."));

    list_ = new QListWidget;
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* add = new QPushButton(tr("&Add Files…"));
    auto* remove = new QPushButton(tr("&Remove"));
    connect(add, &QPushButton::clicked, this, &ImportFilesPage::addFiles);
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(list_->selectedItems());
        suggestCasePath();
        emit completeChanged();
    });
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* filesRow = new QHBoxLayout;
    filesRow->addWidget(list_, 1);
    filesRow->addLayout(buttons);

    format_ = new QComboBox;
    format_->addItem(tr("Automatic (by extension, then content)"), kFormats[0]);
    format_->addItem(tr("CSV"), kFormats[1]);
    format_->addItem(tr("JSON Lines"), kFormats[2]);
    format_->addItem(tr("Combined access log"), kFormats[3]);
    force_ = new QCheckBox(tr("Import again a file this case already holds (same SHA-256)"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), format_);
    form->addRow(QString(), force_);
    case_ = new QLineEdit;
    if (openCase.isEmpty()) {
        // No case is open: the files go into a new case, or into an existing one chosen here.
        case_->setPlaceholderText(tr("New or existing case file (.quarry)"));
        auto* browse = new QPushButton(tr("C&hoose…"));
        connect(browse, &QPushButton::clicked, this, &ImportFilesPage::chooseCase);
        connect(case_, &QLineEdit::textEdited, this, [this] { caseEdited_ = true; });
        connect(case_, &QLineEdit::textChanged, this, &ImportFilesPage::completeChanged);
        auto* caseRow = new QHBoxLayout;
        caseRow->addWidget(case_, 1);
        caseRow->addWidget(browse);
        auto* caseLabel = new QLabel(tr("Into &case:"));
        caseLabel->setBuddy(case_);
        form->addRow(caseLabel, caseRow);
    } else {
        case_->setText(openCase);
        case_->hide();
        auto* label = new QLabel(QDir::toNativeSeparators(openCase));
        label->setTextFormat(Qt::PlainText);
        form->addRow(tr("Into the open case:"), label);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filesRow, 1);
    layout->addLayout(form);
}

void ImportFilesPage::setFiles(const QStringList& files) {
    list_->clear();
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QDir::toNativeSeparators(f), list_);
        item->setData(Qt::UserRole, f);
    }
    suggestCasePath();
    emit completeChanged();
}

QStringList ImportFilesPage::files() const {
    QStringList out;
    for (int i = 0; i < list_->count(); ++i) out << list_->item(i)->data(Qt::UserRole).toString();
    return out;
}

void ImportFilesPage::setFormat(const QString& format) {
    const int i = kFormats.indexOf(format.toLower());
    format_->setCurrentIndex(i < 0 ? 0 : i);
}

QString ImportFilesPage::format() const {
    return format_->currentData().toString();
}

void ImportFilesPage::setForce(bool force) {
    force_->setChecked(force);
}
bool ImportFilesPage::force() const {
    return force_->isChecked();
}

void ImportFilesPage::setCasePath(const QString& path) {
    case_->setText(path);
    caseEdited_ = true;
}

QString ImportFilesPage::casePath() const {
    return case_->text().trimmed();
}

bool ImportFilesPage::isComplete() const {
    if (list_->count() == 0 || casePath().isEmpty()) return false;
    for (const QString& f : files())
        if (!QFileInfo(f).isFile()) return false;
    return true;
}

void ImportFilesPage::addFiles() {
    const QStringList picked = QFileDialog::getOpenFileNames(
        this, tr("Import Logs"), QString(),
        tr("Request logs (*.csv *.jsonl *.ndjson *.json *.log);;All files (*)"));
    if (picked.isEmpty()) return;
    QStringList all = files();
    for (const QString& f : picked)
        if (!all.contains(f)) all << f;
    setFiles(all);
}

void ImportFilesPage::chooseCase() {
    QString path = QFileDialog::getSaveFileName(this, tr("Case for the imported logs"), casePath(),
                                                tr("Quarry cases (*.quarry)"), nullptr,
                                                QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".quarry");
    setCasePath(path);
}

void ImportFilesPage::suggestCasePath() {
    // Next to the first log, named after it, until the analyst picks a case.
    if (case_->isHidden() || caseEdited_ || list_->count() == 0) return;
    const QFileInfo first(files().constFirst());
    case_->setText(first.dir().filePath(first.completeBaseName() + QStringLiteral(".quarry")));
}

}  // namespace quarry::gui
