// libFuzzer target for the workload readers: arbitrary bytes -> DatasetReader (detected
// format, and one forced format) and TraceReader, through a QBuffer as a file would be read.
// Must never crash, hang or trip ASan/UBSan, and what they report must hold together:
// accepted entries have user text, at most five reasons are kept, messages are one line.
#include "workload/datasetreader.h"
#include "workload/tracereader.h"

#include <QBuffer>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
// Says which invariant broke before aborting, so a crash report names it.
void checkAt(bool condition, const char* what, int line) {
    if (condition)
        return;
    std::fprintf(stderr, "fuzz_dataset: invariant failed at line %d: %s\n", line, what);
    std::abort();
}
#define check(condition) checkAt((condition), #condition, __LINE__)

void checkIssues(const LoadIssues& issues) {
    check(issues.first().size() <= LoadIssues::kKept);
    check(issues.count() >= issues.first().size());
    for (const LoadIssue& issue : issues.first())
        check(!issue.reason.isEmpty() && !issue.reason.contains(QLatin1Char('\n')));
}

void checkDataset(const DatasetLoadResult& r, const DatasetReadOptions& options) {
    checkIssues(r.malformed);
    check(r.promptWords.size() == r.referenceWords.size());
    check(r.ok != !r.error.isEmpty() || r.cancelled);
    check(!r.error.contains(QLatin1Char('\n')));
    if (!r.ok) {
        check(r.entries.isEmpty());
        return;
    }
    check(!r.entries.isEmpty() && r.usableEntries > 0);
    check(r.entries.size() <= std::max<qint64>(options.sampleCount, 1) || options.sampleCount == 0);
    for (const Conversation& c : r.entries) {
        check(!c.turns.isEmpty() && !c.turns.first().user.trimmed().isEmpty());
        check(c.maxTokens == -1 || (c.maxTokens >= 1 && c.maxTokens <= 1'000'000));
    }
}

DatasetLoadResult readDataset(const QByteArray& bytes, const DatasetReadOptions& options) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return DatasetReader::read(&buffer, options);
}

void checkTrace(const QByteArray& bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    TraceReadOptions options;
    options.maxLineBytes = 4096;
    const TraceLoadResult r = TraceReader::read(&buffer, options);
    checkIssues(r.malformed);
    check(r.ok == !r.entries.isEmpty());
    for (qsizetype i = 1; i < r.entries.size(); ++i)
        check(r.entries[i - 1].timestampMs <= r.entries[i].timestampMs);
    for (const TraceEntry& e : r.entries)
        check(e.inputLength > 0 || !e.conversation.turns.isEmpty());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    DatasetReadOptions options;
    options.maxEntryBytes = 4096; // small caps: the too-large paths get exercised
    options.maxLengthSamples = 3;
    checkDataset(readDataset(bytes, options), options);

    // The same bytes forced into another format, sampled in a way picked by the size.
    options.format = DatasetFormat(1 + size % 4);
    options.sampleCount = qint64(size % 3);
    options.withReplacement = options.sampleCount > 0 && size % 2 == 1;
    options.shuffle = size % 5 == 0;
    options.seed = size;
    checkDataset(readDataset(bytes, options), options);

    checkTrace(bytes);
    return 0;
}
