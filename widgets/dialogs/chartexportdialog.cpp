// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/chartexportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

#include "plots/chartexport.h"

namespace quarry::gui {

ChartExportDialog::ChartExportDialog(const QString& suggestedPath, const QSize& chartSize,
                                     QWidget* parent)
    : QDialog(parent),
      path_(new QLineEdit(suggestedPath, this)),
      format_(new QComboBox(this)),
      width_(new QSpinBox(this)),
      height_(new QSpinBox(this)) {
    setWindowTitle(tr("Export Chart"));
    path_->setObjectName(QStringLiteral("chartPath"));
    format_->setObjectName(QStringLiteral("chartFormat"));
    width_->setObjectName(QStringLiteral("chartWidth"));
    height_->setObjectName(QStringLiteral("chartHeight"));
    format_->addItem(tr("PNG image"), QStringLiteral("png"));
    format_->addItem(tr("SVG drawing"), QStringLiteral("svg"));
    format_->addItem(tr("PDF document"), QStringLiteral("pdf"));
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(16, 10000);
        box->setSuffix(tr(" px"));
    }
    setExportSize(chartSize);
    const int known = format_->findData(QFileInfo(suggestedPath).suffix().toLower());
    format_->setCurrentIndex(known >= 0 ? known : 0);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(path_, 1);
    fileRow->addWidget(browse);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(height_);
    sizeRow->addStretch(1);
    auto* presets = new QComboBox(this);
    presets->addItem(tr("Size on screen"), chartSize);
    presets->addItem(tr("Slide 1920 × 1080"), QSize(1920, 1080));
    presets->addItem(tr("Slide 1280 × 720"), QSize(1280, 720));
    presets->addItem(tr("Report page 800 × 500"), QSize(800, 500));
    sizeRow->addWidget(presets);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout(this);
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    connect(format_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &ChartExportDialog::formatChanged);
    connect(presets, qOverload<int>(&QComboBox::activated), this,
            [this, presets](int i) { setExportSize(presets->itemData(i).toSize()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(path_, &QLineEdit::textChanged, this, [this, buttons](const QString& text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
        setFormat(QFileInfo(text).suffix());  // a name ending in .pdf means PDF
    });
    formatChanged();
}

QString ChartExportDialog::path() const {
    return path_->text().trimmed();
}

QSize ChartExportDialog::exportSize() const {
    return QSize(width_->value(), height_->value());
}

QString ChartExportDialog::format() const {
    return format_->currentData().toString();
}

void ChartExportDialog::setFormat(const QString& format) {
    const int i = format_->findData(format.toLower());
    if (i >= 0) format_->setCurrentIndex(i);
}

void ChartExportDialog::setExportSize(const QSize& size) {
    width_->setValue(size.width());
    height_->setValue(size.height());
}

void ChartExportDialog::setPath(const QString& path) {
    path_->setText(path);
}

void ChartExportDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), path(), tr("%1 (*.%2)").arg(format_->currentText(), format()));
    if (!chosen.isEmpty()) path_->setText(chosen);
}

// The file's suffix follows the format, so the file is what its name says.
void ChartExportDialog::formatChanged() {
    const QString suffix = format();
    const QString unit = suffix == QLatin1String("png") ? tr(" px") : tr(" pt");
    width_->setSuffix(unit);
    height_->setSuffix(unit);
    QString p = path();
    if (p.isEmpty()) return;
    const QFileInfo info(p);
    if (info.suffix().toLower() == suffix) return;
    if (chartExportFormats().contains(info.suffix().toLower())) p.chop(info.suffix().size() + 1);
    path_->setText(p + QLatin1Char('.') + suffix);
}

QString exportChartInteractively(QWidget* chart, QWidget* parent) {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString name =
        (chart->objectName().isEmpty() ? QStringLiteral("chart") : chart->objectName()) +
        QStringLiteral(".png");
    ChartExportDialog dialog(QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(name),
                             chart->size(), parent);
    if (dialog.exec() != QDialog::Accepted) return {};
    QString error;
    if (!exportChart(chart, dialog.path(), dialog.exportSize(), &error)) {
        QMessageBox box(QMessageBox::Warning, ChartExportDialog::tr("Export Chart"), error,
                        QMessageBox::Ok, parent);
        box.setTextFormat(Qt::PlainText);  // the path may hold anything
        box.exec();
        return {};
    }
    return dialog.path();
}

}  // namespace quarry::gui
