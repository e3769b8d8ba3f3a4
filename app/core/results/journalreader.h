#pragma once

#include "runresult.h"

#include <QString>
#include <optional>

// Rebuilds a full RunResult (levels re-aggregated, plateau, budget) from a journal,
// including one cut off mid-line by a crash or kill (the torn last line is skipped and
// reported in `warning`).
class JournalReader {
public:
    static std::optional<RunResult> read(const QString& path, QString* error,
                                         QString* warning = nullptr);
};
