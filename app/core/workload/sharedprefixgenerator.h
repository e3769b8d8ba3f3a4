#pragma once

#include "workload/lengthsampler.h"
#include "workload/sharedprefixoptions.h"
#include "workload/workloadrequestspec.h"

// Generates the requests of a shared-prefix workload (SharedPrefixOptions), by index:
// request i is the same for the same seed whatever order requests are asked in (each index
// has its own random stream), so it is safe to call from several threads (const).
class SharedPrefixGenerator {
public:
    SharedPrefixGenerator(const SharedPrefixOptions& options, quint64 seed);

    // The group request `index` belongs to; -1 when it has a prefix of its own.
    int groupOf(quint64 index) const;
    // Group g's prefix text (prefixWords words; the same for every request of the group).
    QString prefixText(int group) const;
    // System message = the prefix, user message = the request's own suffix (a synthetic
    // prompt, PromptGenerator's); prefixGroup says which group (-1: none).
    WorkloadRequestSpec request(quint64 index) const;

    const SharedPrefixOptions& options() const { return m_options; }

private:
    SharedPrefixOptions m_options;
    quint64 m_seed;
    LengthSampler m_suffixLengths;
};
