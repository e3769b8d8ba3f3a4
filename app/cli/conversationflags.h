#pragma once

#include "cli/runflags.h"
#include "profile/workloadsettings.h"

#include <QCommandLineParser>
#include <QString>

// The conversation flags of `plateau-cli run` (issue 16), after the other workload flags:
//   --conversations      concurrency = concurrent users, each running multi-turn
//                        conversations: the --dataset's, or synthetic ones without it
//   --turns K            turns per conversation (at most; a dataset entry may have fewer)
//   --think-time MS      pause between an answer and the next turn; exp:MS: exponential
//                        with that mean, seeded
// Errors are one line naming the flag and the bound.
class ConversationFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags,
                      WorkloadSettings* workload, QString* error);
};
