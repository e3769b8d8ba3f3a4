#pragma once

#include "metrics/levelsummary.h"
#include "sweep/runprogress.h"

#include <QObject>
#include <QString>
#include <QTimer>

class RepeatRunner;

// The live progress line on stderr. On a terminal one line is rewritten in place (\r)
// five times a second; into a pipe or file it prints one line a second, so logs stay
// readable. Level results and notices are printed as permanent lines above it.
class ProgressPrinter : public QObject {
    Q_OBJECT
public:
    ProgressPrinter(const RepeatRunner* runner, bool terminal, QObject* parent = nullptr);

    void start();
    void stop(); // clears the live line

    // Prints a permanent line (clearing the live line first on a terminal).
    void printLine(const QString& text);
    void onLevelFinished(const LevelSummary& level);

    // "level 3/8 c=4 | 37/120 req ... ETA 0:42", after "repeat 2/3 | " in a repeated run:
    // "level 3/8 c=4 | 37/120 req | 812 tok/s | 4 in flight | 0 errors | ETA 0:42"
    static QString format(const RunProgress& progress);
    // "c=4 done: 120 req, 0 errors, 812 tok/s, TTFT p95 45 ms, e2e p95 1,234 ms"
    static QString formatLevel(const LevelSummary& level);
    static QString formatStability(const RunProgress::Stability& stability);

private:
    void tick();
    void clearLive();

    const RepeatRunner* m_runner;
    bool m_terminal;
    QTimer m_timer;
    int m_liveWidth = 0; // characters of the live line on screen (terminal mode)
};
