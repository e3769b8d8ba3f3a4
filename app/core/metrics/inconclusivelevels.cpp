#include "metrics/inconclusivelevels.h"

#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
bool shortOfRequests(const LevelSummary& level) {
    return level.successes > 0 && level.targetUnreachable == QLatin1String("plan");
}

// A run of neighbouring levels short of requests, as one clause.
QString planClause(const QList<const LevelSummary*>& run, const InconclusiveLevels::Label& label) {
    const LevelSummary& first = *run.constFirst();
    const LevelSummary& last = *run.constLast();
    if (run.size() == 1)
        return label(first) + u": "_s + first.inconclusiveReason();
    int fewest = first.requests + first.warmupRequests;
    int most = fewest;
    for (const LevelSummary* level : run) {
        fewest = std::min(fewest, level->requests + level->warmupRequests);
        most = std::max(most, level->requests + level->warmupRequests);
    }
    return u"%1 to %2: %3 %4 requests for %5 to %6 workers"_s.arg(label(first), label(last))
        .arg(fewest == most ? u"only"_s : u"at most"_s)
        .arg(most)
        .arg(first.concurrency)
        .arg(last.concurrency);
}
} // namespace

QString InconclusiveLevels::sentence(const QList<LevelSummary>& levels, const Label& label) {
    QStringList clauses;
    QList<const LevelSummary*> planRun;
    const auto flush = [&] {
        if (!planRun.isEmpty())
            clauses << planClause(planRun, label);
        planRun.clear();
    };
    for (const LevelSummary& level : levels) {
        if (level.conclusive() || (!level.complete && level.requests == 0)) {
            flush();
            continue;
        }
        if (shortOfRequests(level)) {
            planRun.append(&level);
            continue;
        }
        flush();
        clauses << label(level) + u": "_s + level.inconclusiveReason();
    }
    flush();
    if (clauses.isEmpty())
        return {};
    return clauses.join(u"; "_s) + u"; left out of the conclusions."_s;
}
