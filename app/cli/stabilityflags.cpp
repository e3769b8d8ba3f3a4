#include "cli/stabilityflags.h"

#include "common/terminalsafe.h"
#include "profile/untilstablejson.h"

#include <QRegularExpression>

namespace RefineLimits {
constexpr int kMaxLevels = 20; // RefineSearch::kMaxLevels (the sweep's own bound)
}

namespace {
bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

QString shown(const QString& text) {
    return QLatin1Char('"') + TerminalSafe::escape(text.left(80)) + QLatin1Char('"');
}

// "2%" or "0.02" -> 0.02
bool readShare(const QString& text, double* out) {
    QString t = text.trimmed();
    const bool percent = t.endsWith(QLatin1Char('%'));
    if (percent)
        t.chop(1);
    bool ok = false;
    double value = t.toDouble(&ok);
    if (!ok)
        return false;
    if (percent)
        value /= 100.0;
    *out = value;
    return value >= UntilStableJson::kMinHalfWidth && value <= UntilStableJson::kMaxHalfWidth;
}

bool readWithin(const QString& text, SweepPlan::UntilStable* u, QString* error) {
    const QStringList parts = text.split(QLatin1Char(','));
    double throughput = 0.0;
    double latency = u->latencyHalfWidth;
    if (parts.size() > 2 || !readShare(parts.value(0), &throughput) ||
        (parts.size() == 2 && !readShare(parts.at(1), &latency)))
        return fail(error, QStringLiteral("--stable-within: %1 is not X%[,Y%] with each between "
                                          "0.1% and 100% (e.g. 2%,5%)")
                               .arg(shown(text)));
    u->throughputHalfWidth = throughput;
    u->latencyHalfWidth = latency;
    return true;
}

bool readLatency(const QString& text, SweepPlan::UntilStable* u, QString* error) {
    // "ttft:p95" as in --budget; "ttft.p95" as people also write it.
    static const QRegularExpression separator(QStringLiteral("[:.]"));
    const QStringList parts = text.trimmed().toLower().split(separator);
    const QStringList metrics = LatencyNames::keys(UntilStableJson::metrics());
    const QStringList stats = LatencyNames::keys(UntilStableJson::stats());
    if (parts.size() != 2 || !metrics.contains(parts.at(0)) || !stats.contains(parts.at(1)))
        return fail(error, QStringLiteral("--stable-latency: %1 is not METRIC:pNN with METRIC one "
                                          "of %2 and pNN one of %3 (e.g. ttft:p95)")
                               .arg(shown(text), metrics.join(u", "), stats.join(u", ")));
    u->metric = *LatencyNames::metricFromKey(parts.at(0));
    u->stat = *LatencyNames::statFromKey(parts.at(1));
    return true;
}

bool readLevelTime(const QString& text, SweepPlan::UntilStable* u, QString* error) {
    static const QRegularExpression range(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s*$"));
    const QRegularExpressionMatch match = range.match(text);
    const double from = match.captured(1).toDouble();
    const double to = match.captured(2).toDouble();
    if (!match.hasMatch() || from < UntilStableJson::kMinSeconds ||
        to > UntilStableJson::kMaxSeconds || from > to)
        return fail(error, QStringLiteral("--level-time: %1 is not MIN-MAX seconds with 1 <= MIN "
                                          "<= MAX <= 604800 (e.g. 10-300)")
                               .arg(shown(text)));
    u->minSeconds = from;
    u->maxSeconds = to;
    return true;
}

bool readRefine(const QCommandLineParser& p, const RunFlags& f, Profile* profile, QString* error) {
    if (!p.isSet(f.refine) && !p.isSet(f.refineLevels))
        return true;
    if (profile->budget.isEmpty())
        return fail(error, QStringLiteral("--refine looks for the largest load that meets the "
                                          "latency budget: give one with --budget (e.g. "
                                          "'ttft:p95<=500')"));
    profile->plan.refine.enabled = true;
    if (!p.isSet(f.refineLevels))
        return true;
    bool ok = false;
    const int levels = p.value(f.refineLevels).toInt(&ok);
    if (!ok || levels < 1 || levels > RefineLimits::kMaxLevels)
        return fail(error, QStringLiteral("--refine-levels: %1 must be a whole number 1..%2")
                               .arg(shown(p.value(f.refineLevels)))
                               .arg(RefineLimits::kMaxLevels));
    profile->plan.refine.maxLevels = levels;
    return true;
}
bool readRepeat(const QCommandLineParser& p, const RunFlags& f, Profile* profile, QString* error) {
    if (!p.isSet(f.repeat))
        return true;
    bool ok = false;
    const int runs = p.value(f.repeat).trimmed().toInt(&ok);
    if (!ok || runs < 1 || runs > SweepPlan::kMaxRepeat)
        return fail(error, QStringLiteral("--repeat: %1 must be a whole number of runs 1..%2")
                               .arg(shown(p.value(f.repeat)))
                               .arg(SweepPlan::kMaxRepeat));
    profile->plan.repeat = runs;
    return true;
}
} // namespace

bool StabilityFlags::apply(const QCommandLineParser& p, const RunFlags& f, Profile* profile,
                           QString* error) {
    if (!readRefine(p, f, profile, error) || !readRepeat(p, f, profile, error))
        return false;
    const bool any = p.isSet(f.untilStable) || p.isSet(f.stableWithin) ||
                     p.isSet(f.stableLatency) || p.isSet(f.levelTime);
    if (!any)
        return true;
    if (p.isSet(f.requests) || p.isSet(f.duration))
        return fail(error, QStringLiteral("--until-stable (and --stable-within, --stable-latency, "
                                          "--level-time) exclude --requests-per-level and "
                                          "--duration-per-level"));
    SweepPlan::UntilStable& u = profile->plan.untilStable;
    u.enabled = true;
    if (p.isSet(f.stableWithin) && !readWithin(p.value(f.stableWithin), &u, error))
        return false;
    if (p.isSet(f.stableLatency) && !readLatency(p.value(f.stableLatency), &u, error))
        return false;
    return !p.isSet(f.levelTime) || readLevelTime(p.value(f.levelTime), &u, error);
}
