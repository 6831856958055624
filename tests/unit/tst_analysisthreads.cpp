// SPDX-License-Identifier: GPL-3.0-or-later
// The analysis spreads its heaviest work over threads (prompt labelling) and flat tables (the
// account-pair index of the link builder). Neither may change what the analysis concludes: the
// content pass gives the same topics, flags, samples and tallies with one labelling thread or
// several, and the flat index behaves as a map.
#include <QtTest>

#include <map>
#include <random>
#include <set>

#include "analysis/contentpass.h"
#include "analysis/taxonomy.h"
#include "analysis/topicclassifier.h"
#include "analysistestutil.h"
#include "core/flatpairindex.h"

using namespace quarry;
using namespace quarry::test;

class TestAnalysisThreads final : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    // Enough rows for a dozen batches of the content pass, with prompts of several topics,
    // some eliciting reasoning, some empty.
    std::unique_ptr<CaseFile> buildCase() {
        const QStringList prompts = {
            QStringLiteral("Write a Python function that parses a CSV file and returns the rows as "
                           "dicts, item %1"),
            QStringLiteral("Solve step by step: a train leaves at %1 km/h, when does it arrive? "
                           "Show your reasoning."),
            QStringLiteral(
                "Translate this paragraph into French, keep the tone formal, paragraph number %1"),
            QStringLiteral("Summarise the attached quarterly report in five bullet points for the "
                           "board, report %1"),
            QString(),
            QStringLiteral("Think carefully and explain your chain of thought before answering "
                           "question %1 about proofs"),
        };
        CaseBuilder b;
        std::mt19937 rng(7);
        for (int i = 0; i < 60000; ++i) {
            Req r;
            r.ts = kStart + i * 60000LL;
            r.account = QStringLiteral("acct-%1").arg(rng() % 150);
            r.ip = QStringLiteral("198.51.100.%1").arg(rng() % 40);
            r.ua = QStringLiteral("sdk/%1").arg(rng() % 3);
            r.payment = QStringLiteral("card-%1").arg(rng() % 20);
            const QString p = prompts[static_cast<int>(rng() % prompts.size())];
            r.prompt = p.isEmpty() ? p : p.arg(rng() % 1000);
            r.promptTokens = static_cast<int>(rng() % 500);
            r.completionTokens = static_cast<int>(rng() % 900);
            b.add(r);
        }
        return b.build(dir_.path());
    }

    static bool runPass(CaseFile& file, const TopicClassifier& classifier, int threads,
                        ContentPassOutput& out) {
        ContentPassInput in;
        in.db = file.db();
        in.labelThreads = threads;
        in.makeLabeler = [&]() -> PromptLabeler {
            auto scratch = std::make_shared<TopicClassifier::Scratch>(classifier.makeScratch());
            return [&, scratch](std::string_view prompt, int& topic, bool& cot) {
                const auto r = classifier.classify(prompt, *scratch);
                topic = r.topic;
                cot = r.cot;
            };
        };
        QString error;
        return runContentPass(in, out, &error);
    }

private slots:
    void contentPassDoesNotDependOnThreads() {
        auto file = buildCase();
        QVERIFY(file);
        QString error;
        auto classifier = TopicClassifier::create(Taxonomy::builtin(), &error);
        QVERIFY2(classifier, qPrintable(error));
        ContentPassOutput one, many;
        QVERIFY(runPass(*file, *classifier, 1, one));
        QVERIFY(runPass(*file, *classifier, 4, many));
        QCOMPARE(one.rows, 60000);
        QCOMPARE(many.rows, one.rows);
        QVERIFY(one.requestTopic == many.requestTopic);
        QVERIFY(one.requestFlags == many.requestFlags);
        // The prompts do land in different topics and some elicit reasoning: the comparison
        // above is not between two empty labellings.
        std::set<uint8_t> topics(one.requestTopic.begin() + 1, one.requestTopic.end());
        QVERIFY(topics.size() >= 3);
        int64_t cot = 0;
        for (uint8_t f : one.requestFlags) cot += (f & kRequestCot) != 0;
        QVERIFY(cot > 5000 && cot < 40000);
        QCOMPARE(many.accounts.size(), one.accounts.size());
        for (size_t a = 0; a < one.accounts.size(); ++a) {
            const auto &x = one.accounts[a], &y = many.accounts[a];
            QCOMPARE(y.n, x.n);
            QCOMPARE(y.cot, x.cot);
            QVERIFY(y.topics == x.topics);
            QVERIFY(y.ips == x.ips);
            QVERIFY(y.payments == x.payments);
            QCOMPARE(y.sample.size(), x.sample.size());
            for (size_t i = 0; i < x.sample.size(); ++i) {
                QCOMPARE(y.sample[i].rank, x.sample[i].rank);
                QVERIFY(y.sample[i].sig == x.sample[i].sig);
            }
        }
    }

    void flatIndexIsAMap() {
        FlatPairIndex index(4);  // starts tiny: every growth step is exercised
        std::map<uint64_t, uint32_t> reference;
        std::mt19937_64 rng(3);
        for (uint32_t i = 0; i < 200000; ++i) {
            // Keys shaped like account pairs (a << 32 | b), many repeated, some colliding low bits.
            const uint64_t a = rng() % 3000, b = a + 1 + rng() % 3000;
            const uint64_t key = (a << 32) | b;
            bool inserted = false;
            const uint32_t got = index.findOrInsert(key, i, inserted);
            const auto [it, fresh] = reference.try_emplace(key, i);
            QCOMPARE(inserted, fresh);
            QCOMPARE(got, it->second);
        }
        QCOMPARE(index.size(), reference.size());
    }
};

QTEST_GUILESS_MAIN(TestAnalysisThreads)
#include "tst_analysisthreads.moc"
