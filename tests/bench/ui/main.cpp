// bench_ui: the worst GUI event-loop stall while the main window runs and shows a sweep of
// N concurrent streams (default 512) against the built-in simulator. Goal: < 50 ms.
// The window is really shown and repainted (offscreen platform unless a display is set);
// the charts and tables refresh from the RunController's timer as in the app.
// --open FILE: the GUI's stall and memory opening a (large) results file instead (openbench.h);
// --sync with it: opened by the blocking form, as File > Open did before (for comparison);
// --sync-sort: the request table sorted on the GUI thread, as it was before (for comparison).
// Usage: bench_ui [--streams N] [--seconds S] [--output-tokens T]
//                 [--open FILE [--sync] [--sync-sort]]
#include "eventloopprobe.h"
#include "openbench.h"
#include "run/runcontroller.h"
#include "window/fileactions.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
void print(const QString& text) {
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"PlateauBench"_s);
    QApplication::setApplicationName(u"bench_ui"_s);
    QStandardPaths::setTestModeEnabled(true); // journal and settings out of the user's way

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption streams(u"streams"_s, u"Concurrent streams."_s, u"N"_s, u"512"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Length of the level."_s, u"S"_s, u"12"_s);
    const QCommandLineOption tokens(u"output-tokens"_s, u"Output tokens per request."_s, u"T"_s,
                                    u"256"_s);
    const QCommandLineOption open(u"open"_s, u"Open a results file; print stall and memory."_s,
                                  u"FILE"_s);
    const QCommandLineOption sync(u"sync"_s, u"With --open: the blocking open (the old one)."_s);
    const QCommandLineOption syncSort(
        u"sync-sort"_s, u"With --open: sort the request table on the GUI thread (the old way)."_s);
    parser.addOptions({streams, seconds, tokens, open, sync, syncSort});
    parser.process(app);
    if (parser.isSet(open))
        return OpenBench::run(parser.value(open), parser.isSet(sync), parser.isSet(syncSort));

    Profile profile = Profile::defaultProfile();
    profile.name = u"bench_ui"_s;
    profile.plan.concurrencies = {parser.value(streams).toInt()};
    profile.plan.durationPerLevelS = parser.value(seconds).toDouble();
    profile.prompts.inputTokens = 128;
    profile.prompts.outputTokens = parser.value(tokens).toInt();

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.fileActions()->setDocument(profile, {});
    RunController* controller = window.runController();

    EventLoopProbe probe(5);
    int maxInFlight = 0;
    double maxRefreshMs = 0;
    double sumRefreshMs = 0;
    int refreshes = 0;
    int maxInterval = 0;
    QObject::connect(controller, &RunController::progressChanged, &app, [&](const RunProgress& p) {
        maxInFlight = std::max(maxInFlight, p.inFlight);
    });
    QObject::connect(controller, &RunController::refreshed, &app, [&] {
        // Read after the tick's handlers ran (refreshed is the last signal of a tick).
        QTimer::singleShot(0, &app, [&] {
            maxRefreshMs = std::max(maxRefreshMs, controller->lastRefreshMs());
            sumRefreshMs += controller->lastRefreshMs();
            maxInterval = std::max(maxInterval, controller->refreshIntervalMs());
            ++refreshes;
        });
    });
    QElapsedTimer wall;
    QObject::connect(
        controller, &RunController::runFinished, &app, [&](int, const RunResult& result) {
            probe.stop();
            const double worst = probe.worstStallMs();
            print(
                u"GUI event-loop stall during a %1-stream run (sim:default, %2 s level, %3 output "
                u"tokens): worst %4 ms, p99 %5 ms, p50 %6 ms over %7 probes of 5 ms; %8 stalls "
                u"over 50 ms (goal: worst < 50 ms) -> %9"_s.arg(profile.plan.concurrencies.first())
                    .arg(profile.plan.durationPerLevelS)
                    .arg(profile.prompts.outputTokens)
                    .arg(worst, 0, 'f', 1)
                    .arg(probe.stallPercentileMs(99), 0, 'f', 1)
                    .arg(probe.stallPercentileMs(50), 0, 'f', 2)
                    .arg(probe.samples())
                    .arg(probe.stallsOver(50))
                    .arg(worst < 50 ? u"PASS"_s : u"MISS"_s));
            if (probe.stallsOver(50) > 0)
                print(
                    u"Stalls over 50 ms (time since the probe started; the run starts with it): "_s +
                    probe.stallsOverAt(50).join(u", "_s));
            print(u"UI refresh ticks (progress + result copy + models + charts): %1, mean %2 ms, "
                  u"max %3 ms; timer interval stretched up to %4 ms"_s.arg(refreshes)
                      .arg(refreshes ? sumRefreshMs / refreshes : 0.0, 0, 'f', 2)
                      .arg(maxRefreshMs, 0, 'f', 2)
                      .arg(maxInterval));
            const LevelSummary* level =
                result.summary.levels.isEmpty() ? nullptr : &result.summary.levels.first();
            print(u"Run: %1 requests, %2 ok, max in flight %3, %4 tok/s steady, wall %5 s"_s
                      .arg(level ? level->requests : 0)
                      .arg(level ? level->successes : 0)
                      .arg(maxInFlight)
                      .arg(level ? level->outputThroughputTps : 0.0, 0, 'f', 0)
                      .arg(wall.elapsed() / 1000.0, 0, 'f', 1));
            QTimer::singleShot(0, &app, [] { QCoreApplication::exit(0); });
        });
    QTimer::singleShot(500, &app, [&] {
        wall.start();
        probe.start();
        window.startRun();
    });
    return app.exec();
}
