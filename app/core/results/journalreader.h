#pragma once

#include "results/runresult.h"

#include <QString>
#include <optional>

// Rebuilds a full RunResult (levels re-aggregated, plateau, budget) from a journal,
// including one cut off mid-line by a crash or kill (the torn last line is skipped and
// reported in `warning`). A level without its level_end line (the run was killed inside
// it) comes back incomplete; a run without its end line comes back cancelled with
// stop reason "interrupted". Lines repeated (the journal concatenated with itself) count
// once, with a warning; a second run in one journal is refused. The result's journal
// status names the journal (recovered = true). Any file type is read up to a 4 GiB cap.
// Errors (no file, not a journal, a newer journal schema) are one line naming the file.
class JournalReader {
public:
    // A journal holds every request with its event times (~1 KB each): 4 GiB is millions
    // of requests. Beyond that it is not a journal, or not one this machine could rebuild.
    static constexpr qint64 kMaxBytes = qint64(4) << 30;

    // maxBytes: the cap (tests use a small one).
    static std::optional<RunResult> read(const QString& path, QString* error,
                                         QString* warning = nullptr, qint64 maxBytes = kMaxBytes);
    // The same from the journal's bytes; `name` is used in messages.
    static std::optional<RunResult> parse(const QByteArray& data, const QString& name,
                                          QString* error, QString* warning = nullptr);
};
