// bench_sim: how exact and how fast the built-in simulator is, on this machine.
//  - schedule slip (actual socket write - planned send) p50/p99 at 1, 64, 512, 2,000
//    concurrent streams, every stream in the batch (step 10 ms: 100 tok/s per stream);
//  - sustained streamed tokens/s (server count and client count);
//  - RSS before and after a long run of short keep-alive requests (memory flat).
// The load is N raw keep-alive sockets on one epoll client thread; the simulator runs on its
// own thread. Build RelWithDebInfo for meaningful figures. Options: --quick (short phases).
#include "benchclient.h"
#include "monotonicclock.h"
#include "simulatorthread.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>
#include <cstdio>

namespace {
double rssMb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

QByteArray loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

void sleepMs(int ms) {
    QThread::msleep(ulong(ms));
}

template <typename F> bool waitFor(F condition, int timeoutMs) {
    const qint64 deadline = MonotonicClock::nowNs() + qint64(timeoutMs) * 1000000;
    while (!condition()) {
        if (MonotonicClock::nowNs() > deadline)
            return false;
        sleepMs(20);
    }
    return true;
}

void slipLevel(int streams, int measureMs) {
    SimConfig config;
    config.maxBatch = streams; // every stream runs: the slip of a full step
    config.decodeBaseMs = 10.0;
    config.decodePerSeqMs = 0.0;
    config.prefillTokensPerS = 1e9;
    config.historyLimit = 1000;
    SimulatorThread sim(config);
    QString error;
    if (!sim.start(QHostAddress::LocalHost, 0, &error)) {
        std::printf("cannot start the simulator: %s\n", qPrintable(error));
        return;
    }
    BenchClient load;
    std::string why;
    if (!load.start(sim.port(), streams, 1000000, &why)) { // the largest max_tokens accepted
        std::printf("%6d streams: %s\n", streams, why.c_str());
        return;
    }
    if (!waitFor([&] { return sim.stats().running == streams; }, 60000)) {
        std::printf("%6d streams: only %d running after 60 s (client errors %lld)\n", streams,
                    sim.stats().running, static_cast<long long>(load.errors()));
        return;
    }
    sleepMs(1000); // settle
    sim.resetStats();
    const qint64 clientTokens0 = load.tokensReceived();
    const qint64 t0 = MonotonicClock::nowNs();
    sleepMs(measureMs);
    const SimStats s = sim.stats();
    const qint64 t1 = MonotonicClock::nowNs();
    const double seconds = double(t1 - t0) / 1e9;
    const double clientTps = double(load.tokensReceived() - clientTokens0) / seconds;
    std::printf("%6d streams | slip p50 %6.3f ms  p99 %6.3f ms  max %7.3f ms | %9.0f tok/s sent "
                "(model %9.0f) | %9.0f tok/s received | %lld samples, RSS %.0f MB\n",
                streams, s.scheduleSlipP50Ms, s.scheduleSlipP99Ms, s.scheduleSlipMaxMs,
                double(s.tokensEmitted) / seconds, streams * 100.0, clientTps,
                static_cast<long long>(s.slipSamples), rssMb());
    std::fflush(stdout);
}

void memoryRun(int warmMs, int longMs) {
    // Short streams back to back on 256 keep-alive connections: every request's state is
    // created and freed; the history ring (history_limit 20,000) fills during the warm-up.
    SimConfig config;
    config.maxBatch = 256;
    config.decodeBaseMs = 5.0;
    config.decodePerSeqMs = 0.0;
    config.historyLimit = 20000;
    SimulatorThread sim(config);
    if (!sim.start())
        return;
    BenchClient load;
    std::string why;
    if (!load.start(sim.port(), 256, 10, &why))
        return;
    sleepMs(warmMs);
    const double rssBefore = rssMb();
    const qint64 before = sim.stats().requestsCompleted;
    sleepMs(longMs);
    const SimStats s = sim.stats();
    const double rssAfter = rssMb();
    std::printf("memory: %lld requests in warm-up (RSS %.1f MB), then %lld more over %d s: "
                "RSS %.1f MB (%+.1f MB); failed %lld\n",
                static_cast<long long>(before), rssBefore,
                static_cast<long long>(s.requestsCompleted - before), longMs / 1000, rssAfter,
                rssAfter - rssBefore, static_cast<long long>(s.requestsFailed));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int measureMs = quick ? 2000 : 5000;
    std::printf("bench_sim: simulator schedule slip and throughput (step 10 ms, 100 tok/s per "
                "stream, all streams in the batch), %d s per level\n",
                measureMs / 1000);
    std::printf("machine: %d cores, load average %s\n", QThread::idealThreadCount(),
                loadAverage().constData());
    for (int streams : {1, 64, 512, 2000})
        slipLevel(streams, measureMs);
    memoryRun(quick ? 3000 : 10000, quick ? 5000 : 30000);
    std::printf("load average at the end: %s\n", loadAverage().constData());
    return 0;
}
