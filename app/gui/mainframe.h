// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a feature controller may ask of the window frame: a dock for its panel and the menus to
// put its actions in. MainWindow implements it; controllers never see the rest of the window.

#include <Qt>

class QDockWidget;
class QMainWindow;
class QMenu;
class QString;
class QWidget;

namespace quarry::gui {

class MainFrame {
public:
    enum class Menu { File, Case, Edit, View, Settings };

    virtual ~MainFrame() = default;
    virtual QMainWindow* mainWindow() = 0;
    virtual QDockWidget* addPanel(QWidget* widget, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area) = 0;
    virtual QMenu* menu(Menu which) = 0;
};

}  // namespace quarry::gui
