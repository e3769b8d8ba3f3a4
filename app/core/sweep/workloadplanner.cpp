#include "sweep/workloadplanner.h"

#include "sweep/conversationusers.h"
#include "workload/datasetreader.h"
#include "workload/empiricallengths.h"

#include <QFileInfo>
#include <cmath>

namespace {
// Independent per-request streams of the run's seed: input and output lengths.
constexpr quint64 kInputSalt = 0x6A09E667F3BCC908ull;
constexpr quint64 kOutputSalt = 0xBB67AE8584CAA73Bull;

bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}
} // namespace

bool WorkloadPlanner::prepare(const Profile& profile, QString* error) {
    *this = WorkloadPlanner(); // a second run of the same engine starts clean
    m_settings = profile.workload;
    m_prompts = profile.prompts;
    m_seed = profile.plan.seed;
    const WorkloadSettings& w = m_settings;
    using Kind = WorkloadSettings::Kind;
    if (w.kind == Kind::Conversations && profile.plan.mode == SweepPlan::Mode::Rate)
        return fail(error, QStringLiteral("conversations run with concurrency levels (each "
                                          "concurrent user runs one conversation after another); "
                                          "rate levels cannot run them"));
    m_active = w.kind != Kind::Synthetic || w.input || w.output || w.sharedPrefix.enabled;
    if (!m_active)
        return true;

    LengthDistribution input =
        w.input.value_or(LengthDistribution::fixed(std::max(1, m_prompts.inputTokens)));
    LengthDistribution output = w.output.value_or(LengthDistribution::fixed(1));
    if (!loadLengths(&input, QStringLiteral("input"), error) ||
        !loadLengths(&output, QStringLiteral("output"), error))
        return false;
    m_input.emplace(input, SeededRandom::mix(m_seed, kInputSalt));
    if (w.output)
        m_output.emplace(output, SeededRandom::mix(m_seed, kOutputSalt));

    if (w.kind == Kind::Synthetic && w.sharedPrefix.enabled) {
        SharedPrefixOptions options;
        options.groups = w.sharedPrefix.groups;
        options.prefixWords = w.sharedPrefix.prefixTokens;
        options.reuseShare = w.sharedPrefix.share;
        options.suffix = input;
        if (const QString why = options.validate(); !why.isEmpty())
            return fail(error, QStringLiteral("workload.shared_prefix: ") + why);
        m_sharedPrefix.emplace(options, m_seed);
    }
    if (w.kind == Kind::Trace) {
        m_trace.emplace();
        if (!m_trace->load(w.trace, m_seed, error))
            return false;
    }
    const bool fromDataset =
        w.kind == Kind::Dataset || (w.kind == Kind::Conversations && !w.dataset.path.isEmpty());
    if (fromDataset && !loadDataset(error))
        return false;
    if (w.kind == Kind::Conversations)
        return prepareConversations(input, output, error);
    return true;
}

// Conversations from the dataset's entries, else synthetic ones: user turns of the input
// distribution's length (in words), answers of the output distribution's.
bool WorkloadPlanner::prepareConversations(const LengthDistribution& input,
                                           const LengthDistribution& output, QString* error) {
    const WorkloadSettings::Conversations& settings = m_settings.conversations;
    if (!m_entries.isEmpty()) {
        m_users = std::make_shared<ConversationUsers>(m_entries, settings, m_seed);
        return true;
    }
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::fixed(settings.turns);
    options.userWords = input;
    options.answerTokens =
        m_settings.output ? output : LengthDistribution::fixed(std::max(1, m_prompts.outputTokens));
    if (const QString why = options.validate(); !why.isEmpty())
        return fail(error, QStringLiteral("workload.conversations: ") + why);
    m_users = std::make_shared<ConversationUsers>(options, settings, m_seed);
    return true;
}

bool WorkloadPlanner::loadDataset(QString* error) {
    const WorkloadSettings& w = m_settings;
    DatasetReadOptions options;
    DatasetFormats::fromName(w.dataset.format, &options.format);
    options.sampleCount = w.dataset.sample;
    options.withReplacement = w.dataset.withReplacement;
    options.shuffle = w.dataset.shuffle;
    options.seed = m_seed;
    options.minPromptWords = w.dataset.minPromptWords;
    options.maxPromptWords = w.dataset.maxPromptWords;
    const DatasetLoadResult loaded = DatasetReader::readFile(w.dataset.path, options);
    if (!loaded.ok)
        return fail(error,
                    QFileInfo(w.dataset.path).fileName() + QStringLiteral(": ") + loaded.error);
    m_entries = loaded.entries;
    m_note =
        QStringLiteral("dataset %1: %2 (%3 usable entries, %4 used)")
            .arg(QFileInfo(w.dataset.path).fileName(), DatasetFormats::description(loaded.format))
            .arg(loaded.usableEntries)
            .arg(m_entries.size());
    if (loaded.filteredOut > 0)
        m_note += QStringLiteral("; %1 outside the length filter").arg(loaded.filteredOut);
    if (const QString malformed = loaded.malformed.summary(); !malformed.isEmpty())
        m_note += QStringLiteral("; ") + malformed;
    return true;
}

