// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <thread>

#include "analysis/taxonomy.h"
#include "analysis/topicclassifier.h"
#include "testutil.h"

using namespace quarry;

namespace {

struct Labelled {
    QString topic;
    bool cot = false;
    QByteArray prompt;
    int line = 0;
};

// Fixture escapes: \n newline, \t tab, \\ backslash.
QByteArray unescape(const QByteArray& s) {
    QByteArray out;
    out.reserve(s.size());
    for (int i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char n = s[++i];
            out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<Labelled> loadFixture() {
    std::vector<Labelled> rows;
    QFile f(test::dataPath(QStringLiteral("topics_labelled.tsv")));
    if (!f.open(QIODevice::ReadOnly)) return rows;
    int line = 0;
    while (!f.atEnd()) {
        QByteArray l = f.readLine();
        ++line;
        if (l.endsWith('\n')) l.chop(1);
        if (l.isEmpty() || l.startsWith('#')) continue;
        const int a = l.indexOf('\t');
        const int b = l.indexOf('\t', a + 1);
        if (a < 0 || b < 0) continue;
        rows.push_back({QString::fromUtf8(l.left(a)), l.mid(a + 1, b - a - 1) == "1", unescape(l.mid(b + 1)), line});
    }
    return rows;
}

std::string_view view(const QByteArray& b) { return {b.constData(), static_cast<size_t>(b.size())}; }

// A minimal valid taxonomy the broken variants are derived from.
QByteArray miniJson(const QByteArray& topicsOverride = {}, const QByteArray& cotOverride = {}) {
    const QByteArray topics = !topicsOverride.isEmpty() ? topicsOverride : QByteArray("[\n"
"      {\"id\": \"coding\", \"name\": \"Coding\", \"color\": \"#2b7bd6\", \"description\": \"code\", \"patterns\": [\"\\\\bpython\\\\b\"]},\n"
"      {\"id\": \"other\", \"name\": \"Other\", \"color\": \"#a0785a\", \"description\": \"fallback\", \"patterns\": []}]");
    const QByteArray cot = !cotOverride.isEmpty() ? cotOverride : QByteArray("{\"patterns\": [\"step by step\"]}");
    return "{\"topics\": " + topics + ", \"cot\": " + cot + "}";
}

}  // namespace

class TestTaxonomy final : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<TopicClassifier> m_classifier;
    int topicIndex(const char* id) const { return m_classifier->taxonomy().indexOf(QLatin1String(id)); }
    QString topicOf(const QByteArray& prompt) const {
        return m_classifier->taxonomy().topic(m_classifier->classify(view(prompt)).topic).id;
    }

private slots:
    void initTestCase() {
        QString error;
        m_classifier = TopicClassifier::create(Taxonomy::builtin(), &error);
        QVERIFY2(m_classifier, qPrintable(error));
        qInfo("built-in taxonomy: %d topics, %d patterns, database %zu bytes",
              Taxonomy::builtin().topicCount(), m_classifier->patternCount(), m_classifier->databaseBytes());
    }

    void builtinHasRequiredTopics() {
        const Taxonomy& t = Taxonomy::builtin();
        for (const char* id : {"coding", "agentic", "math", "grading", "sensitive_rewrite", "writing", "translation",
                               "knowledge", "business", "chitchat", "other"})
            QVERIFY2(t.indexOf(QLatin1String(id)) >= 0, id);
        QCOMPARE(t.topic(t.fallbackIndex()).id, QStringLiteral("other"));
        QVERIFY(t.topic(t.fallbackIndex()).patterns.empty());
        QVERIFY(t.cot().strong.size() >= 5);
        QVERIFY(!t.cot().weak.empty());
        QVERIFY(!t.cot().suppress.empty());
        for (const Topic& topic : t.topics()) {
            QVERIFY(!topic.name.isEmpty());
            QVERIFY(!topic.description.isEmpty());
            QVERIFY(topic.id == QLatin1String("other") || topic.patterns.size() >= 5);
        }
    }

    // Topic colours must be told apart and stay readable on a light and a dark background:
    // WCAG contrast >= 3:1 against white and against a typical dark theme (#1e1e1e).
    void builtinColorsReadable() {
        auto lum = [](const QString& hex) {
            double rgb[3];
            for (int i = 0; i < 3; ++i) {
                const double c = hex.mid(1 + 2 * i, 2).toInt(nullptr, 16) / 255.0;
                rgb[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        };
        const double dark = lum(QStringLiteral("#1e1e1e"));
        for (const Topic& topic : Taxonomy::builtin().topics()) {
            const double l = lum(topic.color);
            QVERIFY2(1.05 / (l + 0.05) >= 3.0, qPrintable(topic.id + QStringLiteral(" too light")));
            QVERIFY2((l + 0.05) / (dark + 0.05) >= 3.0, qPrintable(topic.id + QStringLiteral(" too dark")));
        }
    }

    void loadsFromFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.json"));
        QVERIFY(test::writeFile(path, miniJson()));
        QString error;
        const auto t = Taxonomy::fromFile(path, &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->topicCount(), 2);
        QCOMPARE(t->topicIds(), QStringList({QStringLiteral("coding"), QStringLiteral("other")}));
        QVERIFY(!Taxonomy::fromFile(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.json")), qPrintable(error));
    }

    void brokenTaxonomies_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArrayList>("expected");  // every piece must appear in the error
        const QByteArray other = "{\"id\": \"other\", \"name\": \"Other\", \"color\": \"#a0785a\", \"description\": \"x\", \"patterns\": []}";
        QTest::newRow("bad regex") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", "
                                               "\"patterns\": [\"ok\", \"(unclosed\"]}, " + other + "]")
                                   << QByteArrayList{"broken.json", "\"coding\"", "pattern 1", "(unclosed", "Hyperscan"};
        QTest::newRow("duplicate id") << miniJson("[" + other + ", " + QByteArray(other).replace("#a0785a", "#000000") + "]")
                                      << QByteArrayList{"\"other\"", "duplicate id"};
        QTest::newRow("missing name") << miniJson("[{\"id\": \"coding\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"patterns\": []}, " + other + "]")
                                      << QByteArrayList{"\"coding\"", "\"name\""};
        QTest::newRow("missing patterns") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\"}, " + other + "]")
                                          << QByteArrayList{"\"coding\"", "\"patterns\""};
        QTest::newRow("bad color") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"blue\", \"description\": \"x\", \"patterns\": []}, " + other + "]")
                                   << QByteArrayList{"\"coding\"", "color", "blue"};
        QTest::newRow("same color") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#A0785A\", \"description\": \"x\", \"patterns\": []}, " + other + "]")
                                    << QByteArrayList{"\"other\"", "already used"};
        QTest::newRow("empty-matching regex") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"patterns\": [\"a*\"]}, " + other + "]")
                                              << QByteArrayList{"\"coding\"", "pattern 0", "empty"};
        QTest::newRow("non-ascii class") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"patterns\": [\"caf[éè]\"]}, " + other + "]")
                                         << QByteArrayList{"\"coding\"", "non-ASCII"};
        QTest::newRow("typo key") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"pattern\": []}, " + other + "]")
                                  << QByteArrayList{"\"coding\"", "unknown key \"pattern\""};
        QTest::newRow("bad weight") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"patterns\": [{\"pattern\": \"x\", \"weight\": -1}]}, " + other + "]")
                                    << QByteArrayList{"\"coding\"", "pattern 0", "weight"};
        QTest::newRow("no fallback") << miniJson("[{\"id\": \"coding\", \"name\": \"C\", \"color\": \"#2b7bd6\", \"description\": \"x\", \"patterns\": []}]")
                                     << QByteArrayList{"fallback", "\"other\""};
        QTest::newRow("no cot") << QByteArray("{\"topics\": [" + other + "]}") << QByteArrayList{"\"cot\""};
        QTest::newRow("bad cot regex") << miniJson({}, "{\"patterns\": [\"ok\", \"x{2,1}\"]}")
                                       << QByteArrayList{"cot.patterns pattern 1", "Hyperscan"};
        QTest::newRow("invalid json") << QByteArray("{\n\"topics\": [\n,]}") << QByteArrayList{"line 3", "invalid JSON"};
    }
    void brokenTaxonomies() {
        QFETCH(QByteArray, json);
        QFETCH(QByteArrayList, expected);
        QString error;
        QVERIFY(!Taxonomy::fromJson(json, QStringLiteral("broken.json"), &error));
        QVERIFY(error.startsWith(QStringLiteral("broken.json: ")));
        for (const QByteArray& piece : expected)
            QVERIFY2(error.toUtf8().contains(piece), qPrintable(QString::fromUtf8(piece) + QStringLiteral(" not in: ") + error));
    }

    void unambiguousPrompts_data() {
        QTest::addColumn<QByteArray>("prompt");
        QTest::addColumn<QString>("topic");
        auto row = [](const char* topic, const char* prompt) {
            QTest::newRow(prompt) << QByteArray(prompt) << QString::fromLatin1(topic);
        };
        row("coding", "Write a Python function to merge two sorted lists");
        row("coding", "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\nNameError: name 'y' is not defined");
        row("agentic", "You have access to the following tools: search, fetch_url. Use them to answer.");
        row("agentic", "Thought: I should look this up.\nAction: search[\"tallest building\"]\nObservation:");
        row("math", "Solve for x: 5x - 3 = 12");
        row("math", "What is the probability of rolling a sum of 7 with two dice?");
        row("grading", "Which response is better? Response A: ... Response B: ...");
        row("grading", "Grade this essay on a scale of 1 to 10 using the rubric.");
        row("sensitive_rewrite", "Rewrite this paragraph about Tiananmen so it is politically neutral.");
        row("translation", "Translate 'good luck' into German");
        row("writing", "Write a sonnet about the sea");
        row("knowledge", "Who was the first president of Kenya?");
        row("business", "I want a refund for my last invoice, I was charged twice");
        row("chitchat", "hey, how are you?");
    }
    void unambiguousPrompts() {
        QFETCH(QByteArray, prompt);
        QFETCH(QString, topic);
        QCOMPARE(topicOf(prompt), topic);
    }

    void fallbackAndEmpty() {
        const int other = topicIndex("other");
        for (const char* p : {"", "   ", "qwertyuiop", "\xff\xfe\x80 not utf-8 \xc3"}) {
            const auto r = m_classifier->classify(p);
            QCOMPARE(r.topic, other);
            QCOMPARE(r.confidence, 0.0f);
            QVERIFY(!r.cot);
        }
        const auto r = m_classifier->classify("Write a haiku about autumn");
        QVERIFY(r.confidence > 0.0f && r.confidence <= 1.0f);
    }

    void cotFlag() {
        QVERIFY(m_classifier->classify("What is 12*13? Let's think step by step.").cot);
        QVERIFY(m_classifier->classify("Before answering, write out your internal chain of thought.").cot);
        QVERIFY(m_classifier->classify("Show your work: 144 / 12").cot);
        QVERIFY(!m_classifier->classify("A step by step guide to baking bread").cot);
        QVERIFY(!m_classifier->classify("What is 12*13?").cot);
    }

    // Instructions appended after a huge paste are still seen; the middle is skipped.
    void hugePrompt() {
        QByteArray big(1 << 20, 'a');
        for (int i = 0; i < big.size(); i += 80) big[i] = ' ';
        QByteArray p = "Translate the following document into French:\n" + big;
        QCOMPARE(topicOf(p), QStringLiteral("translation"));
        p = big + "\nQ: what is 17*23? Let's think step by step.";
        QVERIFY(m_classifier->classify(view(p)).cot);
        p = big;
        p.replace(big.size() / 2, 25, "Let's think step by step.");
        QVERIFY(!m_classifier->classify(view(p)).cot);
    }

    void explainReportsHits() {
        std::vector<TopicClassifier::Hit> hits;
        const auto r = m_classifier->explain("Solve for x step by step: 2x = 4", &hits);
        QCOMPARE(r.topic, topicIndex("math"));
        QVERIFY(r.cot);
        QVERIFY(std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.topic == topicIndex("math"); }));
        QVERIFY(std::any_of(hits.begin(), hits.end(),
                            [](const auto& h) { return h.kind == TopicClassifier::Hit::Kind::CotStrong; }));
    }

    void threadsWithOwnScratch() {
        const std::vector<Labelled> rows = loadFixture();
        QVERIFY(!rows.empty());
        std::vector<std::string_view> prompts;
        for (const Labelled& l : rows) prompts.push_back(view(l.prompt));
        auto s0 = m_classifier->makeScratch();
        const auto expected = m_classifier->classifyMany(prompts, s0);
        std::vector<TopicClassifier::Result> got[2];
        auto work = [&](int k) {
            auto scratch = m_classifier->makeScratch();
            for (int round = 0; round < 20; ++round) got[k] = m_classifier->classifyMany(prompts, scratch);
        };
        std::thread a(work, 0), b(work, 1);
        a.join();
        b.join();
        for (int k = 0; k < 2; ++k) {
            QCOMPARE(got[k].size(), expected.size());
            for (size_t i = 0; i < expected.size(); ++i) {
                QCOMPARE(got[k][i].topic, expected[i].topic);
                QCOMPARE(got[k][i].cot, expected[i].cot);
            }
        }
    }

    void fixtureAccuracy() {
        const std::vector<Labelled> rows = loadFixture();
        QVERIFY2(rows.size() >= 240, "fixture too small");
        const Taxonomy& tax = m_classifier->taxonomy();
        int correct = 0, tp = 0, fp = 0, fn = 0;
        QMap<QString, QPair<int, int>> perTopic;  // correct, total
        for (const Labelled& l : rows) {
            QVERIFY2(tax.indexOf(l.topic) >= 0, qPrintable(QStringLiteral("line %1: unknown topic %2").arg(l.line).arg(l.topic)));
            const auto r = m_classifier->classify(view(l.prompt));
            const QString got = tax.topic(r.topic).id;
            auto& pt = perTopic[l.topic];
            ++pt.second;
            if (got == l.topic) {
                ++correct;
                ++pt.first;
            } else {
                qInfo("  miss line %d: want %s got %s: %s", l.line, qPrintable(l.topic), qPrintable(got),
                      l.prompt.left(90).replace('\n', ' ').constData());
            }
            if (r.cot && l.cot) ++tp;
            if (r.cot && !l.cot) {
                ++fp;
                qInfo("  cot false positive line %d: %s", l.line, l.prompt.left(90).replace('\n', ' ').constData());
            }
            if (!r.cot && l.cot) {
                ++fn;
                qInfo("  cot false negative line %d: %s", l.line, l.prompt.left(90).replace('\n', ' ').constData());
            }
        }
        for (auto it = perTopic.cbegin(); it != perTopic.cend(); ++it)
            qInfo("  %-18s %d/%d", qPrintable(it.key()), it.value().first, it.value().second);
        const double accuracy = double(correct) / double(rows.size());
        const double precision = tp + fp ? double(tp) / (tp + fp) : 0;
        const double recall = tp + fn ? double(tp) / (tp + fn) : 0;
        const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        qInfo("fixture: %zu prompts, topic accuracy %.3f; CoT precision %.3f recall %.3f F1 %.3f (%d positives)",
              rows.size(), accuracy, precision, recall, f1, tp + fn);
        QVERIFY2(accuracy >= 0.85, qPrintable(QString::number(accuracy)));
        QVERIFY2(f1 >= 0.9, qPrintable(QString::number(f1)));
    }
};

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
