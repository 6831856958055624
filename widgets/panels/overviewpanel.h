// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

#include "items/casequeries.h"

class QTextBrowser;

namespace quarry {
class CaseFile;
}

namespace quarry::gui {

class HourlyRatePlot;

// What the case holds at a glance: requests, accounts, span, sources, quarantine, and the
// flagged clusters with their top reasons. Reads only small tables.
class OverviewPanel final : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget* parent = nullptr);
    // unavailable: the evidence the last analysis could not measure because these logs lack
    // the fields behind it (no prompt text, no sign-up times...), as analyze words it.
    void setCase(const CaseFile* file, const std::vector<ClusterRecord>& clusters,
                 const QStringList& unavailable = {});
    QString text() const;
    // The case's requests per hour; the window fills it from a worker thread.
    HourlyRatePlot* hourlyPlot() const { return hourly_; }

signals:
    void clusterActivated(qint64 id);

protected:
    // The page is drawn again in the new palette's link colour (a light palette's dark blue is
    // unreadable on the dark palette).
    void changeEvent(QEvent* event) override;

private:
    void showHtml(const QString& html);
    QTextBrowser* view_;
    QString html_;
    HourlyRatePlot* hourly_;
};

}  // namespace quarry::gui
