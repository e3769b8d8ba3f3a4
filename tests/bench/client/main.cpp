// bench_client: figures for Plateau's client side (the load generator and stream decoder)
// against a `plateau-cli sim` process on loopback:
//   1. concurrent streams held (goal >= 1,000)
//   2. events/s ingested per client core (goal >= 200,000) and client CPU per 1M tokens
//   3. timing error vs the simulator's ground truth at 256 streams, p50/p99 (goal p99 <= 1 ms)
//   4. client memory (RSS) per 1,000 requests
//   5. independent streams (a stand-in server in this process, every stream on its own timer
//      with jitter): client CPU per event, wake-ups per event, the floor and the ratio to it
//   6. trickle: 64 streams x 1 token per 100 ms, the client's CPU as % of a core
// Usage: bench_client [--streams N] [--quick] [--no-glib] [--transport auto|qt]
//                     [--net-threads N] [--only 1,2,3,4,5,6] [--lag-probe-ms MS]
// --no-glib sets QT_NO_GLIB=1 before Qt starts, so every thread (Qt's own HTTP threads
// included) runs the plain UNIX event dispatcher instead of glib's: measured ~25% more
// events per client core. plateau-cli and plateau do not do that (yet).
#include "benchoutput.h"
#include "clientbench.h"
#include "groundtruth.h"
#include "independentbench.h"
#include "requestpairing.h"
#include "simprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sched.h>

using namespace Qt::StringLiterals;

namespace {
void print(const QString& text) {
    benchPrint(text);
}

QStringList sets(std::initializer_list<const char*> pairs) {
    QStringList args;
    for (const char* pair : pairs)
        args << QStringLiteral("--set") << QString::fromUtf8(pair);
    return args;
}

// CPU placement (default on machines with two or more cores; --no-pin turns it off): the
// simulator process on CPU 0, this process on CPU 1, as if the server were another machine.
// Unpinned, the scheduler's wake-affine placement tends to pull the client thread a token
// wakes onto the simulator's CPU, where it waits for the rest of the simulator's burst:
// that measures the scheduler, not the client (p50 0.4-0.7 ms instead of 0.03-0.05 ms here).
bool g_pin = false;

bool pinThisThread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0;
}

bool startSim(SimProcess& sim, const QStringList& args) {
    QString error;
    // The child inherits the affinity of the thread that starts it.
    if (g_pin)
        pinThisThread(0);
    const bool started = sim.start(args, &error);
    if (g_pin)
        pinThisThread(1);
    if (!started) {
        print(QStringLiteral("  cannot start the simulator: ") + error);
        return false;
    }
    return true;
}

int simMaxInFlight(SimProcess& sim) {
    QString error;
    const auto stats = sim.get(QStringLiteral("/sim/stats"), &error);
    return stats ? stats->object().value(QLatin1String("max_in_flight")).toInt() : -1;
}

bool report(const ClientBench::Outcome& o) {
    if (!o.ok)
        print(QStringLiteral("  run failed (%1 failed requests): %2").arg(o.failed).arg(o.error));
    return o.ok;
}

void streamsHeld(int streams, bool quick) {
    print(QStringLiteral("\n== 1. Concurrent streams held (goal >= 1,000)"));
    SimProcess sim;
    const QByteArray batch = "max_batch=" + QByteArray::number(streams * 2);
    if (!startSim(sim, sets({batch.constData(), "decode_base_ms=20", "decode_per_seq_ms=0.005"})))
        return;
    ClientBench bench(&sim);
    const auto o = bench.run({streams, streams * (quick ? 1 : 2), 32, quick ? 64 : 128});
    report(o);
    const LevelSummary level = o.result.summary.levels.value(0);
    print(QStringLiteral(
              "  requested %1 streams: simulator max in flight %2, client achieved concurrency "
              "%3 (steady window), %4 requests ok, %5 failed, wall %6 s")
              .arg(streams)
              .arg(simMaxInFlight(sim))
              .arg(level.achievedConcurrency, 0, 'f', 1)
              .arg(o.result.records.size() - o.failed)
              .arg(o.failed)
              .arg(o.wallS, 0, 'f', 1));
    print(QStringLiteral("  client RSS %1 MB at the end")
              .arg(double(o.rssAfterKb) / 1024.0, 0, 'f', 0));
}

