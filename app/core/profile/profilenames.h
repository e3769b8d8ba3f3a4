#pragma once

#include "profile/promptsource.h"
#include "profile/sweepplan.h"

#include <QString>
#include <QStringList>

// The words a profile file uses for its enumerations. One place, so the writer, the
// reader and the error messages ("must be one of concurrency, rate") always agree.
namespace ProfileNames {
inline QStringList modes() {
    return {QStringLiteral("concurrency"), QStringLiteral("rate")};
}
inline QStringList arrivals() {
    return {QStringLiteral("poisson"), QStringLiteral("gamma")};
}
inline QStringList promptKinds() {
    return {QStringLiteral("synthetic"), QStringLiteral("file")};
}

inline QString modeName(SweepPlan::Mode mode) {
    return modes().at(int(mode));
}
inline QString arrivalName(SweepPlan::Arrival arrival) {
    return arrivals().at(int(arrival));
}
inline QString promptKindName(PromptSource::Kind kind) {
    return promptKinds().at(int(kind));
}

inline SweepPlan::Mode modeFromName(const QString& name) {
    return name == modes().at(1) ? SweepPlan::Mode::Rate : SweepPlan::Mode::Concurrency;
}
inline SweepPlan::Arrival arrivalFromName(const QString& name) {
    return name == arrivals().at(1) ? SweepPlan::Arrival::Gamma : SweepPlan::Arrival::Poisson;
}
inline PromptSource::Kind promptKindFromName(const QString& name) {
    return name == promptKinds().at(1) ? PromptSource::Kind::File : PromptSource::Kind::Synthetic;
}
} // namespace ProfileNames
