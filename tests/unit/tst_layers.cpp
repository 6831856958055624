// SPDX-License-Identifier: GPL-3.0-or-later
// The include arrows of docs/architecture.md, read from the sources themselves: a file includes
// only its own folder and the layers its folder may use, the dashboard's widgets and window
// hold no SQL, and quarry_widgets does not link SQLite. A newcomer who adds an include that
// points the wrong way finds out here, with the file, the line and the rule.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace {

QString sourceRoot() {
    return QDir::cleanPath(QStringLiteral(QUARRY_TEST_DATA "/../.."));
}

// Which layers each folder may include, as docs/architecture.md draws them.
QHash<QString, QSet<QString>> allowedLayers() {
    const QSet<QString> base{QStringLiteral("core"), QStringLiteral("store")};
    QSet<QString> engine = base;
    engine += {QStringLiteral("ingest"), QStringLiteral("analysis"), QStringLiteral("evidence"),
               QStringLiteral("generate")};
    const QSet<QString> report =
        base + QSet<QString>{QStringLiteral("evidence"), QStringLiteral("report")};
    const QSet<QString> jobs =
        engine + QSet<QString>{QStringLiteral("report"), QStringLiteral("jobs")};
    const QSet<QString> items = jobs + QSet<QString>{QStringLiteral("items")};
    const QSet<QString> widgets = items + QSet<QString>{QStringLiteral("widgets")};
    QHash<QString, QSet<QString>> allowed;
    allowed.insert(QStringLiteral("models/core"), {QStringLiteral("core")});
    allowed.insert(QStringLiteral("models/store"), base);
    for (const char* sibling : {"ingest", "analysis", "evidence", "generate"})
        allowed.insert(QStringLiteral("models/") + QLatin1String(sibling),
                       base + QSet<QString>{QLatin1String(sibling)});
    allowed.insert(QStringLiteral("models/report"), report);
    allowed.insert(QStringLiteral("models/jobs"), jobs);
    allowed.insert(QStringLiteral("models/items"), items);
    allowed.insert(QStringLiteral("widgets"), widgets);
    allowed.insert(QStringLiteral("app/gui"), widgets + QSet<QString>{QStringLiteral("app/gui")});
    allowed.insert(QStringLiteral("app/cli"), jobs + QSet<QString>{QStringLiteral("app/cli")});
    return allowed;
}

// The layer an include names by its first path component ("store/casefile.h" -> store).
QString layerOfInclude(const QString& include) {
    static const QSet<QString> widgetRooms{
        QStringLiteral("plots"),  QStringLiteral("graph"),   QStringLiteral("importwizard"),
        QStringLiteral("panels"), QStringLiteral("dialogs"), QStringLiteral("editing")};
    const QString first = include.section(QLatin1Char('/'), 0, 0);
    return widgetRooms.contains(first) ? QStringLiteral("widgets") : first;
}

// The folder a source file belongs to: models/<layer>, widgets or app/<program>.
QString folderOf(const QString& relativePath) {
    const QStringList parts = relativePath.split(QLatin1Char('/'));
    if (parts.first() == QLatin1String("widgets")) return parts.first();
    return parts.mid(0, 2).join(QLatin1Char('/'));
}

QStringList sources(const QString& folder) {
    QStringList out;
    QDirIterator it(sourceRoot() + QLatin1Char('/') + folder,
                    {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) out << it.next();
    out.sort();
    return out;
}

QString relative(const QString& path) {
    return QDir(sourceRoot()).relativeFilePath(path);
}

}  // namespace

class TestLayers final : public QObject {
    Q_OBJECT
private slots:
    void includesPointDown() {
        const auto allowed = allowedLayers();
        const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\""));
        QStringList violations;
        int checked = 0;
        for (const QString& folder :
             {QStringLiteral("models"), QStringLiteral("widgets"), QStringLiteral("app")}) {
            for (const QString& path : sources(folder)) {
                const QString rel = relative(path);
                const QString from = folderOf(rel);
                QVERIFY2(allowed.contains(from),
                         qPrintable(rel + QStringLiteral(": folder has no rule")));
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                int line = 0;
                while (!f.atEnd()) {
                    ++line;
                    const auto m = include.match(QString::fromUtf8(f.readLine()));
                    if (!m.hasMatch()) continue;
                    const QString target = m.captured(1);
                    ++checked;
                    if (!target.contains(QLatin1Char('/'))) {
                        // A bare name is the file's own folder; anything else must say its layer.
                        if (!QFileInfo::exists(QFileInfo(path).dir().filePath(target)))
                            violations << QStringLiteral(
                                              "%1:%2: \"%3\" is not beside it; include it by its "
                                              "layer path")
                                              .arg(rel)
                                              .arg(line)
                                              .arg(target);
                        continue;
                    }
                    const QString layer = layerOfInclude(target);
                    const QString own = from.section(QLatin1Char('/'), -1);
                    if (layer == own || allowed.value(from).contains(layer)) continue;
                    violations << QStringLiteral(
                                      "%1:%2: %3 may not include %4 (docs/architecture.md)")
                                      .arg(rel)
                                      .arg(line)
                                      .arg(from, target);
                }
            }
        }
        QVERIFY2(checked > 300,
                 "the include scan found too few includes to be reading the sources");
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char('\n'))));
    }

    // The acceptance check of issue 13: widgets draw and edit, the window is a frame; the reads
    // live in models/items.
    void noSqlInWidgetsOrWindow() {
        const QRegularExpression sql(
            QStringLiteral("\\b(SELECT\\s|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|"
                           "CREATE\\s+(TABLE|INDEX))"
                           "|sqlite3_\\w+\\(|<sqlite3\\.h>|sql::"));
        QStringList found;
        int files = 0;
        for (const QString& folder : {QStringLiteral("widgets"), QStringLiteral("app/gui")}) {
            for (const QString& path : sources(folder)) {
                ++files;
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                int line = 0;
                while (!f.atEnd()) {
                    ++line;
                    const QString text = QString::fromUtf8(f.readLine());
                    if (sql.match(text).hasMatch())
                        found << QStringLiteral("%1:%2: %3")
                                     .arg(relative(path))
                                     .arg(line)
                                     .arg(text.trimmed());
                }
            }
        }
        QVERIFY(files > 40);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void widgetsDoNotLinkSqlite() {
        QFile f(sourceRoot() + QStringLiteral("/widgets/CMakeLists.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString cmake = QString::fromUtf8(f.readAll());
        QVERIFY(cmake.contains(QLatin1String("quarry_items")));
        QVERIFY2(!cmake.contains(QLatin1String("SQLite::")), "quarry_widgets links SQLite");
    }

    // Each room of widgets/ says what lives there.
    void everyWidgetRoomSaysWhatItHolds() {
        const QDir widgets(sourceRoot() + QStringLiteral("/widgets"));
        const QStringList rooms = widgets.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(rooms.size() >= 5);
        for (const QString& room : rooms) {
            QFile readme(widgets.filePath(room + QStringLiteral("/README.md")));
            QVERIFY2(readme.open(QIODevice::ReadOnly),
                     qPrintable(room + QStringLiteral(" has no README.md")));
            QVERIFY2(readme.readAll().trimmed().size() > 20,
                     qPrintable(room + QStringLiteral("/README.md is empty")));
        }
        QVERIFY2(widgets.entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files)
                     .isEmpty(),
                 "widgets/ holds files outside its rooms");
    }
};

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
