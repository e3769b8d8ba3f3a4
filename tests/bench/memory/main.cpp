// bench_memory (issue 17): what a long run costs in memory. One closed-loop level of short
// requests (-c 64, 2 output tokens by default) by Plateau's real client (SweepRunner, with
// its journal, as plateau-cli runs it) against a `plateau-cli sim` process on loopback:
//   - RSS (and glibc heap in use, mallinfo2) after the checkpoint's requests and after all
//   - the same after malloc_trim(0): what is heap the program holds, not glibc's free lists
//   - bytes per request between the two points
//   - the time to save the results JSON (ResultsJson::save, as plateau-cli --out does),
//     the file's size and the peak RSS while saving
//   - the time to open it again (ResultsJson::load, as compare/merge and the GUI do) and the
//     peak RSS while reading
// --synthetic: no run; a run of N simulator-shaped 2-token records is made in memory
// (ShortRequestRun), then saved and opened. --keep FILE: the results go to FILE and stay there
// (e.g. to open a 1 M-request file in the GUI, bench_ui --open FILE); delete it afterwards.
// Past RecordStore::memoryBudget() the oldest packed records go to a spill file: --no-spill
// keeps them all in memory, as before, for comparison.
// Usage: bench_memory [--requests N] [--checkpoint N] [--concurrency N] [--output-tokens N]
//                     [--quick] [--synthetic] [--keep FILE] [--no-spill]
#include "common/monotonicclock.h"
#include "metrics/latencystats.h"
#include "procstatus.h"
#include "record/recordstore.h"
#include "results/resultsjson.h"
#include "shortrequestrun.h"
#include "simprocess.h"
#include "sweep/sweeprunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <limits>
#include <malloc.h>

namespace {
void print(const QString& text) {
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

struct MemoryPoint {
    qint64 requests = 0;
    qint64 rssKb = 0;
    qint64 heapKb = 0; // glibc heap in use (mallinfo2 uordblks + hblkhd)
    qint64 trimmedRssKb = 0;
};

MemoryPoint measure(qint64 requests) {
    MemoryPoint point;
    point.requests = requests;
    point.rssKb = ProcStatus::kb("VmRSS");
    const struct mallinfo2 info = mallinfo2();
    point.heapKb = qint64((info.uordblks + info.hblkhd) / 1024);
    malloc_trim(0);
    point.trimmedRssKb = ProcStatus::kb("VmRSS");
    return point;
}

QString mb(qint64 kb) {
    return QString::number(double(kb) / 1024.0, 'f', 1) + QStringLiteral(" MB");
}

// The packed records: in memory, and in the spill file past the budget.
QString packedText(const RecordStore& records) {
    return QStringLiteral("packed: %1 in memory, %2 in the spill file")
        .arg(mb(records.packedBytes() / 1024), mb(records.spilledBytes() / 1024));
}

// The unflattering comparison for the level's end: its inter-token gaps held in one list and
// sorted, as LevelAggregator did before it kept only their order statistics (8 bytes a gap).
void pooledGapsHeld(const RecordStore& records) {
    malloc_trim(0);
    const qint64 before = ProcStatus::kb("VmRSS");
    ProcStatus::resetPeak();
    const qint64 t0 = MonotonicClock::nowNs();
    QList<double> gaps;
    for (const RequestRecord& r : records)
        gaps.append(r.itlMs());
    const LatencyStats held = LatencyStats::compute(std::move(gaps));
    print(QStringLiteral("  for comparison, the %1 inter-token gaps held and sorted (as before): "
                         "%2 s; RSS %3 before, peak %4 during it")
              .arg(held.count)
              .arg(double(MonotonicClock::nowNs() - t0) / 1e9, 0, 'f', 2)
              .arg(mb(before), mb(ProcStatus::kb("VmHWM"))));
}

void report(const MemoryPoint& p) {
    print(QStringLiteral("  after %1 requests: RSS %2, heap in use %3, RSS after malloc_trim %4")
              .arg(p.requests)
              .arg(mb(p.rssKb), mb(p.heapKb), mb(p.trimmedRssKb)));
}

Profile benchProfile(const QUrl& url, int concurrency, int requests, int outputTokens) {
    Profile profile = Profile::defaultProfile();
    EndpointConfig& endpoint = profile.endpoints.first();
    endpoint.url = url;
    endpoint.model = QStringLiteral("plateau-sim");
    profile.plan.concurrencies = {concurrency};
    profile.plan.requestsPerLevel = requests;
    profile.plan.durationPerLevelS = 0;
    profile.plan.warmupRequests = 0;
    profile.prompts.inputTokens = 32;
    profile.prompts.outputTokens = outputTokens;
    profile.prompts.calibrate = false;
    profile.budget = {};
    return profile;
}

struct Settings {
    int requests = 1'000'000;
    int checkpoint = 100'000;
    int concurrency = 64;
    int outputTokens = 2;
};

// Runs the level; the memory at the checkpoint and at the end (the result still held).
bool runLevel(const QUrl& url, const Settings& s, const QString& journal, RunResult* result,
              MemoryPoint* atCheckpoint, MemoryPoint* atEnd) {
    SweepRunner runner;
    runner.setProfile(benchProfile(url, s.concurrency, s.requests, s.outputTokens));
    runner.setJournalPath(journal);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&runner, &SweepRunner::finished, &loop, [&](const RunResult& r) {
        *result = r;
        finished = true;
        loop.quit();
    });
    QTimer poll;
    bool checkpointTaken = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const RunProgress progress = runner.progress();
        if (!checkpointTaken && progress.requestsDone >= s.checkpoint) {
            checkpointTaken = true;
            *atCheckpoint = measure(progress.requestsDone);
        }
    });
    poll.start(50);
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(3'600'000);
    runner.start();
    if (!finished)
        loop.exec();
    poll.stop();
    if (!finished) {
        runner.stop();
        print(QStringLiteral("  the run did not finish in an hour"));
        return false;
    }
    *atEnd = measure(result->records.size());
    return checkpointTaken;
}

