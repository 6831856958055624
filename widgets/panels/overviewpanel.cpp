// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/overviewpanel.h"

#include <QFileInfo>
#include <QLocale>
#include <QEvent>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "items/clustertablemodel.h"
#include "plots/hourlyrateplot.h"
#include "store/casefile.h"
#include "store/casesummary.h"

namespace quarry::gui {

OverviewPanel::OverviewPanel(QWidget* parent)
    : QWidget(parent), view_(new QTextBrowser(this)), hourly_(new HourlyRatePlot(this)) {
    hourly_->setObjectName(QStringLiteral("overviewHourly"));
    view_->setOpenLinks(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 3);
    layout->addWidget(hourly_, 2);
    connect(view_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("cluster")) emit clusterActivated(url.path().toLongLong());
    });
    setCase(nullptr, {});
}

QString OverviewPanel::text() const { return view_->toPlainText(); }

void OverviewPanel::setCase(const CaseFile* file, const std::vector<ClusterRecord>& clusters,
                            const QStringList& unavailable) {
    if (!file) {
        showHtml(tr("<h2>No case open</h2><p>Open a case (Ctrl+O), drop a <tt>.quarry</tt> file or a "
                          "log file here, or start the demo (File › Open Demo Case).</p>"));
        return;
    }
    CaseSummary s;
    QString error;
    if (!summarize(*file, s, &error)) {
        showHtml(tr("<h2>Cannot read the case</h2><p>%1</p>").arg(error.toHtmlEscaped()));
        return;
    }
    const QLocale loc;
    auto row = [](const QString& k, const QString& v) {
        return QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;%2</td></tr>").arg(k, v);
    };
    QString html = QStringLiteral("<h2>%1</h2><table>").arg(QFileInfo(file->path()).fileName().toHtmlEscaped());
    html += row(tr("Requests"), loc.toString(static_cast<qlonglong>(s.requests)));
    html += row(tr("Accounts"), loc.toString(static_cast<qlonglong>(s.accounts)));
    if (s.firstTs || s.lastTs) {
        html += row(tr("Time span"), tr("%1 → %2 (%n day(s))", nullptr,
                                        static_cast<int>((s.lastTs - s.firstTs) / kDayMs + 1))
                                         .arg(formatUtc(s.firstTs).left(16), formatUtc(s.lastTs).left(16)));
    }
    html += row(tr("Sources"), QString::number(s.sources.size()));
    QString quarantine = loc.toString(static_cast<qlonglong>(s.quarantined));
    QStringList kinds;
    for (const auto& k : s.quarantineByKind) kinds << QStringLiteral("%1 %2").arg(k.second).arg(k.first);
    if (!kinds.isEmpty()) quarantine += QStringLiteral(" (%1)").arg(kinds.join(QStringLiteral(", ")).toHtmlEscaped());
    html += row(tr("Quarantined rows"), quarantine);
    html += QStringLiteral("</table>");
    for (const SourceSummary& src : s.sources)
        html += QStringLiteral("<p style='margin:0'><small>%1 — %2 rows, %3 quarantined</small></p>")
                    .arg(QFileInfo(src.path).fileName().toHtmlEscaped())
                    .arg(src.rowsImported)
                    .arg(src.rowsQuarantined);

    int flagged = 0;
    for (const ClusterRecord& c : clusters) flagged += c.flagged ? 1 : 0;
    if (clusters.empty()) {
        html += tr("<h3>No analysis yet</h3><p>Run Case › Analyze to find clusters.</p>");
    } else {
        html += tr("<h3>Flagged clusters: %1 of %2</h3>").arg(flagged).arg(clusters.size());
        for (const ClusterRecord& c : clusters) {
            if (!c.flagged) continue;
            html += tr("<p><a href='cluster:%1'><b>Cluster %1</b></a> — %n account(s), score %2<br>", nullptr,
                           static_cast<int>(c.size))
                        .arg(c.id)
                        .arg(c.score, 0, 'f', 2);
            for (int i = 1; i < c.reasons.size() && i <= 3; ++i)
                html += QStringLiteral("• %1<br>").arg(c.reasons.at(i).toHtmlEscaped());
            html += QStringLiteral("</p>");
        }
    }
    // A verdict is only as complete as the logs: say what could not be looked at, so "not
    // flagged" is not read as "looked at everything and found nothing".
    if (!unavailable.isEmpty()) {
        html += tr("<h3>Not in these logs</h3><p>The analysis could not measure:</p><ul>");
        for (const QString& u : unavailable) html += QStringLiteral("<li>%1</li>").arg(u.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    showHtml(html);
}

void OverviewPanel::showHtml(const QString& html) {
    html_ = html;
    // Links in the palette's link colour, written into the page: rich text would otherwise keep
    // the colour of the palette it was first parsed under.
    // (Qt's rich text ignores a colour set on the anchor itself, so it goes on a span inside.)
    static const QRegularExpression kAnchor(QStringLiteral("(<a [^>]*>)(.*?)</a>"));
    QString shown = html;
    shown.replace(kAnchor, QStringLiteral("\\1<span style='color:%1'>\\2</span></a>")
                               .arg(palette().color(QPalette::Link).name()));
    view_->setHtml(shown);
}

void OverviewPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !html_.isEmpty()) showHtml(html_);
}

}  // namespace quarry::gui
