#pragma once

#include "metrics/levelsummary.h"

#include <QStringList>

// The notices a finished level adds to the run's log beyond its figures: a trace replay's
// achieved rate and lateness, a conversation workload's conversations and TTFT by turn.
class LevelNotices {
public:
    static QStringList after(const LevelSummary& summary, bool traceReplay);
};
