// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/filterchip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace quarry::gui {

FilterChip::FilterChip(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), clear_(new QToolButton(this)) {
    setObjectName(QStringLiteral("filterChip"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    label_->setTextFormat(Qt::PlainText);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    clear_->setText(QStringLiteral("×"));
    clear_->setAutoRaise(true);
    clear_->setToolTip(tr("Clear this filter"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(label_, 1);
    layout->addWidget(clear_);
    connect(clear_, &QToolButton::clicked, this, [this] {
        hide();
        emit cleared();
    });
    hide();
}

void FilterChip::showFilter(const QString& text) {
    label_->setText(text);
    label_->setToolTip(text);
    show();
}

QString FilterChip::text() const {
    return isHidden() ? QString() : label_->text();
}

}  // namespace quarry::gui
