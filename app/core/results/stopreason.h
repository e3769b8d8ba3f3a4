#pragma once

#include <QString>

// Why a run ended. Typed everywhere inside the program; turned into a string only at the
// edges: key() for the results file and the journal (the strings files have always had),
// userText() for a person (the GUI's status line, the run summary).
enum class StopReason {
    None,           // not finished (a live run), or a file that named no reason
    Completed,      // the plan ran to its end
    Cancelled,      // stopped by the user (or Ctrl-C)
    Plateau,        // stop rule: throughput stopped growing
    BudgetExceeded, // stop rule: a level missed the latency budget
    ErrorRate,      // stop rule: too many requests failed
    Unreachable,    // the endpoint stopped answering (or never did)
    InvalidProfile, // the run could not start: its settings are wrong
    Error,          // the run could not start or go on: journal, simulator
    Interrupted,    // a recovered run whose journal never recorded its end
};

namespace StopReasons {
// "completed", "cancelled", "plateau", "budget_exceeded", "error_rate", "unreachable",
// "invalid_profile", "error", "interrupted"; "" for None.
QString key(StopReason reason);
// The reverse of key(); a string no version wrote gives *known false and None.
StopReason fromKey(const QString& key, bool* known = nullptr);
// One sentence for a person ("The sweep stopped early once throughput had plateaued."),
// "" for Completed and None.
QString userText(StopReason reason);
} // namespace StopReasons
