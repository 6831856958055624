// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presentation mode, for the incident-review room: a UI scale for projectors (View › UI Scale,
// Ctrl+= / Ctrl+-; fonts, table rows and plots; kept between runs), Focus Panel (Ctrl+Shift+F:
// the panel with the keyboard focus, or the central view, alone in the window, and back) and
// Export Chart… on every chart (context menu and View menu).

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;

namespace quarry::gui {

class MainFrame;

class PresentationController final : public QObject {
    Q_OBJECT
public:
    // persist=false neither reads nor writes the saved scale (screenshots, tests).
    PresentationController(MainFrame* frame, bool persist);

    static QList<int> scales() { return {100, 125, 150, 200}; }
    int uiScale() const { return scale_; }
    void setUiScale(int percent);
    void stepUiScale(int steps);

    bool focusing() const { return focusing_; }
    void toggleFocusPanel();

    // The chart View › Export Chart… means: the one with the focus or under the mouse, else the
    // first shown in the central view.
    QWidget* currentChart() const;
    // Gives every chart in the window (also ones added later: call again) its context menu.
    void attachChartMenus();
    // Asks where and how big, then exports; false if cancelled or failed (with a message).
    bool exportChartInteractively(QWidget* chart);

private:
    bool eventFilter(QObject* watched, QEvent* event) override;

    QMainWindow* window_;
    bool persist_;
    QFont baseFont_;
    int scale_ = 100;
    QActionGroup* scaleGroup_ = nullptr;
    bool focusing_ = false;
    QByteArray stateBeforeFocus_;
    QList<QPointer<QDockWidget>> hiddenByFocus_;
    bool dispatching_ = false;  // the chart itself is handling a context-menu event
    QPointer<QWidget> lastChart_;
};

}  // namespace quarry::gui
