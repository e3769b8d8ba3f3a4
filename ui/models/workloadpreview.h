#pragma once

#include "models/lengthhistogram.h"

#include <QString>
#include <QStringList>

// What a workload's settings will send, for the Workload tab's live preview: the input and
// output lengths (drawn from the distributions, or a dataset's or trace's real ones), a
// few sample prompts, and what the reading found (usable entries, skipped ones).
struct WorkloadPreview {
    LengthHistogram input;
    LengthHistogram output;
    QString inputTitle;  // "Input tokens (2,000 draws)", "Prompt words (dataset)"
    QString outputTitle; // "Output tokens asked for", "Reference answer words (dataset)"
    QStringList samples; // up to three prompts, whole (the view elides them)
    QString note;        // "812 usable entries (ShareGPT JSON); 3 entries skipped: ..."
    QString error;       // set when nothing can be previewed (a missing file, no entry)
    bool cancelled = false;

    bool ok() const { return error.isEmpty() && !cancelled; }
};
