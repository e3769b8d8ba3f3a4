#pragma once

#include "cli/runflags.h"
#include "profile/profile.h"

#include <QCommandLineParser>
#include <QString>

// The "how sure" flags of `plateau-cli run` (issue 13) applied on top of a profile's plan:
//   --until-stable                 each level runs until it is sure (defaults below)
//   --stable-within X%,Y%          throughput and latency half-widths (default 2%,5%)
//   --stable-latency METRIC:pNN    the latency it watches: ttft|tpot|e2e : p50|p90|p95|p99
//                                  (default ttft:p95)
//   --level-time MIN-MAX           seconds a level lasts at least / at most (default 10-300)
// Any of the last three switches the mode on; it excludes --requests-per-level and
// --duration-per-level.
//   --refine                       after the plan, bisect for the largest load that meets the
//                                  latency budget (needs one), 6 extra levels at most
//   --refine-levels N              at most N extra levels (1-20; implies --refine)
//   --repeat N                     run the whole sweep N times (1-50) for between-run
//                                  intervals (plan.repeat)
// Errors are one line naming the flag and the bound.
class StabilityFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags, Profile* profile,
                      QString* error);
};
