#pragma once

#include "cli/runflags.h"
#include "profile/profile.h"

#include <QCommandLineParser>
#include <QString>

// The workload flags of `plateau-cli run` (issue 16) applied on top of a profile:
//   --input-len DIST / --output-len DIST   fixed:512 (or 512), uniform:100-900 (or 100..900),
//                                          normal:500,100, lognormal:400,0.6, empirical:FILE;
//                                          --output-len dataset: the entries' own lengths
//   --dataset PATH [--dataset-format F] [--sample N]
//   --shared-prefix GROUPS:TOKENS[:SHARE]
//   --trace FILE [--trace-speed X] [--trace-window A-B]
// --input-tokens / --output-tokens (fixed lengths) replace a profile's distributions.
// Errors are one line naming the flag and the bound.
class WorkloadFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags, Profile* profile,
                      QString* error);
    // "uniform:100-900" -> "uniform:100..900" (the dash is what people type); else unchanged.
    static QString normalizedLengthSpec(const QString& text);
};