void eventRate(bool quick) {
    print(QStringLiteral("\n== 2. Events ingested per client core (goal >= 200,000/s)"));
    SimProcess sim;
    if (!startSim(sim, sets({"max_batch=256", "decode_base_ms=1", "decode_per_seq_ms=0.004",
                             "prefill_tokens_per_s=10000000"})))
        return;
    ClientBench bench(&sim);
    const auto o = bench.run({256, quick ? 512 : 1024, 16, 256});
    if (!report(o))
        return;
    const double events = double(o.contentEvents + o.otherEvents);
    print(QStringLiteral("  %1 events (%2 content) in %3 s wall = %4 events/s; client CPU %5 s "
                         "(%6 cores busy)")
              .arg(events, 0, 'f', 0)
              .arg(o.contentEvents)
              .arg(o.wallS, 0, 'f', 2)
              .arg(events / o.wallS, 0, 'f', 0)
              .arg(o.clientCpuS, 0, 'f', 2)
              .arg(o.clientCpuS / o.wallS, 0, 'f', 2));
    print(
        QStringLiteral("  events/s per client core: %1 (process CPU over the whole run, setup and "
                       "aggregation included)")
            .arg(events / o.clientCpuS, 0, 'f', 0));
    // The load engine's own figure covers the level alone (from first send to last end).
    const LevelSummary level = o.result.summary.levels.value(0);
    if (level.clientCpuSeconds > 0)
        print(QStringLiteral("  events/s per client core, level only: %1 (client CPU %2 s)")
                  .arg(events / level.clientCpuSeconds, 0, 'f', 0)
                  .arg(level.clientCpuSeconds, 0, 'f', 2));
    print(QStringLiteral("  client CPU per million output tokens: %1 s")
              .arg(o.clientCpuS / double(o.outputTokens) * 1e6, 0, 'f', 2));
}

void timingError(bool quick) {
    print(QStringLiteral(
        "\n== 3. Timing error vs simulator ground truth at 256 streams (goal p99 <= 1 ms)"));
    SimProcess sim;
    if (!startSim(sim, sets({"max_batch=256"})))
        return;
    ClientBench bench(&sim);
    const auto o = bench.run({256, quick ? 512 : 1024, 32, 64});
    if (!report(o))
        return;
    QString error;
    const auto doc = sim.get(QStringLiteral("/sim/requests"), &error, 60000);
    if (!doc) {
        print(QStringLiteral("  ") + error);
        return;
    }
    const QList<SimRequestTruth> truth = GroundTruth::parse(*doc);
    // Paired per request by X-Request-Id (RequestRecord::serverRequestId).
    using P = RequestPairing;
    const P::Delays first = P::delaysMs(o.result.records, truth, P::Moment::FirstToken);
    const P::Delays last = P::delaysMs(o.result.records, truth, P::Moment::LastToken);
    auto line = [](const char* what, const P::Delays& delays) {
        const QList<double>& d = delays.ms;
        return QStringLiteral(
                   "  %1 (client arrival - simulator send, %2 requests paired by X-Request-Id, "
                   "%7 unpaired): p50 %3 ms, p99 %4 ms, max %5 ms, min %6 ms")
            .arg(QString::fromUtf8(what))
            .arg(d.size())
            .arg(GroundTruth::percentile(d, 50), 0, 'f', 3)
            .arg(GroundTruth::percentile(d, 99), 0, 'f', 3)
            .arg(GroundTruth::percentile(d, 100), 0, 'f', 3)
            .arg(GroundTruth::percentile(d, 0), 0, 'f', 3)
            .arg(delays.unpaired);
    };
    print(line("first token", first));
    print(line("last token", last));
    // PLATEAU_BENCH_DUMP=FILE: every paired request, to study where the delays come from.
    const QString dump = qEnvironmentVariable("PLATEAU_BENCH_DUMP");
    if (!dump.isEmpty()) {
        QFile f(dump);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QHash<quint64, SimRequestTruth> byId;
            for (const SimRequestTruth& t : truth)
                byId.insert(t.id, t);
            f.write("id,t_send,client_first,sim_first,client_last,sim_last\n");
            for (const RequestRecord& r : o.result.records) {
                const auto t = byId.value(r.serverRequestId.toULongLong());
                f.write(QByteArray::number(t.id) + ',' + QByteArray::number(r.tSendNs) + ',' +
                        QByteArray::number(r.tFirstContentNs) + ',' +
                        QByteArray::number(t.firstTokenNs) + ',' +
                        QByteArray::number(r.tLastContentNs) + ',' +
                        QByteArray::number(t.lastTokenNs) + '\n');
            }
        }
    }
}

void memory(bool quick) {
    print(QStringLiteral("\n== 4. Client memory per 1,000 requests"));
    SimProcess sim;
    if (!startSim(sim, sets({"max_batch=256", "decode_base_ms=1", "decode_per_seq_ms=0.004",
                             "prefill_tokens_per_s=10000000"})))
        return;
    ClientBench bench(&sim);
    // A small warm-up run first, so thread pools and connections do not count as growth.
    bench.run({256, 512, 16, 16});
    const int requests = quick ? 5000 : 20000;
    const auto o = bench.run({256, requests, 16, 16});
    if (!report(o))
        return;
    const double perThousandKb = double(o.rssAfterKb - o.rssBeforeKb) / (requests / 1000.0);
    print(QStringLiteral("  %1 requests of 16 tokens: RSS %2 -> %3 MB, %4 KB per 1,000 requests "
                         "(the run result keeps every record, with its event times)")
              .arg(requests)
              .arg(double(o.rssBeforeKb) / 1024.0, 0, 'f', 1)
              .arg(double(o.rssAfterKb) / 1024.0, 0, 'f', 1)
              .arg(perThousandKb, 0, 'f', 0));
}
} // namespace

