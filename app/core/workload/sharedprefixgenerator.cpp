#include "workload/sharedprefixgenerator.h"

#include "protocol/promptgenerator.h"
#include "workload/synthetictext.h"

namespace {
// Independent streams of one seed: group choice, group texts, private prefixes, suffixes.
constexpr quint64 kGroupChoiceSalt = 0x3C6EF372FE94F82Bull;
constexpr quint64 kGroupTextSalt = 0xA54FF53A5F1D36F1ull;
constexpr quint64 kPrivateTextSalt = 0x510E527FADE682D1ull;
constexpr quint64 kSuffixSalt = 0x9B05688C2B3E6C1Full;
} // namespace

SharedPrefixGenerator::SharedPrefixGenerator(const SharedPrefixOptions& options, quint64 seed)
    : m_options(options)
    , m_seed(seed)
    , m_suffixLengths(options.suffix, seed) {}

int SharedPrefixGenerator::groupOf(quint64 index) const {
    SeededRandom random(SeededRandom::mix(m_seed ^ kGroupChoiceSalt, index));
    if (random.uniform01() >= m_options.reuseShare)
        return -1;
    return int(random.below(quint64(std::max(1, m_options.groups))));
}

QString SharedPrefixGenerator::prefixText(int group) const {
    return SyntheticText::words(SeededRandom::mix(m_seed ^ kGroupTextSalt, quint64(group)),
                                m_options.prefixWords);
}

WorkloadRequestSpec SharedPrefixGenerator::request(quint64 index) const {
    const int group = groupOf(index);
    const QString prefix =
        group >= 0 ? prefixText(group)
                   : SyntheticText::words(SeededRandom::mix(m_seed ^ kPrivateTextSalt, index),
                                          m_options.prefixWords);
    SeededRandom suffixRandom(SeededRandom::mix(m_seed ^ kSuffixSalt, index));
    PromptSource source;
    source.kind = PromptSource::Kind::Synthetic;
    source.inputTokens = m_suffixLengths.sample(suffixRandom);
    const PromptGenerator suffixes(source, SeededRandom::mix(m_seed, kSuffixSalt));
    WorkloadRequestSpec spec = WorkloadRequestSpec::fromText(suffixes.prompt(index).text, prefix);
    spec.prefixGroup = group;
    return spec;
}
