#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>

// The bounds on every count, rate, duration and size a user gives Plateau: one table, read
// by the command-line flags and by the profile validator alike, so a value refused on the
// command line is refused in a profile (and in the desktop app's editor) with the same words.
// Each maximum is generous for a real benchmark and small enough that a typo cannot make the
// client start a hundred thousand threads or hold a million streams.
namespace InputLimits {
enum class Field {
    ConcurrencyLevel,  // one level of a concurrency sweep (streams in flight)
    Rate,              // one level of a rate sweep (requests/s)
    LevelCount,        // levels in a sweep
    MaxConcurrency,    // open-loop cap, 0 = none
    RequestsPerLevel,  // 0 = use the duration
    DurationPerLevelS, // 0 = use the request count
    WarmupRequests,
    InputTokens,
    OutputTokens,
    TimeoutS, // connect, first token, idle, total
    ClientThreads,
    Burstiness,
    MaxErrorRate,
    PlateauGain,
    BudgetMs,
    BudgetLimits,
    Endpoints,
    Headers, // extra headers per endpoint
    HeaderNameChars,
    HeaderValueChars,
    UrlChars,
    ModelChars,
    BatchSize,  // openai-embeddings: inputs per request
    BatchSizes, // openai-embeddings: batch sizes a run sweeps (each repeats every level)
};

struct Bound {
    double min;
    double max;
    bool minExclusive; // "must be greater than min" rather than "at least min"
    bool whole;        // a count
    const char* why;   // why the maximum, shown when it is exceeded (may be empty)
};

Bound bound(Field field);
// Empty if value is within the field's bound, else the reason, without the field's name:
// "is not a number", "must be a whole number", "must be greater than 0", "must be at
// least 1", "must be at most 64 (more threads only add contention ...)".
QString check(Field field, double value);
// A number as typed (a flag's value, a list item), parsed and checked: nan, inf and text
// are "not a number"; an out-of-range value gets check()'s reason.
std::optional<double> parse(Field field, const QString& text, QString* reason);
// A 64-bit seed: "-1" is "must be 0 or more", 2^64 is "is too large".
std::optional<quint64> parseSeed(const QString& text, QString* reason);
} // namespace InputLimits
