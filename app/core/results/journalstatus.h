#pragma once

#include <QString>

// What became of a run's journal, kept with the result (results JSON "journal") so nobody
// believes a journal complete when it is not. A live run: the path it wrote and the first
// write failure ("" = every line reached the file). A recovered run: the journal it was
// rebuilt from (recovered = true).
struct JournalStatus {
    QString path;  // "" = the run had no journal
    QString error; // "<path>: cannot write: No space left on device"; "" = complete
    bool recovered = false;

    bool isEmpty() const { return path.isEmpty(); }
    bool ok() const { return error.isEmpty(); }
    bool operator==(const JournalStatus&) const = default;
};
