#include "cli/progressprinter.h"

#include "cli/console.h"
#include "cli/numberformat.h"
#include "common/terminalsafe.h"
#include "sweep/repeatrunner.h"

#include <cmath>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {
// A line longer than the terminal wraps, and \r then only rewinds its last row.
int terminalColumns() {
    winsize size = {};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 0;
}
} // namespace

ProgressPrinter::ProgressPrinter(const RepeatRunner* runner, bool terminal, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
    , m_terminal(terminal) {
    m_timer.setInterval(terminal ? 200 : 1000);
    connect(&m_timer, &QTimer::timeout, this, &ProgressPrinter::tick);
}

void ProgressPrinter::start() {
    m_timer.start();
}

void ProgressPrinter::stop() {
    m_timer.stop();
    clearLive();
}

void ProgressPrinter::printLine(const QString& text) {
    clearLive();
    // Notices can quote a server or a file name: shown, never obeyed by the terminal.
    Console::err(TerminalSafe::escape(text) + QLatin1Char('\n'));
}

void ProgressPrinter::onLevelFinished(const LevelSummary& level) {
    printLine(formatLevel(level));
}

QString ProgressPrinter::format(const RunProgress& p) {
    QString requests = NumberFormat::count(p.requestsDone);
    if (p.requestsPlanned > 0)
        requests += QLatin1Char('/') + NumberFormat::count(p.requestsPlanned);
    const QString rate = p.embeddings
                             ? QString(NumberFormat::count(p.liveInputsPerSecond) + u" inputs/s")
                             : QString(NumberFormat::count(p.liveTokensPerSecond) + u" tok/s");
    QString text = QStringLiteral("level %1/%2 %3 | %4 req | %5 | %6 in flight | %7 errors")
                       .arg(p.levelIndex + 1)
                       .arg(p.levelCount)
                       .arg(p.levelLabel, requests, rate, NumberFormat::count(p.inFlight),
                            NumberFormat::count(p.errors));
    if (p.repetitions > 1)
        text.prepend(QStringLiteral("repeat %1/%2 | ").arg(p.repetition).arg(p.repetitions));
    if (p.errorsThisLevel > 0)
        text += QStringLiteral(" (%1 this level)").arg(p.errorsThisLevel);
    text += QStringLiteral(" | %1 s").arg(NumberFormat::decimal(p.levelElapsedS, 1));
    if (p.stability.active)
        text += QStringLiteral(" | ") + formatStability(p.stability);
    text += QStringLiteral(" | ETA ") + NumberFormat::duration(p.etaS);
    return text;
}

// "tok/s +-3.1% (2%), TTFT p95 +-7.4% (5%)": where an until-stable level stands against its
// targets; "?" while an interval has too little data.
QString ProgressPrinter::formatStability(const RunProgress::Stability& s) {
    const auto part = [](const QString& name, double halfWidth, double target) {
        const QString now = std::isfinite(halfWidth)
                                ? NumberFormat::decimal(halfWidth * 100.0, 1) + u'%'
                                : QStringLiteral("?");
        return QStringLiteral("%1 +-%2 (%3%)")
            .arg(name, now, NumberFormat::decimal(target * 100.0, 1));
    };
    return part(QStringLiteral("tok/s"), s.throughputHalfWidth, s.throughputTarget) +
           QStringLiteral(", ") + part(s.latencyName, s.latencyHalfWidth, s.latencyTarget);
}

QString ProgressPrinter::formatLevel(const LevelSummary& l) {
    if (l.embeddings) // one body per request: no tokens stream out, so no TTFT or TPOT
        return QStringLiteral("%1 done: %2 req, %3 errors, %4 inputs/s, %5 input tok/s, "
                              "e2e p50 %6 ms, e2e p95 %7 ms")
            .arg(l.batchSize > 0 ? l.label() + QStringLiteral(", batch %1").arg(l.batchSize)
                                 : l.label(),
                 NumberFormat::count(l.requests), NumberFormat::count(l.requests - l.successes),
                 NumberFormat::count(l.inputsPerSecond), NumberFormat::count(l.inputThroughputTps),
                 NumberFormat::ms(l.e2eMs.p50), NumberFormat::ms(l.e2eMs.p95));
    return QStringLiteral("%1 done: %2 req, %3 errors, %4 tok/s, TTFT p95 %5 ms, TPOT p50 %6 ms, "
                          "e2e p95 %7 ms")
        .arg(l.label(), NumberFormat::count(l.requests),
             NumberFormat::count(l.requests - l.successes),
             NumberFormat::count(l.outputThroughputTps), NumberFormat::ms(l.ttftMs.p95),
             NumberFormat::ms(l.tpotMs.p50), NumberFormat::ms(l.e2eMs.p95));
}

void ProgressPrinter::tick() {
    const RunProgress p = m_runner->progress();
    if (!p.running || p.levelIndex < 0)
        return;
    const QString text = format(p);
    if (!m_terminal) {
        Console::err(text + QLatin1Char('\n'));
        return;
    }
    const int columns = terminalColumns();
    const QString shown = columns > 1 && text.size() >= columns ? text.left(columns - 1) : text;
    // Pad over the previous line instead of relying on terminal escape codes.
    const int width = int(shown.size());
    Console::err(QLatin1Char('\r') + shown +
                 QString(qMax(0, m_liveWidth - width), QLatin1Char(' ')));
    m_liveWidth = width;
}

void ProgressPrinter::clearLive() {
    if (!m_terminal || m_liveWidth == 0)
        return;
    Console::err(QLatin1Char('\r') + QString(m_liveWidth, QLatin1Char(' ')) + QLatin1Char('\r'));
    m_liveWidth = 0;
}
