#pragma once

#include "profile/lengthdistribution.h"
#include "workload/datasetloadresult.h"
#include "workload/datasetreadoptions.h"
#include "workload/loadprogress.h"

#include <QList>
#include <QString>

// Fills an empirical LengthDistribution from the dataset file it names: the prompt lengths
// for an input distribution, the reference answers' lengths for an output one (entries
// without an answer have no output length and are left out). Lengths are in words, the
// simulator's count, as everywhere in the workload.
class EmpiricalLengths {
public:
    enum class Field { Prompt, Answer };

    // Reads distribution->file (streaming, with the options' caps and sampling) and sets
    // distribution->values. False with a one-line *error; the distribution is unchanged.
    static bool load(LengthDistribution* distribution, Field field,
                     const DatasetReadOptions& options, QString* error,
                     const LoadProgress& progress = {});
    // The lengths of one field of a load's result (no zeros).
    static QList<int> fromResult(const DatasetLoadResult& result, Field field);
};
