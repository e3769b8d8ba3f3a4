#include "metrics/sweepsummary.h"

#include <QJsonValue>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QJsonValue numberOrNull(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

double numberOrNaN(const QJsonValue& v) {
    return v.isDouble() ? v.toDouble() : PlateauResult::nan;
}
} // namespace

QJsonObject PlateauResult::toJson() const {
    QJsonObject o{
        {u"plateau_tps"_s, numberOrNull(plateauTps)},
        {u"plateau_level"_s, plateauLevel},
        {u"plateaued"_s, plateaued},
        {u"plateau_from_level"_s, plateauFromLevel},
        {u"knee_concurrency"_s, numberOrNull(kneeConcurrency)},
        {u"knee_rate"_s, numberOrNull(kneeRate)},
        {u"undecided_steps"_s, undecidedSteps},
    };
    if (plateauTpsCi.ok())
        o.insert(u"plateau_tps_ci95"_s, plateauTpsCi.toJson());
    if (kneeConcurrencyCi.ok())
        o.insert(u"knee_concurrency_ci95"_s, kneeConcurrencyCi.toJson());
    if (!stepNote.isEmpty())
        o.insert(u"step_note"_s, stepNote);
    if (batchSize > 0)
        o.insert(u"batch_size"_s, batchSize);
    return o;
}

PlateauResult PlateauResult::fromJson(const QJsonObject& object) {
    PlateauResult r;
    r.plateauTps = numberOrNaN(object.value(u"plateau_tps"_s));
    r.plateauLevel = object.value(u"plateau_level"_s).toInt(-1);
    r.plateaued = object.value(u"plateaued"_s).toBool();
    r.plateauFromLevel = object.value(u"plateau_from_level"_s).toInt(-1);
    r.kneeConcurrency = numberOrNaN(object.value(u"knee_concurrency"_s));
    r.kneeRate = numberOrNaN(object.value(u"knee_rate"_s));
    r.plateauTpsCi = FigureInterval::fromJson(object.value(u"plateau_tps_ci95"_s));
    r.kneeConcurrencyCi = FigureInterval::fromJson(object.value(u"knee_concurrency_ci95"_s));
    r.undecidedSteps = std::max(0, object.value(u"undecided_steps"_s).toInt());
    r.stepNote = object.value(u"step_note"_s).toString();
    r.batchSize = std::clamp(object.value(u"batch_size"_s).toInt(0), 0, 1000000);
    return r;
}

QJsonObject BudgetResult::toJson() const {
    return {{u"has_budget"_s, hasBudget}, {u"best_level"_s, bestLevel}};
}

BudgetResult BudgetResult::fromJson(const QJsonObject& object) {
    BudgetResult r;
    r.hasBudget = object.value(u"has_budget"_s).toBool();
    r.bestLevel = object.value(u"best_level"_s).toInt(-1);
    return r;
}
