// bench_decode (issue 17): heap allocations per streamed event on the client's receive
// path, without a network. Real llama.cpp streams (tests/data/samples) and longer ones of
// the same shape go through (a) SseParser alone, (b) StreamTracker with the chat /
// anthropic / responses flavors, (c) HttpResponseParser with chunked transfer encoding +
// StreamTracker, in reads of one event each (the independent-streams pattern) and of
// several events (the lock-step pattern). Printed per event: allocations and bytes
// allocated over all reads and in the steady state (reads after a stream's first 16
// events), and ns per event (this machine, noisy). A stream's own set-up (parser, tracker,
// response head) and its end are not counted per event. Allocation counts are exact and
// repeatable: they are the figure to judge a change by; the times are not.
// Usage: bench_decode [--reps N]
#include "alloccounter.h"
#include "benchoutput.h"
#include "decodesession.h"
#include "decodestreams.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>
#include <memory>

namespace {
constexpr int kSteadyFrom = 16; // events: a stream's start may allocate (lists growing)

struct Pattern {
    QString name;
    DecodeSession::Layers layers;
    int eventsPerRead; // 0: the whole stream in one read
};

struct Read {
    QByteArray bytes;
    int firstEvent = 0; // index of the read's first event in the stream
    int events = 0;
};

struct Figures {
    qint64 events = 0, steadyEvents = 0;
    AllocCounter::Counts all, steady;
    qint64 ns = 0;
    bool ok = true;
};

QByteArray chunked(const QByteArray& event) {
    return QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n";
}

QList<Read> makeReads(const DecodeStream& stream, const Pattern& pattern) {
    const bool http = pattern.layers == DecodeSession::Layers::Http;
    const int perRead =
        pattern.eventsPerRead > 0 ? pattern.eventsPerRead : int(stream.events.size());
    QList<Read> reads;
    for (int i = 0; i < stream.events.size(); ++i) {
        if (i % perRead == 0)
            reads.append(Read{QByteArray(), i, 0});
        ++reads.last().events;
        reads.last().bytes += http ? chunked(stream.events[i]) : stream.events[i];
    }
    if (http)
        reads.last().bytes += "0\r\n\r\n";
    return reads;
}

void add(AllocCounter::Counts* sum, const AllocCounter::Counts& before,
         const AllocCounter::Counts& after) {
    sum->allocations += after.allocations - before.allocations;
    sum->bytes += after.bytes - before.bytes;
}

// Run 0 warms up (lazy statics, the allocator's caches) and is not counted.
Figures measure(const DecodeStream& stream, const ApiFlavor& flavor, const Pattern& pattern,
                int reps) {
    const QList<Read> reads = makeReads(stream, pattern);
    Figures figures;
    for (int run = 0; run <= reps; ++run) {
        QElapsedTimer timer;
        timer.start();
        DecodeSession session(pattern.layers, flavor);
        qint64 clock = 1000;
        for (const Read& read : reads) {
            const AllocCounter::Counts before = AllocCounter::now();
            session.read(read.bytes, ++clock);
            const AllocCounter::Counts after = AllocCounter::now();
            if (run == 0)
                continue;
            add(&figures.all, before, after);
            if (read.firstEvent >= kSteadyFrom) {
                add(&figures.steady, before, after);
                figures.steadyEvents += read.events;
            }
        }
        session.finish(++clock);
        if (run == 0) {
            figures.ok = session.succeeded();
            continue;
        }
        figures.ns += timer.nsecsElapsed();
    }
    figures.events = qint64(stream.events.size()) * reps;
    return figures;
}

QString perEvent(qint64 value, qint64 events) {
    return events > 0 ? QString::number(double(value) / double(events), 'f', 2)
                      : QStringLiteral("-");
}

QString loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

QString row(const QStringList& cells) {
    static const int kWidths[] = {22, 18, 7, 10, 10, 10, 10, 9};
    QString line;
    for (int i = 0; i < cells.size(); ++i)
        line += i < 2 ? cells[i].leftJustified(kWidths[i]) : cells[i].rightJustified(kWidths[i]);
    return line;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("reps"), QStringLiteral("runs of each stream (default 200)"),
                      QStringLiteral("N"), QStringLiteral("200")});
    parser.process(app);
    const int reps = qMax(1, parser.value(QStringLiteral("reps")).toInt());

    const QString dir = QStringLiteral(PLATEAU_SAMPLES_DIR "/");
    const DecodeStream chat =
        DecodeStreams::fromSample(QStringLiteral("llama chat"), QStringLiteral("openai-chat"),
                                  dir + QStringLiteral("llama-server-chat-usage.sse"));
    const DecodeStream anthropic =
        DecodeStreams::fromSample(QStringLiteral("llama anthropic"), QStringLiteral("anthropic"),
                                  dir + QStringLiteral("llama-server-anthropic.sse"));
    const DecodeStream responses = DecodeStreams::fromSample(
        QStringLiteral("llama responses"), QStringLiteral("openai-responses"),
        dir + QStringLiteral("llama-server-responses.sse"));
    const QList<DecodeStream> streams = {
        chat,
        anthropic,
        responses,
        DecodeStreams::syntheticChat(256),
        DecodeStreams::lengthened(anthropic, "content_block_delta", 256),
        DecodeStreams::lengthened(responses, "response.output_text.delta", 256),
    };
    const QList<Pattern> patterns = {
        {QStringLiteral("sse 1 ev/read"), DecodeSession::Layers::Sse, 1},
        {QStringLiteral("sse all/read"), DecodeSession::Layers::Sse, 0},
        {QStringLiteral("tracker 1 ev/read"), DecodeSession::Layers::Tracker, 1},
        {QStringLiteral("http+tr 1 ev/read"), DecodeSession::Layers::Http, 1},
        {QStringLiteral("http+tr 8 ev/read"), DecodeSession::Layers::Http, 8},
    };

    benchPrint(QStringLiteral("bench_decode: heap allocations per event on the receive path "
                              "(no network)"));
    benchPrint(QStringLiteral("machine %1, %2 CPUs, load average at start %3, build %4, %5 runs "
                              "per stream; ns/event is this machine's, noisy")
                   .arg(QSysInfo::machineHostName())
                   .arg(QThread::idealThreadCount())
                   .arg(loadAverage(), QStringLiteral(PLATEAU_BUILD_TYPE))
                   .arg(reps));
    benchPrint(QStringLiteral("steady: reads after a stream's first %1 events").arg(kSteadyFrom));
    benchPrint(
        row({QStringLiteral("stream"), QStringLiteral("pattern"), QStringLiteral("events"),
             QStringLiteral("allocs/ev"), QStringLiteral("bytes/ev"), QStringLiteral("st.allocs"),
             QStringLiteral("st.bytes"), QStringLiteral("ns/ev")}));
    bool allOk = true;
    for (const DecodeStream& stream : streams) {
        if (stream.events.isEmpty()) {
            benchPrint(QStringLiteral("%1: sample not found under %2").arg(stream.name, dir));
            allOk = false;
            continue;
        }
        const std::unique_ptr<ApiFlavor> flavor = ApiFlavor::create(stream.flavorId);
        for (const Pattern& pattern : patterns) {
            const Figures f = measure(stream, *flavor, pattern, reps);
            allOk = allOk && f.ok;
            benchPrint(row({stream.name, pattern.name, QString::number(stream.events.size()),
                            perEvent(f.all.allocations, f.events), perEvent(f.all.bytes, f.events),
                            perEvent(f.steady.allocations, f.steadyEvents),
                            perEvent(f.steady.bytes, f.steadyEvents), perEvent(f.ns, f.events)}) +
                       (f.ok ? QString() : QStringLiteral("  (DID NOT DECODE AS EXPECTED)")));
        }
    }
    return allOk ? 0 : 1;
}
