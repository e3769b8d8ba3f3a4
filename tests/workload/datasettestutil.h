#pragma once

#include "workload/datasetreader.h"

#include <QBuffer>

// Reads a dataset from bytes, as the fuzzer and the GUI preview do.
inline DatasetLoadResult loadDataset(const QByteArray& data,
                                     const DatasetReadOptions& options = DatasetReadOptions(),
                                     const LoadProgress& progress = {}) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return DatasetReader::read(&buffer, options, progress, QStringLiteral("data.json"));
}
