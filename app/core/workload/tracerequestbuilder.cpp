#include "workload/tracerequestbuilder.h"

#include "workload/conversationrequestbuilder.h"
#include "workload/seededrandom.h"
#include "workload/synthetictext.h"

#include <QStringList>

#include <algorithm>

namespace {
// Separate streams for block texts and per-request texts of one seed.
constexpr quint64 kBlockSalt = 0x6A09E667F3BCC908ull;
constexpr quint64 kUniqueSalt = 0xBB67AE8584CAA73Bull;

// The first `count` words of `text` (words are single-space separated).
QString firstWords(const QString& text, int count) {
    qsizetype position = -1;
    for (int i = 0; i < count; ++i) {
        position = text.indexOf(QLatin1Char(' '), position + 1);
        if (position < 0)
            return text;
    }
    return text.left(position);
}
} // namespace

TraceRequestBuilder::TraceRequestBuilder(quint64 seed, int blockWords)
    : m_seed(seed)
    , m_blockWords(std::max(1, blockWords)) {}

QString TraceRequestBuilder::blockText(quint64 hashId) const {
    return SyntheticText::words(SeededRandom::mix(m_seed ^ kBlockSalt, hashId), m_blockWords);
}

QString TraceRequestBuilder::lengthPrompt(const TraceEntry& entry, qint64 index) const {
    QStringList parts;
    int remaining = entry.inputLength;
    for (quint64 id : entry.hashIds) {
        if (remaining <= 0)
            break;
        const int words = std::min(remaining, m_blockWords);
        parts.append(words == m_blockWords ? blockText(id) : firstWords(blockText(id), words));
        remaining -= words;
    }
    if (remaining > 0)
        parts.append(SyntheticText::words(SeededRandom::mix(m_seed ^ kUniqueSalt, quint64(index)),
                                          remaining));
    return parts.join(QLatin1Char(' '));
}

WorkloadRequestSpec TraceRequestBuilder::build(const TraceEntry& entry, qint64 index) const {
    WorkloadRequestSpec spec;
    if (!entry.conversation.turns.isEmpty()) {
        const Conversation& c = entry.conversation;
        spec = ConversationRequestBuilder::build(c, int(c.turns.size() - 1), {}, -1);
    } else {
        spec = WorkloadRequestSpec::fromText(lengthPrompt(entry, index));
    }
    if (entry.outputLength > 0)
        spec.maxTokens = entry.outputLength;
    spec.dueMs = entry.timestampMs;
    spec.sourceIndex = entry.line;
    return spec;
}
