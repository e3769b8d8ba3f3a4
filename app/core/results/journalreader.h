#pragma once

#include "runresult.h"

#include <QString>
#include <optional>

// Rebuilds a full RunResult (levels re-aggregated, plateau, budget) from a journal,
// including one cut off mid-line by a crash or kill (the torn last line is skipped and
// reported in `warning`). A level without its level_end line (the run was killed inside
// it) comes back incomplete; a run without its end line has an empty stopReason.
// Errors (no file, not a journal, a newer journal schema) are one line naming the file.
class JournalReader {
public:
    static std::optional<RunResult> read(const QString& path, QString* error,
                                         QString* warning = nullptr);
    // The same from the journal's bytes; `name` is used in messages.
    static std::optional<RunResult> parse(const QByteArray& data, const QString& name,
                                          QString* error, QString* warning = nullptr);
};
