// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QDialog>

class QLineEdit;
class QPushButton;

namespace quarry::gui {

// Name, color and description of a new tag, or the color and description of an existing one
// (its name is what the audit trail and bundles refer to, so it is fixed).
class TagDialog final : public QDialog {
    Q_OBJECT
public:
    explicit TagDialog(QWidget* parent = nullptr);
    void setTag(const QString& name, const QString& color,
                const QString& description);  // edit mode

    QString name() const;
    QString color() const { return color_.name(); }
    QString description() const;
    void setColor(const QColor& color);

private:
    void chooseColor();
    void validate();

    QLineEdit* name_;
    QLineEdit* description_;
    QPushButton* colorButton_;
    QPushButton* ok_;
    QColor color_{0x34, 0x98, 0xdb};
};

}  // namespace quarry::gui
