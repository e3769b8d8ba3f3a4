#pragma once

#include "record/recordstore.h"

#include <QList>
#include <QPointF>
#include <QString>

// One level's requests as points for a scatter view: TTFT against input tokens, end-to-end
// time against output tokens, or (conversations) TTFT against the turn, with each turn's
// p50 and p90. Only successful, measured (not warm-up) requests are drawn.
struct RequestScatter {
    enum class View { TtftVsInput, E2eVsOutput, TtftByTurn };
    static constexpr int kMaxPoints = 20'000; // beyond this, an even subsample is drawn

    View view = View::TtftVsInput;
    QList<QPointF> points;
    QList<QPointF> p50; // TtftByTurn: x = turn (1-based), y = the turn's TTFT p50
    QList<QPointF> p90;
    qsizetype requests = 0; // points before subsampling
    QString xTitle;
    QString yTitle;

    static RequestScatter build(const RecordStore& records, int level, View view);
    // Whether the level has conversation requests (the by-turn view makes sense).
    static bool hasTurns(const RecordStore& records, int level);
};
