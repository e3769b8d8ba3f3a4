#include "results/stopreason.h"

#include <QCoreApplication>
#include <array>
#include <utility>

namespace {
using Entry = std::pair<StopReason, const char*>;
// The file strings: never change one, older files and journals carry them.
constexpr std::array<Entry, 9> kKeys = {{
    {StopReason::Completed, "completed"},
    {StopReason::Cancelled, "cancelled"},
    {StopReason::Plateau, "plateau"},
    {StopReason::BudgetExceeded, "budget_exceeded"},
    {StopReason::ErrorRate, "error_rate"},
    {StopReason::Unreachable, "unreachable"},
    {StopReason::InvalidProfile, "invalid_profile"},
    {StopReason::Error, "error"},
    {StopReason::Interrupted, "interrupted"},
}};
} // namespace

namespace StopReasons {

QString key(StopReason reason) {
    for (const Entry& entry : kKeys) {
        if (entry.first == reason)
            return QLatin1String(entry.second);
    }
    return {};
}

StopReason fromKey(const QString& key, bool* known) {
    for (const Entry& entry : kKeys) {
        if (key == QLatin1String(entry.second)) {
            if (known)
                *known = true;
            return entry.first;
        }
    }
    if (known)
        *known = false;
    return StopReason::None;
}

QString userText(StopReason reason) {
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("StopReason", text);
    };
    switch (reason) {
    case StopReason::None:
    case StopReason::Completed:
        return {};
    case StopReason::Cancelled:
        return tr("The run was stopped before the end of its plan.");
    case StopReason::Plateau:
        return tr("The sweep stopped early once throughput had plateaued.");
    case StopReason::BudgetExceeded:
        return tr("The sweep stopped early once a level exceeded the latency budget.");
    case StopReason::ErrorRate:
        return tr("The sweep stopped early because too many requests failed.");
    case StopReason::Unreachable:
        return tr("The sweep stopped early: the endpoint became unreachable.");
    case StopReason::InvalidProfile:
        return tr("The run could not start: its profile is not valid.");
    case StopReason::Error:
        return tr("The run stopped on an error.");
    case StopReason::Interrupted:
        return tr("The run ended without recording why (recovered from its journal).");
    }
    return {};
}

} // namespace StopReasons