void load(const QString& path) {
    malloc_trim(0);
    const qint64 before = ProcStatus::kb("VmRSS");
    ProcStatus::resetPeak();
    const qint64 t0 = MonotonicClock::nowNs();
    QString error;
    const std::optional<RunResult> loaded = ResultsJson::load(path, &error);
    const double seconds = double(MonotonicClock::nowNs() - t0) / 1e9;
    if (!loaded) {
        print(QStringLiteral("  load failed: ") + error);
        return;
    }
    print(QStringLiteral("  opened again in %1 s (%2 requests); RSS %3 before, peak %4 while "
                         "reading, %5 holding it")
              .arg(seconds, 0, 'f', 2)
              .arg(loaded->records.size())
              .arg(mb(before), mb(ProcStatus::kb("VmHWM")), mb(ProcStatus::kb("VmRSS"))));
}

void save(const RunResult& result, const QString& path) {
    malloc_trim(0);
    const qint64 before = ProcStatus::kb("VmRSS");
    ProcStatus::resetPeak();
    const qint64 t0 = MonotonicClock::nowNs();
    QString error;
    const bool ok = ResultsJson::save(result, path, &error);
    const double seconds = double(MonotonicClock::nowNs() - t0) / 1e9;
    if (!ok) {
        print(QStringLiteral("  save failed: ") + error);
        return;
    }
    print(QStringLiteral("  results JSON saved in %1 s (%2 bytes); RSS %3 before, peak %4 while "
                         "saving")
              .arg(seconds, 0, 'f', 2)
              .arg(QFileInfo(path).size())
              .arg(mb(before), mb(ProcStatus::kb("VmHWM"))));
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption requests(QStringLiteral("requests"),
                                      QStringLiteral("requests in the level (default 1000000)"),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
                                        QStringLiteral("first measuring point (default 100000)"),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         QStringLiteral("workers (default 64)"),
                                         QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption outputTokens(QStringLiteral("output-tokens"),
                                          QStringLiteral("max_tokens (default 2)"),
                                          QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("100,000 requests, checkpoint at 20,000"));
    const QCommandLineOption synthetic(
        QStringLiteral("synthetic"),
        QStringLiteral("no run: N simulator-shaped records made in memory, saved and opened"));
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("save the results to FILE and keep it"),
                                  QStringLiteral("FILE"));
    const QCommandLineOption noSpill(
        QStringLiteral("no-spill"),
        QStringLiteral("keep every packed record in memory (no spill file), as before"));
    parser.addOptions(
        {requests, checkpoint, concurrency, outputTokens, quick, synthetic, keep, noSpill});
    parser.addHelpOption();
    parser.process(app);
    Settings s;
    s.requests = qBound(1, parser.value(requests).toInt(), 100'000'000);
    s.checkpoint = qBound(1, parser.value(checkpoint).toInt(), s.requests);
    s.concurrency = qBound(1, parser.value(concurrency).toInt(), 10'000);
    s.outputTokens = qBound(1, parser.value(outputTokens).toInt(), 100'000);
    if (parser.isSet(quick)) {
        s.requests = 100'000;
        s.checkpoint = 20'000;
    }

    if (parser.isSet(noSpill))
        RecordStore::setMemoryBudget(std::numeric_limits<qint64>::max());

    QTemporaryDir dir;
    const QString resultsPath =
        parser.isSet(keep) ? parser.value(keep) : dir.filePath(QStringLiteral("results.json"));
    if (parser.isSet(synthetic)) {
        print(QStringLiteral("bench_memory --synthetic: %1 simulator-shaped %2-token records")
                  .arg(s.requests)
                  .arg(s.outputTokens));
        const qint64 t0 = MonotonicClock::nowNs();
        RunResult result = ShortRequestRun::make(s.requests, s.outputTokens);
        print(QStringLiteral("  made in %1 s; RSS %2 holding them (%3)")
                  .arg(double(MonotonicClock::nowNs() - t0) / 1e9, 0, 'f', 1)
                  .arg(mb(ProcStatus::kb("VmRSS")), packedText(result.records)));
        malloc_trim(0);
        const qint64 before = ProcStatus::kb("VmRSS");
        ProcStatus::resetPeak();
        const qint64 t1 = MonotonicClock::nowNs();
        ShortRequestRun::summarize(&result);
        print(QStringLiteral("  the level's aggregation (LevelAggregator) in %1 s; RSS %2 "
                             "before, peak %3 during it")
                  .arg(double(MonotonicClock::nowNs() - t1) / 1e9, 0, 'f', 2)
                  .arg(mb(before), mb(ProcStatus::kb("VmHWM"))));
        pooledGapsHeld(result.records);
        save(result, resultsPath);
        result = RunResult();
        load(resultsPath);
        return 0;
    }
    // A fast simulated engine (1 ms decode base) so the run is bound by the client.
    SimProcess sim;
    QString error;
    if (!sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=1")}, &error)) {
        print(QStringLiteral("cannot start the simulator: ") + error);
        return 1;
    }
    print(QStringLiteral("bench_memory: one level, c=%1, %2 requests of %3 output tokens "
                         "(32-token prompts), journal on, simulator in a separate process")
              .arg(s.concurrency)
              .arg(s.requests)
              .arg(s.outputTokens));
    print(QStringLiteral("  RSS at start: %1").arg(mb(ProcStatus::kb("VmRSS"))));
    RunResult result;
    MemoryPoint atCheckpoint;
    MemoryPoint atEnd;
    const qint64 t0 = MonotonicClock::nowNs();
    const bool ran = runLevel(sim.baseUrl(), s, dir.filePath(QStringLiteral("run.journal.jsonl")),
                              &result, &atCheckpoint, &atEnd);
    const double runSeconds = double(MonotonicClock::nowNs() - t0) / 1e9;
    sim.stop();
    if (!ran)
        return 1;
    print(QStringLiteral("  run: %1 s").arg(runSeconds, 0, 'f', 1));
    report(atCheckpoint);
    report(atEnd);
    const qint64 span = atEnd.requests - atCheckpoint.requests;
    if (span > 0)
        print(QStringLiteral("  per request between the two: RSS %1 bytes, heap %2 bytes")
                  .arg((atEnd.trimmedRssKb - atCheckpoint.trimmedRssKb) * 1024 / span)
                  .arg((atEnd.heapKb - atCheckpoint.heapKb) * 1024 / span));
    print(QStringLiteral("  the run's packed records (RecordStore): %1; %2 bytes per request")
              .arg(packedText(result.records))
              .arg((result.records.packedBytes() + result.records.spilledBytes()) /
                   qMax<qsizetype>(1, result.records.size())));
    print(QStringLiteral("  journal: %1 bytes")
              .arg(QFileInfo(dir.filePath(QStringLiteral("run.journal.jsonl"))).size()));
    save(result, resultsPath);
    result = RunResult();
    load(resultsPath);
    return 0;
}
