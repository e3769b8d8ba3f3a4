#pragma once

#include "workload/datasetformat.h"

#include <QString>

// How to read a dataset file: its format, the caps that bound time and memory whatever the
// file holds, which entries to keep (a length filter, a seeded sample) and in what order.
struct DatasetReadOptions {
    static constexpr qint64 kDefaultMaxFileBytes = qint64(8) << 30;  // 8 GiB
    static constexpr qint64 kMaxMaxFileBytes = qint64(1) << 40;      // 1 TiB
    static constexpr qint64 kDefaultMaxEntryBytes = qint64(1) << 20; // 1 MiB per entry / line
    static constexpr qint64 kMaxMaxEntryBytes = qint64(64) << 20;
    static constexpr qint64 kDefaultMaxEntries = 1'000'000;
    static constexpr qint64 kMaxMaxEntries = 10'000'000;
    static constexpr int kMaxWords = 1'000'000;

    DatasetFormat format = DatasetFormat::Auto;
    qint64 maxFileBytes = kDefaultMaxFileBytes;
    qint64 maxEntryBytes = kDefaultMaxEntryBytes; // a larger entry is skipped and counted
    qint64 maxEntries = kDefaultMaxEntries;       // entries kept at most (memory)
    // 0: keep every usable entry (when there are more than maxEntries, a uniform sample of
    // maxEntries). N: a uniform sample of N entries, without replacement (all of them when
    // the file has fewer), or with replacement (exactly N, duplicates possible).
    qint64 sampleCount = 0;
    bool withReplacement = false;
    bool shuffle = false; // false: kept entries stay in file order
    quint64 seed = 0;
    // Entries whose prompt (system + first user text) has fewer or more words are left out.
    int minPromptWords = 0;
    int maxPromptWords = kMaxWords;
    // Prompt/answer length pairs kept for histograms and empirical distributions (a
    // uniform sample of the usable entries when there are more).
    qint64 maxLengthSamples = 1'000'000;

    // "" when usable, else a one-line reason naming the option.
    QString validate() const;
};
