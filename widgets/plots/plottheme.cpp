// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/plottheme.h"

#include <QPainter>
#include <QPixmap>

#include <QApplication>
#include <QStyle>

#include <qcustomplot.h>

#include "plots/plotfit.h"

namespace quarry::gui {
namespace {

class PaletteFollower final : public QObject {
public:
    explicit PaletteFollower(QCustomPlot* plot) : QObject(plot), plot_(plot) {}
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == plot_ && event->type() == QEvent::PaletteChange) {
            applyPlotTheme(plot_, plot_->palette());
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }

private:
    QCustomPlot* plot_;
};

}  // namespace

void followPalette(QCustomPlot* plot) {
    applyPlotTheme(plot, plot->palette());
    plot->installEventFilter(new PaletteFollower(plot));
    fitBeforeReplot(plot);
}

void applyPlotTheme(QCustomPlot* plot, const QPalette& palette) {
    const QColor bg = palette.color(QPalette::Base);
    const QColor fg = palette.color(QPalette::Text);
    QColor grid = fg;
    grid.setAlpha(40);
    const double width = plotScale();  // presentation mode draws thicker axes
    plot->setBackground(bg);
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(bg);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(fg, width));
            axis->setTickPen(QPen(fg, width));
            axis->setSubTickPen(QPen(fg, width));
            axis->setTickLabelColor(fg);
            axis->setLabelColor(fg);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridVisible(false);
        }
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
        if (auto* text = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) text->setTextColor(fg);
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) {
            scale->axis()->setBasePen(QPen(fg, width));
            scale->axis()->setTickPen(QPen(fg, width));
            scale->axis()->setSubTickPen(QPen(fg, width));
            scale->axis()->setTickLabelColor(fg);
            scale->axis()->setLabelColor(fg);
        }
    }
}

QPalette lightPalette() { return QApplication::style()->standardPalette(); }

QIcon tintedIcon(const QIcon& icon, const QColor& colour, QSize size) {
    QIcon out;
    for (const QSize& s : {size / 2, size}) {
        QPixmap pixmap = icon.pixmap(s);
        if (pixmap.isNull()) continue;
        QPainter p(&pixmap);
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(pixmap.rect(), colour);
        p.end();
        out.addPixmap(pixmap);
    }
    return out;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6a, 0xa8, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

}  // namespace quarry::gui
