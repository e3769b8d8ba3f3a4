#pragma once

#include "cli/clioptions.h"
#include "cli/runflags.h"

#include <QCommandLineParser>
#include <QString>

// The A/B flags of `plateau-cli run` (issue 13):
//   --interleave-with ENDPOINT  measure ENDPOINT level by level with the run's own
//                               (plan.interleaveWith; sweep/interleaverunner.h)
//   --interleave-out FILE       B's results JSON
//   --fail-if COND              a compare gate on A -> B (as `plateau-cli compare --fail-if`)
// The last two need interleaving (from the flag or the profile). Errors are one line.
class InterleaveFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags,
                      RunInvocation* invocation, QString* error);
    // B's results path: --interleave-out, else --out's with ".B" ("r.json" -> "r.B.json"),
    // else "" (no file for --out - or no --out).
    static QString partnerOutPath(const RunOutputs& outputs);
};
