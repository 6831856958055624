// SPDX-License-Identifier: GPL-3.0-or-later
// Single-thread throughput of TopicClassifier: classifies N synthetic prompts built from the
// hand-labelled fixture with varied suffixes and prints prompts/s and MB/s. A measurement,
// not a test: nothing is asserted.
//   topic_bench [count=2000000] [fixture=tests/data/topics_labelled.tsv]
#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <string>
#include <vector>

#include "analysis/taxonomy.h"
#include "analysis/topicclassifier.h"

using namespace quarry;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const long long count = argc > 1 ? std::atoll(argv[1]) : 2000000;
    const QString fixture = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                     : QStringLiteral(QUARRY_TEST_DATA "/topics_labelled.tsv");
    QFile f(fixture);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "topic_bench: cannot open %s\n", qPrintable(fixture));
        return 1;
    }
    std::vector<std::string> base;
    while (!f.atEnd()) {
        QByteArray l = f.readLine().trimmed();
        if (l.isEmpty() || l.startsWith('#')) continue;
        const int b = l.indexOf('\t', l.indexOf('\t') + 1);
        base.push_back(l.mid(b + 1).replace("\\n", "\n").toStdString());
    }
    // Suffixes vary the bytes (ids, numbers, context sentences) the way harvest templates do,
    // so the same few hundred prompts are not scanned from cache-identical text every time.
    const char* suffixes[] = {"", " thanks", "\n\nContext: ticket 48213, priority high.", " (v2)",
                              "\nPlease answer in under 100 words.", " Reply in JSON.",
                              "\n-- sent from my phone", " Be concise and accurate."};
    const size_t distinct = 64 * 1024;  // ~ a few MB of text, larger than the CPU caches
    std::vector<std::string> prompts;
    prompts.reserve(distinct);
    for (size_t i = 0; i < distinct; ++i)
        prompts.push_back(base[i % base.size()] + suffixes[(i / base.size()) % 8] + " #" + std::to_string(i));

    QString error;
    const auto classifier = TopicClassifier::create(Taxonomy::builtin(), &error);
    if (!classifier) {
        std::fprintf(stderr, "topic_bench: %s\n", qPrintable(error));
        return 1;
    }
    auto scratch = classifier->makeScratch();
    QElapsedTimer timer;
    timer.start();
    unsigned long long bytes = 0, cot = 0, checksum = 0;
    for (long long i = 0; i < count; ++i) {
        const std::string& p = prompts[static_cast<size_t>(i) % distinct];
        const auto r = classifier->classify(p, scratch);
        bytes += p.size();
        cot += r.cot;
        checksum += static_cast<unsigned>(r.topic);
    }
    const double secs = timer.nsecsElapsed() / 1e9;
    std::printf("topic_bench: %lld prompts, %.1f MB, %d patterns, db %zu KiB, 1 thread: %.2f s, %.0f prompts/s, %.1f MB/s"
                " (cot %llu, checksum %llu)\n",
                count, bytes / 1e6, classifier->patternCount(), classifier->databaseBytes() / 1024, secs,
                count / secs, bytes / 1e6 / secs, cot, checksum);
    return 0;
}
