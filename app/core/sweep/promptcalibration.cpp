#include "sweep/promptcalibration.h"

#include "common/monotonicclock.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr int kSwitchAboveTokens = 1024;

// Why probe `record` cannot be used, "" if it can.
QString unusable(const RequestRecord& record) {
    if (!record.ok())
        return u"failed (" + record.error + u": " + record.errorMessage + u')';
    if (record.inputTokensSource != TokenSource::Usage || record.inputTokens <= 0)
        return QStringLiteral("reported no usage.prompt_tokens");
    return {};
}

QString number(double value) {
    return QString::number(value, 'f', 3);
}
} // namespace

PromptCalibration::PromptCalibration(const PromptSource& source, quint64 seed)
    : m_source(source)
    , m_seed(seed)
    , m_words(probeWordsFor(source.inputTokens)) {
    m_info.probeEstimatedTokens = m_words;
}

QList<int> PromptCalibration::probeWordsFor(int targetTokens) {
    const int target = std::max(1, targetTokens);
    const int other = target <= kSwitchAboveTokens ? std::max(4 * target, target + 64) : target / 4;
    return {target, other};
}

std::shared_ptr<const PromptGenerator> PromptCalibration::probePrompts(int i) const {
    PromptSource source = m_source;
    source.kind = PromptSource::Kind::Synthetic;
    source.inputTokens = m_words.value(i, 1);
    return std::make_shared<const PromptGenerator>(source, m_seed);
}

void PromptCalibration::addProbe(const RequestRecord& record) {
    m_info.probes.append(record);
}

CalibrationInfo PromptCalibration::abandon(const QString& message) const {
    CalibrationInfo info = m_info;
    info.method = QStringLiteral("none");
    info.message = message;
    return info;
}

CalibrationInfo PromptCalibration::finish(PromptGenerator* generator) const {
    CalibrationInfo info = m_info;
    const int target = std::max(1, m_source.inputTokens);
    QStringList problems;
    QList<int> usable;
    for (int i = 0; i < kProbes; ++i) {
        const QString problem =
            i < info.probes.size() ? unusable(info.probes.at(i)) : QStringLiteral("was not sent");
        if (problem.isEmpty())
            usable.append(i);
        else
            problems << u"probe " + QString::number(i + 1) + u' ' + problem;
    }
    auto tokens = [&](int i) { return info.probes.at(i).inputTokens; };

    if (usable.size() == kProbes &&
        generator->calibrateTwoPoint(m_words.at(0), tokens(0), m_words.at(1), tokens(1))) {
        info.method = QStringLiteral("two_point");
        info.overheadTokens = generator->overheadTokens();
        info.tokensPerEstimatedToken = generator->calibrationFactor();
        info.message = QStringLiteral("calibrated prompts: the server counts %1 + %2 tokens per "
                                      "word (probes of %3 and %4 words: %5 and %6 tokens); "
                                      "prompts of %7 words for %8 input tokens")
                           .arg(number(info.overheadTokens), number(info.tokensPerEstimatedToken))
                           .arg(m_words.at(0))
                           .arg(m_words.at(1))
                           .arg(tokens(0))
                           .arg(tokens(1))
                           .arg(generator->syntheticWords())
                           .arg(target);
        const double shortest = info.overheadTokens + info.tokensPerEstimatedToken;
        if (target < shortest)
            info.message += QStringLiteral("; the target is below the shortest prompt the "
                                           "server can see (about %1 tokens): prompts use 1 word")
                                .arg(std::lround(shortest));
        return info;
    }
    if (usable.size() == kProbes)
        problems << QStringLiteral("the two-point fit was degenerate (%1 words: %2 tokens, "
                                   "%3 words: %4 tokens)")
                        .arg(m_words.at(0))
                        .arg(tokens(0))
                        .arg(m_words.at(1))
                        .arg(tokens(1));
    if (!usable.isEmpty()) {
        // The probe at the target length first: one factor is exact at its own length.
        const int i = usable.first();
        generator->calibrate(m_words.at(i), tokens(i));
        info.method = QStringLiteral("factor");
        info.overheadTokens = 0.0;
        info.tokensPerEstimatedToken = generator->calibrationFactor();
        info.message = QStringLiteral("calibrated prompts with one factor (%1): the server "
                                      "counts %2 tokens for a prompt of %3 words (factor %4)")
                           .arg(problems.join(QStringLiteral("; ")))
                           .arg(tokens(i))
                           .arg(m_words.at(i))
                           .arg(number(info.tokensPerEstimatedToken));
        return info;
    }
    info.method = QStringLiteral("none");
    info.message = u"prompt calibration skipped (" + problems.join(QStringLiteral("; ")) +
                   u"); input tokens are estimates";
    return info;
}

RequestJob PromptCalibration::probeJob(int i, const std::shared_ptr<const RunContext>& run,
                                       qint64 cookie) const {
    RequestJob job;
    job.seed.id = 0; // measured requests count from 1; probes are told apart by order
    job.seed.level = -1;
    job.seed.warmup = true;
    job.seed.tSchedNs = MonotonicClock::nowNs();
    job.promptIndex = probePromptIndex(i);
    job.maxTokens = 1;
    job.cookie = cookie;
    auto context = std::make_shared<RunContext>(*run);
    context->prompts = probePrompts(i);
    context->batchSize = 1; // embeddings: one input, so its usage is one prompt's tokens
    job.context = context;
    return job;
}
