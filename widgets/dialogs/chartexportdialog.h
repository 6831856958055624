// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace quarry::gui {

// Where and how big to export a chart: a file, its format (PNG, SVG or PDF; the suffix follows
// the format) and width x height (pixels for PNG, points for SVG and PDF), starting from the
// chart's size on screen.
class ChartExportDialog final : public QDialog {
    Q_OBJECT
public:
    ChartExportDialog(const QString& suggestedPath, const QSize& chartSize,
                      QWidget* parent = nullptr);

    QString path() const;
    QSize exportSize() const;
    QString format() const;
    void setFormat(const QString& format);  // png, svg or pdf
    void setExportSize(const QSize& size);
    void setPath(const QString& path);

private:
    void browse();
    void formatChanged();

    QLineEdit* path_;
    QComboBox* format_;
    QSpinBox* width_;
    QSpinBox* height_;
};

// Export Chart… as every chart's menu entry does it: asks where and how big (starting in the
// pictures folder at the chart's size on screen), exports, warns on failure. Returns the file
// written, or an empty string if cancelled or failed. A chart's own context menu (widgets)
// calls this for its entry.
QString exportChartInteractively(QWidget* chart, QWidget* parent);

}  // namespace quarry::gui
