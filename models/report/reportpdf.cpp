// SPDX-License-Identifier: GPL-3.0-or-later
// report.pdf: A4 pages laid out by hand with QPainter. Every string from the case goes through
// drawText as plain text (no rich text engine ever sees it), so markup in account ids, notes or
// reasons is printed literally.
#include <QBuffer>
#include <QDate>
#include <QFont>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <set>

#include "reportcharts.h"
#include "reportmembers.h"

namespace quarry::report {
namespace {

using evidence::BundleContext;

constexpr qreal kLeft = 40, kTop = 40, kWidth = 515, kBottom = 800;  // A4 = 595 x 842 pt

QFont font(qreal pixels, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(qRound(pixels));
    f.setBold(bold);
    // no ligatures: an account id copied out of the PDF must be the same characters as in the logs
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

// A cursor over the pages: what does not fit on this page goes to the next.
class Pages {
public:
    Pages(QPdfWriter& w, const QString& footer) : writer_(w), footer_(footer) {
        p_.begin(&w);
        p_.setRenderHint(QPainter::Antialiasing);
    }
    ~Pages() {
        drawFooter();
        p_.end();
    }
    QPainter& painter() { return p_; }
    qreal y() const { return y_; }
    void skip(qreal dy) { y_ += dy; }
    void ensure(qreal h) {
        if (y_ + h > kBottom && y_ > kTop) newPage();
    }
    void newPage() {
        drawFooter();
        writer_.newPage();
        ++page_;
        y_ = kTop;
    }

    // Word-wrapped where possible, anywhere when one word is wider than the line.
    static int wrapFlags(const QFontMetricsF& fm, const QString& text, qreal width) {
        for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            if (fm.horizontalAdvance(word) > width) return Qt::TextWrapAnywhere;
        return Qt::TextWordWrap;
    }
    qreal height(const QFont& f, const QString& text, qreal width) {
        p_.setFont(f);
        const QFontMetricsF fm(f, p_.device());
        if (text.isEmpty()) return fm.height();
        return p_
            .boundingRect(QRectF(0, 0, width, 1e6), wrapFlags(fm, text, width) | Qt::AlignLeft,
                          text)
            .height();
    }
    void drawAt(const QFont& f, const QString& text, const QRectF& r,
                const QColor& colour = Qt::black) {
        p_.setFont(f);
        p_.setPen(colour);
        const QFontMetricsF fm(f, p_.device());
        p_.drawText(r, wrapFlags(fm, text, r.width()) | Qt::AlignLeft | Qt::AlignTop, text);
    }
    void paragraph(const QFont& f, const QString& text, qreal indent = 0,
                   const QColor& colour = Qt::black) {
        const QString t = plain(text, 3000);
        const qreal h = height(f, t, kWidth - indent);
        ensure(h);
        drawAt(f, t, QRectF(kLeft + indent, y_, kWidth - indent, h), colour);
        y_ += h + 2;
    }
    void heading(const QString& text, qreal size = 15) {
        ensure(size * 3);
        y_ += size * 0.6;
        paragraph(font(size, true), text);
        y_ += 2;
    }
    void keyValue(const QString& key, const QString& value) {
        const QFont k = font(9, true), v = font(9);
        const QString t = plain(value, 3000);
        const qreal h = std::max(height(k, key, 130), height(v, t, kWidth - 140));
        ensure(h);
        drawAt(k, key, QRectF(kLeft, y_, 130, h));
        drawAt(v, t, QRectF(kLeft + 140, y_, kWidth - 140, h));
        y_ += h + 3;
    }

private:
    void drawFooter() {
        p_.setFont(font(7));
        p_.setPen(Qt::darkGray);
        p_.drawText(QRectF(kLeft, kBottom + 14, kWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                    footer_);
        p_.drawText(QRectF(kLeft, kBottom + 14, kWidth, 12), Qt::AlignRight | Qt::AlignVCenter,
                    QStringLiteral("page %1").arg(page_));
    }
    QPdfWriter& writer_;
    QPainter p_;
    QString footer_;
    qreal y_ = kTop;
    int page_ = 1;
};

QString listOf(const QJsonValue& v) {
    QStringList out;
    for (const auto& x : v.toArray())
        out << (x.isString() ? x.toString() : QString::number(x.toInteger()));
    return out.isEmpty() ? QStringLiteral("-") : out.join(QStringLiteral(", "));
}

// "scoring.min_cluster_size = 3" lines from the analysis parameters.
void flatten(const QJsonValue& v, const QString& prefix, QStringList& out) {
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flatten(it.value(), prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key(),
                    out);
    } else if (v.isArray()) {
        out << prefix + QStringLiteral(" = ") +
                   QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    } else {
        out << prefix + QStringLiteral(" = ") + v.toVariant().toString();
    }
}

void titlePage(Pages& pg, const BundleContext& ctx) {
    pg.skip(60);
    pg.paragraph(font(24, true), QStringLiteral("Quarry evidence report"));
    pg.skip(20);
    pg.keyValue(QStringLiteral("Case"), ctx.caseId);
    pg.keyValue(QStringLiteral("Analyst"), ctx.analyst);
    pg.keyValue(QStringLiteral("Created at"), ctx.createdAt);
    pg.keyValue(QStringLiteral("Bundle"), ctx.bundleId);
    pg.keyValue(QStringLiteral("Tool"), ctx.tool);
    pg.keyValue(QStringLiteral("Analysis finished"), ctx.analysisFinished.isEmpty()
                                                         ? QStringLiteral("not analysed")
                                                         : ctx.analysisFinished);
    pg.heading(QStringLiteral("Selection"), 12);
    pg.keyValue(QStringLiteral("Clusters"), listOf(ctx.filters.value(QStringLiteral("clusters"))));
    pg.keyValue(QStringLiteral("Accounts"), listOf(ctx.filters.value(QStringLiteral("accounts"))));
    pg.keyValue(QStringLiteral("Tags"), listOf(ctx.filters.value(QStringLiteral("tags"))));
    pg.keyValue(
        QStringLiteral("Redacted"),
        ctx.redacted
            ? QStringLiteral("yes: prompts, full IP addresses and e-mail addresses are masked")
            : QStringLiteral("no"));
    pg.heading(QStringLiteral("Thresholds (latest analysis)"), 12);
    QStringList lines;
    flatten(ctx.thresholds, QString(), lines);
    if (lines.isEmpty()) lines << QStringLiteral("not analysed");
    for (const QString& l : lines) pg.paragraph(font(8), l);
    pg.newPage();
}

void summary(Pages& pg, const BundleContext& ctx) {
    pg.heading(QStringLiteral("Summary"));
    const auto flagged = std::count_if(ctx.accounts.begin(), ctx.accounts.end(),
                                       [](const auto& a) { return a.flagged; });
    QString first, last;
    for (const auto& a : ctx.accounts) {
        if (!a.firstSeen.isEmpty() && (first.isEmpty() || a.firstSeen < first)) first = a.firstSeen;
        if (a.lastSeen > last) last = a.lastSeen;
    }
    pg.keyValue(QStringLiteral("Accounts"),
                QStringLiteral("%1 (%2 flagged)").arg(ctx.accounts.size()).arg(flagged));
    pg.keyValue(QStringLiteral("Clusters"), QString::number(ctx.clusters.size()));
    pg.keyValue(QStringLiteral("Requests"), QString::number(ctx.requests));
    pg.keyValue(QStringLiteral("Evidence links"), QString::number(ctx.links));
    pg.keyValue(QStringLiteral("Activity"),
                first.isEmpty() ? QStringLiteral("-") : first + QStringLiteral(" to ") + last);
    pg.paragraph(font(8),
                 QStringLiteral(
                     "The bundle's CSV files hold the full data; manifest.json lists the SHA-256 "
                     "of every file "
                     "including this report. Check the bundle with: quarry-cli verify BUNDLE.zip"),
                 0, Qt::darkGray);
}

void charts(Pages& pg, const ChartGroup& g, int n) {
    pg.ensure(230);
    paintTimeline(pg.painter(), QRectF(kLeft, pg.y(), kWidth, 220), g);
    pg.skip(228);
    pg.ensure(250);
    paintHeatmap(pg.painter(), QRectF(kLeft, pg.y(), kWidth, 240), g);
    pg.skip(244);
    pg.paragraph(
        font(7),
        QStringLiteral("Also as charts/%1-timeline.pdf|png and charts/%1-heatmap.pdf|png").arg(n),
        0, Qt::darkGray);
}

void clusters(Pages& pg, const BundleContext& ctx, const std::vector<ChartGroup>& groups) {
    if (ctx.clusters.empty()) {
        pg.heading(QStringLiteral("Chosen accounts"));
        if (!groups.empty()) charts(pg, groups.front(), 1);
        return;
    }
    pg.heading(QStringLiteral("Clusters"));
    for (size_t i = 0; i < ctx.clusters.size(); ++i) {
        const auto& c = ctx.clusters[i];
        if (i > 0) pg.newPage();
        pg.heading(QStringLiteral("Cluster %1%2")
                       .arg(c.id)
                       .arg(c.flagged ? QStringLiteral(" (flagged)") : QString()),
                   13);
        pg.keyValue(QStringLiteral("Accounts"), QString::number(c.size));
        pg.keyValue(QStringLiteral("Score"),
                    QStringLiteral("%1  (coordination %2, automation %3, harvest %4)")
                        .arg(c.score, 0, 'f', 3)
                        .arg(c.coordination, 0, 'f', 3)
                        .arg(c.automation, 0, 'f', 3)
                        .arg(c.harvest, 0, 'f', 3));
        if (!c.tags.isEmpty())
            pg.keyValue(QStringLiteral("Tags"), c.tags.join(QStringLiteral(", ")));
        if (!c.note.isEmpty()) pg.keyValue(QStringLiteral("Note"), c.note);
        pg.paragraph(font(9, true), QStringLiteral("Reasons"));
        for (const QString& r : c.reasons) pg.paragraph(font(9), QStringLiteral("\u2022 ") + r, 8);
        if (c.reasons.isEmpty()) pg.paragraph(font(9), QStringLiteral("-"), 8);
        pg.skip(6);
        if (i < groups.size()) charts(pg, groups[i], static_cast<int>(i) + 1);
    }
}

void accountTable(Pages& pg, const BundleContext& ctx) {
    pg.newPage();
    pg.heading(QStringLiteral("Accounts (times in UTC)"));
    struct Col {
        const char* title;
        qreal width;
    };
    // Account wide enough for a redacted pseudonym (34 characters) on one line: pdftotext and
    // copy-paste then give the id back in one piece.
    const Col cols[] = {{"Account", 160}, {"Cluster", 34},    {"Score", 30},     {"Flag", 26},
                        {"Reqs", 30},     {"First seen", 75}, {"Last seen", 75}, {"Tags", 85}};
    // to the minute: the full timestamps are in accounts.csv
    auto minute = [](const QString& t) {
        return t.left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
    };
    const QFont head = font(7, true), cell = font(7), small = font(6.5);
    auto header = [&] {
        qreal x = kLeft;
        pg.painter().fillRect(QRectF(kLeft, pg.y(), kWidth, 11), QColor(0xee, 0xee, 0xee));
        for (const auto& c : cols) {
            pg.drawAt(head, QString::fromLatin1(c.title),
                      QRectF(x + 1, pg.y() + 1, c.width - 2, 10));
            x += c.width;
        }
        pg.skip(13);
    };
    header();
    for (const auto& a : ctx.accounts) {
        const QStringList values = {plain(a.name),
                                    a.cluster,
                                    a.score,
                                    a.flagged ? QStringLiteral("yes") : QString(),
                                    a.requests,
                                    minute(a.firstSeen),
                                    minute(a.lastSeen),
                                    plain(a.tags.join(QStringLiteral(", ")))};
        qreal h = 0;
        for (size_t i = 0; i < std::size(cols); ++i)
            h = std::max(h, pg.height(cell, values[int(i)], cols[i].width - 3));
        const QString reasons =
            a.reasons.isEmpty() ? QString() : plain(a.reasons.join(QStringLiteral("; ")), 1200);
        const qreal rh = reasons.isEmpty() ? 0 : pg.height(small, reasons, kWidth - 12);
        if (pg.y() + h + rh + 4 > kBottom) {
            pg.newPage();
            header();
        }
        qreal x = kLeft;
        for (size_t i = 0; i < std::size(cols); ++i) {
            pg.drawAt(cell, values[int(i)], QRectF(x + 1, pg.y(), cols[i].width - 3, h));
            x += cols[i].width;
        }
        pg.skip(h + 1);
        if (!reasons.isEmpty()) {
            pg.drawAt(small, reasons, QRectF(kLeft + 12, pg.y(), kWidth - 12, rh), Qt::darkGray);
            pg.skip(rh);
        }
        pg.painter().setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.5));
        pg.painter().drawLine(QPointF(kLeft, pg.y() + 1.5), QPointF(kLeft + kWidth, pg.y() + 1.5));
        pg.skip(3);
    }
}

void tagsAndNotes(Pages& pg, const BundleContext& ctx) {
    pg.heading(QStringLiteral("Tags and notes"));
    bool any = false;
    for (const auto& c : ctx.clusters)
        if (!c.tags.isEmpty() || !c.note.isEmpty()) {
            any = true;
            pg.keyValue(QStringLiteral("Cluster %1").arg(c.id),
                        c.tags.join(QStringLiteral(", ")) +
                            (c.note.isEmpty() ? QString() : QStringLiteral(" | note: ") + c.note));
        }
    for (const auto& a : ctx.accounts)
        if (!a.tags.isEmpty() || !a.note.isEmpty()) {
            any = true;
            pg.keyValue(plain(a.name, 120),
                        a.tags.join(QStringLiteral(", ")) +
                            (a.note.isEmpty() ? QString() : QStringLiteral(" | note: ") + a.note));
        }
    if (!any)
        pg.paragraph(font(9),
                     QStringLiteral("No tags or notes on the chosen accounts and clusters."));
}

// The analyst's story of the selection, in their order.
void story(Pages& pg, const BundleContext& ctx) {
    pg.heading(QStringLiteral("Story"));
    if (ctx.story.empty()) {
        pg.paragraph(font(9), QStringLiteral("The story holds nothing about the chosen accounts and clusters."));
        return;
    }
    int n = 0;
    for (const evidence::BundleStoryRow& r : ctx.story) {
        pg.keyValue(QStringLiteral("%1. %2").arg(++n).arg(r.time.isEmpty() ? r.kind : r.time),
                    r.title + (r.text.isEmpty() ? QString() : QStringLiteral(" | ") + r.text) +
                        (r.analyst.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.analyst)));
    }
}

}  // namespace

QByteArray reportPdf(const BundleContext& ctx) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter w(&buffer);
        w.setResolution(72);  // one logical unit = one point
        w.setPageSize(QPageSize(QPageSize::A4));
        w.setPageMargins(QMarginsF(0, 0, 0, 0));
        w.setTitle(QStringLiteral("Quarry evidence report %1").arg(ctx.bundleId));
        w.setCreator(ctx.tool);
        Pages pg(w, QStringLiteral("Quarry evidence bundle %1, case %2")
                        .arg(ctx.bundleId, plain(ctx.caseId, 80)));
        titlePage(pg, ctx);
        summary(pg, ctx);
        story(pg, ctx);
        clusters(pg, ctx, chartGroups(ctx));
        accountTable(pg, ctx);
        tagsAndNotes(pg, ctx);
    }
    return bytes;
}

}  // namespace quarry::report
