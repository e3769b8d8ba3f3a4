#pragma once

#include "metrics/levelsummary.h"

#include <QList>
#include <QString>

#include <functional>

// The words both end-of-run summaries (plateau-cli's table and the window's summary text)
// use for the levels left out of the conclusions (LevelSummary::conclusive), so the two
// always tell the same story.
class InconclusiveLevels {
public:
    using Label = std::function<QString(const LevelSummary&)>;

    // "c=64: every request failed (http_429 ×60); left out of the conclusions." Neighbouring
    // levels that were short of requests merge: "c=4 to c=128: only 2 requests for 4 to 128
    // workers". A level still running with nothing measured yet is skipped. Empty when
    // every level is conclusive.
    static QString sentence(const QList<LevelSummary>& levels, const Label& label);
};
