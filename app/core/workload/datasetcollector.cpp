#include "workload/datasetcollector.h"

namespace {
qsizetype capacityOf(const DatasetReadOptions& options) {
    return qsizetype(options.sampleCount > 0 ? options.sampleCount : options.maxEntries);
}
} // namespace

DatasetCollector::DatasetCollector(const DatasetReadOptions& options)
    : m_options(options)
    , m_entries(capacityOf(options), options.withReplacement, SeededRandom::mix(options.seed, 0))
    , m_lengths(qsizetype(options.maxLengthSamples), false, SeededRandom::mix(options.seed, 1)) {}

void DatasetCollector::add(Conversation conversation) {
    const int words = conversation.promptWords();
    if (words < m_options.minPromptWords || words > m_options.maxPromptWords) {
        ++m_filteredOut;
        return;
    }
    m_lengths.offer({words, conversation.referenceWords()});
    m_entries.offer(conversation);
}

void DatasetCollector::finish(DatasetLoadResult* result) {
    result->usableEntries = m_entries.seen();
    result->filteredOut = m_filteredOut;
    result->malformed = m_issues;
    result->entries = m_entries.take(m_options.shuffle);
    const QList<std::pair<int, int>> lengths = m_lengths.take(false);
    result->promptWords.reserve(lengths.size());
    result->referenceWords.reserve(lengths.size());
    for (const auto& [prompt, reference] : lengths) {
        result->promptWords.append(prompt);
        result->referenceWords.append(reference);
    }
    if (m_options.sampleCount == 0 && result->usableEntries > m_options.maxEntries)
        result->warnings.append(QStringLiteral("%1 usable entries, more than the %2 kept at "
                                               "most: a uniform sample of %2 is used")
                                    .arg(result->usableEntries)
                                    .arg(m_options.maxEntries));
}
