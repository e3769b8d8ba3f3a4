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

// A ShareGPT entry of one exchange, and a file of `entries` of them with varied lengths.
inline QByteArray shareGptEntry(const QString& user, const QString& answer) {
    return QStringLiteral(R"({"conversations":[{"from":"human","value":"%1"},)"
                          R"({"from":"gpt","value":"%2"}]})")
        .arg(user, answer)
        .toUtf8();
}

inline QByteArray shareGptFile(int entries) {
    QByteArray data = "[";
    for (int i = 0; i < entries; ++i)
        data += QByteArray(i ? "," : "") +
                shareGptEntry(QStringLiteral("question %1 ").arg(i).repeated(i % 7 + 1),
                              QStringLiteral("answer"));
    return data + "]";
}
