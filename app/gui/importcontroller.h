// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Bringing data into a case: File › Import Logs (the import wizard), Case › Analyze and the demo
// case. The heavy work runs as session jobs (jobs/ is the one import and analysis loop, shared
// with quarry-cli); the case is reopened when it is done.

#include <QObject>
#include <QStringList>

namespace quarry::gui {

class CaseSession;
class ImportWizard;
class MainFrame;

class ImportController final : public QObject {
    Q_OBJECT
public:
    ImportController(CaseSession* session, MainFrame* frame);

    // Opens the import wizard (window-modal) with these files chosen; returns it so a caller can
    // script it. When it closes after an import, the case is analysed (if asked) and reopened.
    ImportWizard* importLogs(const QStringList& files);
    void analyzeAndOpen(const QString& casePath);
    // Case › Analyze: analyses the open case, after asking when it is already analysed (what is
    // recomputed, what is kept); false when nothing was started.
    bool reanalyze();
    void openDemo();

private:
    void reopen(const QString& path);  // the case a job wrote into

    CaseSession* session_;
    MainFrame* frame_;
};

}  // namespace quarry::gui