int main(int argc, char** argv) {
    // Must be decided before the first QThread starts: Qt reads it per new thread.
    bool noGlib = false;
    for (int i = 1; i < argc; ++i)
        noGlib = noGlib || std::strcmp(argv[i], "--no-glib") == 0;
    if (noGlib)
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption streams(QStringLiteral("streams"),
                                     QStringLiteral("streams for part 1"), QStringLiteral("N"),
                                     QStringLiteral("1000"));
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("smaller runs"));
    const QCommandLineOption glib(QStringLiteral("no-glib"),
                                  QStringLiteral("UNIX event dispatcher (QT_NO_GLIB=1)"));
    const QCommandLineOption transport(
        QStringLiteral("transport"),
        QStringLiteral(
            "HTTP stack: auto (direct HTTP/1.1, the default) or qt (QNetworkAccessManager)"),
        QStringLiteral("auto|qt"), QStringLiteral("auto"));
    const QCommandLineOption netThreads(
        QStringLiteral("net-threads"),
        QStringLiteral("client network threads (default: the engine's choice)"),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("run only these parts, e.g. 2,3"),
                                  QStringLiteral("LIST"), QStringLiteral("1,2,3,4,5,6"));
    const QCommandLineOption noPin(
        QStringLiteral("no-pin"),
        QStringLiteral("do not place the simulator on CPU 0 and the client on CPU 1"));
    const QCommandLineOption lagProbe(
        QStringLiteral("lag-probe-ms"),
        QStringLiteral("the event-loop lag probe's period on every client thread (default: the "
                       "engine's), to see what the probe costs"),
        QStringLiteral("MS"), QStringLiteral("0"));
    parser.addOptions({streams, quick, glib, transport, netThreads, only, noPin, lagProbe});
    parser.addHelpOption();
    parser.process(app);
    const bool isQuick = parser.isSet(quick);
    const bool qtStack = parser.value(transport) == QLatin1String("qt");
    ClientBench::setTransport(qtStack ? EngineOptions::Transport::Qt
                                      : EngineOptions::Transport::Auto);
    ClientBench::setNetworkThreads(qMax(0, parser.value(netThreads).toInt()));
    ClientBench::setLagProbeIntervalMs(std::clamp(parser.value(lagProbe).toInt(), 0, 60000));
    // Before any client thread exists: they inherit the main thread's CPU.
    const int cores = QThread::idealThreadCount();
    g_pin = !parser.isSet(noPin) && cores >= 2 && pinThisThread(1);
    const QStringList parts = parser.value(only).split(u',', Qt::SkipEmptyParts);
    print(QStringLiteral(
              "bench_client: Plateau's client against `plateau-cli sim` (a separate process) "
              "on loopback; %1 cores; %2 event dispatcher; %3 transport; %4 network threads; "
              "%5")
              .arg(cores)
              .arg((qEnvironmentVariableIsSet("QT_NO_GLIB") ? QStringLiteral("UNIX (QT_NO_GLIB)")
                                                            : QStringLiteral("default (glib)")) +
                   (qEnvironmentVariable("PLATEAU_EPOLL_DISPATCHER").trimmed() == u"0"_s
                        ? QStringLiteral(" (network threads too: PLATEAU_EPOLL_DISPATCHER=0)")
                        : QStringLiteral(" (network threads: epoll)")))
              .arg(qtStack ? QStringLiteral("Qt (QNetworkAccessManager)")
                           : QStringLiteral("auto (direct HTTP/1.1)"))
              .arg([&] {
                  EngineOptions options;
                  options.networkThreads = qMax(0, parser.value(netThreads).toInt());
                  return options.resolvedNetworkThreads();
              }())
              .arg(g_pin ? QStringLiteral("simulator pinned to CPU 0, client to CPU 1")
                         : QStringLiteral("not pinned")));
    if (parser.value(lagProbe).toInt() > 0)
        print(QStringLiteral("event-loop lag probe every %1 ms on every client thread (not the "
                             "engine's default)")
                  .arg(parser.value(lagProbe)));
    if (parts.contains(u"1"_s))
        streamsHeld(qMax(1, parser.value(streams).toInt()), isQuick);
    if (parts.contains(u"2"_s))
        eventRate(isQuick);
    if (parts.contains(u"3"_s))
        timingError(isQuick);
    if (parts.contains(u"4"_s))
        memory(isQuick);
    if (parts.contains(u"5"_s))
        IndependentBench::independentStreams(g_pin, isQuick);
    if (parts.contains(u"6"_s))
        IndependentBench::trickle(g_pin, isQuick);
    return 0;
}
