#pragma once

#include "workload/datasetloadresult.h"
#include "workload/datasetreadoptions.h"
#include "workload/loadprogress.h"

#include <QIODevice>
#include <QString>

// Reads a dataset (ShareGPT JSON, chat or prompt JSONL, plain text) in one streaming pass:
// memory holds the kept sample, the length lists and one entry at a time, never the file.
// Malformed entries are skipped and counted; a file with no usable entry is an error.
// Progress goes to a LoadProgress (which can cancel).
class DatasetReader {
public:
    // A regular file, refused before reading when larger than options.maxFileBytes.
    static DatasetLoadResult readFile(const QString& path, const DatasetReadOptions& options,
                                      const LoadProgress& progress = {});
    // Any open, readable device (a file, a QBuffer for tests and the fuzzer). `name` is
    // used in messages ("sharegpt.json").
    static DatasetLoadResult read(QIODevice* device, const DatasetReadOptions& options,
                                  const LoadProgress& progress = {},
                                  const QString& name = QStringLiteral("the dataset"));
    // The format of the device's content, from its first bytes (peeked, not consumed).
    static DatasetFormat detect(QIODevice* device);
};
