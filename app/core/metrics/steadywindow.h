#pragma once

#include "metrics/inflighttimeline.h"
#include "record/levelruninfo.h"
#include "record/recordstore.h"

#include <QList>
#include <QString>

// docs/METRICS.md "Steady window": the part of a level during which its target load was applied,
// with ramp-up (workers starting) and drain (last requests finishing) left out.
struct SteadyWindow {
    qint64 startNs = -1;
    qint64 endNs = -1;
    bool targetReached = true; // closed loop: the target in-flight count was held at some point
    // No steady part at all: the window is the measured requests' whole span (wall time).
    bool wholeSpan = false;
    QString note; // how a fallback was chosen; empty in the normal case

    bool isValid() const { return startNs >= 0 && endNs > startNs; }
    double seconds() const { return isValid() ? double(endNs - startNs) / 1e9 : 0.0; }

    static SteadyWindow find(const LevelRunInfo& info, const RecordStore& records,
                             const InFlightTimeline& timeline);
};