// An empirical distribution ("empirical:FILE") takes its lengths from the file now.
bool WorkloadPlanner::loadLengths(LengthDistribution* lengths, const QString& what,
                                  QString* error) const {
    const bool input = what == QLatin1String("input");
    if (lengths->kind == LengthDistribution::Kind::Empirical && lengths->values.isEmpty()) {
        DatasetReadOptions options;
        options.seed = m_seed;
        const auto field =
            input ? EmpiricalLengths::Field::Prompt : EmpiricalLengths::Field::Answer;
        QString why;
        if (!EmpiricalLengths::load(lengths, field, options, &why))
            return fail(error, QStringLiteral("workload.%1: ").arg(what) + why);
    }
    if (const QString why = lengths->validate(); !why.isEmpty())
        return fail(error, QStringLiteral("workload.%1: ").arg(what) + why);
    return true;
}

bool WorkloadPlanner::calibrates() const {
    return m_settings.kind == WorkloadSettings::Kind::Synthetic;
}

int WorkloadPlanner::calibrationTargetTokens() const {
    return m_input ? std::max(1, m_input->distribution().quantile(0.5))
                   : std::max(1, m_prompts.inputTokens);
}

int WorkloadPlanner::syntheticWords(int tokens, const PromptGenerator& calibrated) const {
    // The calibration's fit (tokens = overhead + factor * words), solved for the words.
    const double words = (tokens - calibrated.overheadTokens()) / calibrated.calibrationFactor();
    return std::max(1, int(std::lround(words)));
}

QString WorkloadPlanner::syntheticText(quint64 index, int words) const {
    PromptSource source;
    source.kind = PromptSource::Kind::Synthetic;
    source.inputTokens = words; // an uncalibrated generator makes exactly this many words
    return PromptGenerator(source, m_seed).prompt(index).text;
}

int WorkloadPlanner::outputTokens(quint64 index, const Conversation* entry) const {
    if (entry && m_settings.dataset.outputFromReference) {
        if (entry->maxTokens > 0)
            return entry->maxTokens;
        if (const int reference = entry->referenceWords(); reference > 0)
            return std::min(reference, LengthDistribution::kMaxLength);
    }
    if (!m_output)
        return -1;
    SeededRandom random(SeededRandom::mix(m_seed ^ kOutputSalt, index));
    return m_output->sample(random);
}

WorkloadRequestSpec WorkloadPlanner::request(quint64 index,
                                             const PromptGenerator& calibrated) const {
    WorkloadRequestSpec spec;
    const Conversation* entry = nullptr;
    if (m_trace) {
        spec = m_trace->request(index);
        if (spec.maxTokens < 0 && m_output) { // the trace gave no output length
            SeededRandom random(SeededRandom::mix(m_seed ^ kOutputSalt, index));
            spec.maxTokens = m_output->sample(random);
        }
        return spec;
    }
    if (!m_entries.isEmpty()) {
        // Run ids count from 1: id 1 sends the first entry.
        const quint64 position = index > 0 ? index - 1 : 0;
        entry = &m_entries.at(qsizetype(position % quint64(m_entries.size())));
        spec = WorkloadRequestSpec::fromText(entry->turns.value(0).user, entry->system);
        spec.sourceIndex = entry->sourceIndex;
    } else if (m_sharedPrefix) {
        spec = m_sharedPrefix->request(index);
    } else if (m_input) {
        SeededRandom random(SeededRandom::mix(m_seed ^ kInputSalt, index));
        const int tokens = m_input->sample(random);
        spec =
            WorkloadRequestSpec::fromText(syntheticText(index, syntheticWords(tokens, calibrated)));
    }
    spec.maxTokens = outputTokens(index, entry);
    return spec;
}

void WorkloadPlanner::applyTo(RequestJob* job, const PromptGenerator& calibrated) const {
    ConversationUsers* users = conversations();
    job->keepAnswer = users != nullptr;
    const WorkloadRequestSpec spec =
        users ? users->next(int(job->cookie)) : request(job->promptIndex, calibrated);
    job->prompt = spec.toPrompt();
    job->maxTokens = spec.maxTokens;
    job->seed.prefixGroup = spec.prefixGroup;
    job->seed.conversationId = spec.conversationId;
    job->seed.turnIndex = spec.conversationId >= 0 ? spec.turnIndex : -1;
    job->seed.sourceIndex = spec.sourceIndex;
}
