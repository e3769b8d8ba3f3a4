#include "workload/empiricallengths.h"

#include "workload/datasetreader.h"

#include <algorithm>

QList<int> EmpiricalLengths::fromResult(const DatasetLoadResult& result, Field field) {
    const QList<int>& words = field == Field::Prompt ? result.promptWords : result.referenceWords;
    QList<int> values;
    values.reserve(words.size());
    for (int length : words) {
        if (length > 0)
            values.append(std::min(length, LengthDistribution::kMaxLength));
    }
    return values;
}

bool EmpiricalLengths::load(LengthDistribution* distribution, Field field,
                            const DatasetReadOptions& options, QString* error,
                            const LoadProgress& progress) {
    if (distribution->kind != LengthDistribution::Kind::Empirical || distribution->file.isEmpty()) {
        *error = QStringLiteral("not an empirical length distribution with a file");
        return false;
    }
    const DatasetLoadResult result = DatasetReader::readFile(distribution->file, options, progress);
    if (!result.ok) {
        *error = result.error;
        return false;
    }
    const QList<int> values = fromResult(result, field);
    if (values.isEmpty()) {
        *error = QStringLiteral("no entry of the dataset has a reference answer to take output "
                                "lengths from");
        return false;
    }
    distribution->values = values;
    return true;
}
