#include "models/requestscatter.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("RequestScatter", text);
}

bool drawn(const RequestRecord& record, int level) {
    return record.level == level && record.ok() && !record.warmup;
}

double nearestRank(QList<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

void addTurnPercentiles(RequestScatter* scatter) {
    QMap<int, QList<double>> byTurn;
    for (const QPointF& point : std::as_const(scatter->points))
        byTurn[int(point.x())].append(point.y());
    for (auto it = byTurn.cbegin(); it != byTurn.cend(); ++it) {
        scatter->p50.append(QPointF(it.key(), nearestRank(it.value(), 0.5)));
        scatter->p90.append(QPointF(it.key(), nearestRank(it.value(), 0.9)));
    }
}

// Every k-th point so at most kMaxPoints remain, spread over the whole level.
void subsample(QList<QPointF>* points) {
    if (points->size() <= RequestScatter::kMaxPoints)
        return;
    QList<QPointF> kept;
    kept.reserve(RequestScatter::kMaxPoints);
    const double step = double(points->size()) / RequestScatter::kMaxPoints;
    for (int i = 0; i < RequestScatter::kMaxPoints; ++i)
        kept.append(points->at(qsizetype(i * step)));
    *points = kept;
}
} // namespace

RequestScatter RequestScatter::build(const RecordStore& records, int level, View view) {
    RequestScatter scatter;
    scatter.view = view;
    for (const RequestRecord& record : records) {
        if (!drawn(record, level))
            continue;
        double x = 0.0;
        double y = 0.0;
        switch (view) {
        case View::TtftVsInput:
            x = record.inputTokens;
            y = record.ttftMs();
            break;
        case View::E2eVsOutput:
            x = record.outputTokens;
            y = record.e2eMs();
            break;
        case View::TtftByTurn:
            if (record.turnIndex < 0)
                continue;
            x = record.turnIndex + 1;
            y = record.ttftMs();
            break;
        }
        if (std::isfinite(x) && std::isfinite(y))
            scatter.points.append(QPointF(x, y));
    }
    scatter.requests = scatter.points.size();
    if (view == View::TtftByTurn)
        addTurnPercentiles(&scatter); // from every point, before any subsampling
    subsample(&scatter.points);
    switch (view) {
    case View::TtftVsInput:
        scatter.xTitle = tr("Input tokens");
        scatter.yTitle = tr("TTFT (ms)");
        break;
    case View::E2eVsOutput:
        scatter.xTitle = tr("Output tokens");
        scatter.yTitle = tr("End-to-end (ms)");
        break;
    case View::TtftByTurn:
        scatter.xTitle = tr("Turn");
        scatter.yTitle = tr("TTFT (ms)");
        break;
    }
    return scatter;
}

bool RequestScatter::hasTurns(const RecordStore& records, int level) {
    return std::any_of(records.cbegin(), records.cend(), [level](const RequestRecord& record) {
        return record.level == level && record.turnIndex >= 0;
    });
}
