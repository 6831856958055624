// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/tagdialog.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace quarry::gui {

TagDialog::TagDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("New Tag"));
    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("tagName"));
    // The core's rule: lower-case letters, digits, '-', '_' and '.', at most 64 characters.
    name_->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[a-z0-9][a-z0-9._-]{0,63}")), name_));
    name_->setPlaceholderText(tr("e.g. campaign-b"));
    description_ = new QLineEdit(this);
    description_->setObjectName(QStringLiteral("tagDescription"));
    colorButton_ = new QPushButton(this);
    colorButton_->setObjectName(QStringLiteral("tagColor"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ok_ = buttons->button(QDialogButtonBox::Ok);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Color:"), colorButton_);
    form->addRow(tr("&Description:"), description_);
    form->addRow(buttons);

    connect(colorButton_, &QPushButton::clicked, this, &TagDialog::chooseColor);
    connect(name_, &QLineEdit::textChanged, this, &TagDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setColor(color_);
    validate();
}

void TagDialog::setTag(const QString& name, const QString& color, const QString& description) {
    setWindowTitle(tr("Edit Tag"));
    name_->setText(name);
    name_->setReadOnly(true);
    description_->setText(description);
    setColor(QColor(color));
}

QString TagDialog::name() const {
    return name_->text().trimmed();
}

QString TagDialog::description() const {
    return description_->text().trimmed();
}

void TagDialog::setColor(const QColor& color) {
    if (!color.isValid()) return;
    color_ = color;
    QPixmap swatch(16, 16);
    swatch.fill(color_);
    colorButton_->setIcon(QIcon(swatch));
    colorButton_->setText(color_.name());
}

void TagDialog::chooseColor() {
    setColor(QColorDialog::getColor(color_, this, tr("Tag Color")));
}

void TagDialog::validate() {
    ok_->setEnabled(name_->hasAcceptableInput());
}

}  // namespace quarry::gui
