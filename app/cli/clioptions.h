#pragma once

#include "cli/gateexpression.h"
#include "profile/profile.h"
#include "transport/engineoptions.h"

#include <QString>
#include <QStringList>
#include <optional>

// Where `plateau-cli run` writes and how loudly.
struct RunOutputs {
    QString profilePath;  // the profile the run started from ("" = built-in default)
    QString outPath;      // results JSON (plateau.results/1); "-" = standard output
    QString csvPath;      // per-request CSV
    QString vllmJsonPath; // vLLM `bench serve`-shaped JSON
    QString vllmDirPath;  // one vLLM `bench serve` result file per level, in this directory
    QString journalPath;  // "" = next to --out, else in the cache directory
    bool quiet = false;   // no progress line, no notices
    // --interleave-with: B's results JSON ("" = from --out)
    QString interleaveOutPath;
};

struct RunInvocation {
    Profile profile;
    RunOutputs outputs;
    EngineOptions engine;             // how the client sends (not part of the benchmark's profile)
    QList<GateExpression> assertions; // --assert: checked on the finished run (RunAssertion)
    QList<GateExpression> failIf;     // --fail-if with --interleave-with: on the A/B compare
    bool help = false;
};

// Parses `plateau-cli run` arguments: loads the profile if one is named, then applies
// every flag on top of it (flags override the profile), then validates the result.
// Without a profile and without --url the run targets the built-in simulator
// (Profile::defaultProfile()). Errors are one line, naming the flag or the file.
class CliOptions {
public:
    // args: the arguments after "run".
    static std::optional<RunInvocation> parseRun(const QStringList& args, QString* error);
    // The journal a run writes when --journal is not given: next to --out
    // ("r.json" -> "r.journal.jsonl"), else (also for "--out -") in the user's cache
    // directory.
    static QString defaultJournalPath(const RunOutputs& outputs);
};
