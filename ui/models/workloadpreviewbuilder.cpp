#include "models/workloadpreviewbuilder.h"

#include "protocol/promptgenerator.h"
#include "workload/datasetreader.h"
#include "workload/empiricallengths.h"
#include "workload/sharedprefixgenerator.h"
#include "workload/syntheticconversationgenerator.h"
#include "workload/tracereader.h"
#include "workload/tracerequestbuilder.h"
#include "workload/tracetransform.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace {
using Kind = WorkloadSettings::Kind;
constexpr quint64 kInputStream = 1;
constexpr quint64 kOutputStream = 2;
constexpr qsizetype kSampleChars = 600; // a sample prompt is cut here (the view elides more)

QString number(qint64 value) {
    return QLocale().toString(value);
}

LengthDistribution inputOf(const Profile& profile) {
    return profile.workload.input.value_or(
        LengthDistribution::fixed(std::max(1, profile.prompts.inputTokens)));
}

LengthDistribution outputOf(const Profile& profile) {
    return profile.workload.output.value_or(
        LengthDistribution::fixed(std::max(1, profile.prompts.outputTokens)));
}

// An empirical distribution takes its values from its file now (as the run will).
bool resolve(LengthDistribution* lengths, EmpiricalLengths::Field field, quint64 seed,
             const LoadProgress& progress, QString* error) {
    if (lengths->kind == LengthDistribution::Kind::Empirical && lengths->values.isEmpty()) {
        DatasetReadOptions options;
        options.seed = seed;
        options.maxEntries = 1;
        if (!EmpiricalLengths::load(lengths, field, options, error, progress))
            return false;
    }
    *error = lengths->validate();
    return error->isEmpty();
}

QList<int> draw(const LengthDistribution& lengths, quint64 seed, int draws) {
    LengthSampler sampler(lengths, seed);
    QList<int> values;
    values.reserve(draws);
    for (int i = 0; i < draws; ++i)
        values.append(sampler.next());
    return values;
}

QString sample(const QString& text) {
    const QString line = text.simplified();
    const int words = PromptGenerator::wordCount(line);
    const QString head = line.size() > kSampleChars ? line.left(kSampleChars) + u'…' : line;
    return (words == 1 ? QObject::tr("1 word: ") : QObject::tr("%1 words: ").arg(number(words))) +
           head;
}

QString promptOf(const Conversation& entry) {
    const QString user = entry.turns.value(0).user;
    return entry.system.isEmpty() ? user : entry.system + QStringLiteral("\n\n") + user;
}

DatasetReadOptions readOptions(const WorkloadSettings::Dataset& dataset, quint64 seed) {
    DatasetReadOptions options;
    DatasetFormats::fromName(dataset.format, &options.format);
    options.seed = seed;
    options.minPromptWords = dataset.minPromptWords;
    options.maxPromptWords = dataset.maxPromptWords;
    // The preview keeps a few entries (a seeded uniform sample) for its sample prompts;
    // the lengths are those of every usable entry.
    options.sampleCount = WorkloadPreviewBuilder::kSamples;
    return options;
}

QString datasetNote(const DatasetLoadResult& loaded, const WorkloadSettings::Dataset& dataset) {
    QStringList parts;
    parts << QObject::tr("%1 usable entries (%2)")
                 .arg(number(loaded.usableEntries), DatasetFormats::description(loaded.format));
    if (loaded.filteredOut > 0)
        parts << QObject::tr("%1 outside the prompt length filter").arg(number(loaded.filteredOut));
    if (dataset.sample > 0)
        parts << QObject::tr("a run sends %1 of them%2")
                     .arg(number(dataset.sample))
                     .arg(dataset.withReplacement ? QObject::tr(", drawn with replacement")
                                                  : QString());
    if (const QString malformed = loaded.malformed.summary(); !malformed.isEmpty())
        parts << malformed;
    parts += loaded.warnings;
    return parts.join(QStringLiteral("; "));
}

void fillOutputFromDistribution(WorkloadPreview* preview, const Profile& profile,
                                const LoadProgress& progress, int draws) {
    LengthDistribution output = outputOf(profile);
    QString why;
    if (!resolve(&output, EmpiricalLengths::Field::Answer, profile.plan.seed, progress, &why)) {
        preview->note += QObject::tr("; output lengths: %1").arg(why);
        return;
    }
    preview->output = LengthHistogram::of(
        draw(output, SeededRandom::mix(profile.plan.seed, kOutputStream), draws));
    preview->outputTitle = QObject::tr("Output tokens asked for (%1 draws)").arg(number(draws));
}
} // namespace

WorkloadPreview WorkloadPreviewBuilder::build(const Profile& profile, const LoadProgress& progress,
                                              int draws) {
    switch (profile.workload.kind) {
    case Kind::Synthetic:
        return synthetic(profile, progress, draws);
    case Kind::Dataset:
        return dataset(profile, progress, draws);
    case Kind::Conversations:
        return conversations(profile, progress, draws);
    case Kind::Trace:
        return trace(profile, progress);
    }
    return {};
}

WorkloadPreview WorkloadPreviewBuilder::synthetic(const Profile& profile,
                                                  const LoadProgress& progress, int draws) {
    WorkloadPreview preview;
    const WorkloadSettings& w = profile.workload;
    const quint64 seed = profile.plan.seed;
    LengthDistribution input = inputOf(profile);
    if (!resolve(&input, EmpiricalLengths::Field::Prompt, seed, progress, &preview.error))
        return preview;
    QList<int> inputs = draw(input, SeededRandom::mix(seed, kInputStream), draws);
    if (w.sharedPrefix.enabled) {
        // Every request carries a prefix of that length: a group's, or one of its own.
        for (int& length : inputs)
            length = std::min(length + w.sharedPrefix.prefixTokens, LengthDistribution::kMaxLength);
        preview.note = tr("Each prompt starts with one of %1 shared prefixes of %2 tokens "
                          "(%3 % of the requests reuse one).")
                           .arg(w.sharedPrefix.groups)
                           .arg(w.sharedPrefix.prefixTokens)
                           .arg(w.sharedPrefix.share * 100.0, 0, 'g', 3);
        SharedPrefixOptions options;
        options.groups = w.sharedPrefix.groups;
        options.prefixWords = w.sharedPrefix.prefixTokens;
        options.reuseShare = w.sharedPrefix.share;
        options.suffix = input;
        if (options.validate().isEmpty()) {
            const SharedPrefixGenerator generator(options, seed);
            for (int i = 1; i <= kSamples; ++i)
                preview.samples << sample(generator.request(quint64(i)).promptText());
        }
    } else {
        LengthSampler lengths(input, SeededRandom::mix(seed, kInputStream));
        for (int i = 1; i <= kSamples; ++i) {
            PromptSource source = profile.prompts;
            source.kind = PromptSource::Kind::Synthetic;
            source.inputTokens = lengths.next(); // uncalibrated: one word per token
            preview.samples << sample(PromptGenerator(source, seed).prompt(quint64(i)).text);
        }
    }
    preview.input = LengthHistogram::of(inputs);
    preview.inputTitle = tr("Input tokens (%1 draws)").arg(number(draws));
    fillOutputFromDistribution(&preview, profile, progress, draws);
    return preview;
}

WorkloadPreview WorkloadPreviewBuilder::dataset(const Profile& profile,
                                                const LoadProgress& progress, int draws) {
    WorkloadPreview preview;
    const WorkloadSettings::Dataset& settings = profile.workload.dataset;
    const QString name = QFileInfo(settings.path).fileName();
    if (settings.path.isEmpty()) {
        preview.error = tr("Choose a dataset file to see its lengths.");
        return preview;
    }
    const DatasetLoadResult loaded =
        DatasetReader::readFile(settings.path, readOptions(settings, profile.plan.seed), progress);
    preview.cancelled = loaded.cancelled;
    if (!loaded.ok) {
        preview.error = name + QStringLiteral(": ") + loaded.error;
        if (const QString malformed = loaded.malformed.summary(); !malformed.isEmpty())
            preview.error += QStringLiteral(" (") + malformed + u')';
        return preview;
    }
    preview.input =
        LengthHistogram::of(EmpiricalLengths::fromResult(loaded, EmpiricalLengths::Field::Prompt));
    preview.inputTitle = tr("Prompt words (%1)").arg(name);
    preview.note = datasetNote(loaded, settings);
    for (const Conversation& entry : loaded.entries)
        preview.samples << sample(promptOf(entry));
    const QList<int> answers =
        EmpiricalLengths::fromResult(loaded, EmpiricalLengths::Field::Answer);
    if (settings.outputFromReference && !answers.isEmpty()) {
        preview.output = LengthHistogram::of(answers);
        preview.outputTitle = tr("Reference answer words (%1)").arg(name);
    } else {
        fillOutputFromDistribution(&preview, profile, progress, draws);
    }
    return preview;
}

WorkloadPreview WorkloadPreviewBuilder::conversations(const Profile& profile,
                                                      const LoadProgress& progress, int draws) {
    const WorkloadSettings& w = profile.workload;
    if (!w.dataset.path.isEmpty()) {
        WorkloadPreview preview = dataset(profile, progress, draws);
        if (preview.ok())
            preview.note +=
                tr("; each user runs up to %1 turns per conversation").arg(w.conversations.turns);
        return preview;
    }
    WorkloadPreview preview;
    SyntheticConversationOptions options;
    options.turns = LengthDistribution::fixed(
        std::clamp(w.conversations.turns, 1, SyntheticConversationOptions::kMaxTurns));
    options.userWords = inputOf(profile);
    options.answerTokens = outputOf(profile);
    if (!resolve(&options.userWords, EmpiricalLengths::Field::Prompt, profile.plan.seed, progress,
                 &preview.error) ||
        !resolve(&options.answerTokens, EmpiricalLengths::Field::Answer, profile.plan.seed,
                 progress, &preview.error))
        return preview;
    if (const QString invalid = options.validate(); !invalid.isEmpty()) {
        preview.error = invalid;
        return preview;
    }
    // Turn k sends the whole history: its input is every earlier message plus its own.
    const SyntheticConversationGenerator generator(options, profile.plan.seed);
    QList<int> inputs;
    QList<int> outputs;
    for (quint64 c = 0; inputs.size() < draws; ++c) {
        const Conversation conversation = generator.conversation(c);
        int history = PromptGenerator::wordCount(conversation.system);
        for (const ConversationTurn& turn : conversation.turns) {
            const int user = PromptGenerator::wordCount(turn.user);
            const int answer = PromptGenerator::wordCount(turn.reference);
            inputs << std::min(history + user, LengthDistribution::kMaxLength);
            outputs << answer;
            history += user + answer;
        }
        if (c < quint64(kSamples))
            preview.samples << sample(promptOf(conversation));
    }
    preview.input = LengthHistogram::of(inputs);
    preview.inputTitle =
        tr("Input words per turn, history included (%1 turns)").arg(number(inputs.size()));
    preview.output = LengthHistogram::of(outputs);
    preview.outputTitle = tr("Output tokens per turn");
    preview.note = tr("Synthetic conversations of %1 turns; later turns resend the history.")
                       .arg(w.conversations.turns);
    return preview;
}

WorkloadPreview WorkloadPreviewBuilder::trace(const Profile& profile,
                                              const LoadProgress& progress) {
    WorkloadPreview preview;
    const WorkloadSettings::Trace& settings = profile.workload.trace;
    const QString name = QFileInfo(settings.path).fileName();
    if (settings.path.isEmpty()) {
        preview.error = tr("Choose a trace file to see its requests.");
        return preview;
    }
    if (const QString why = TraceTransform::validateSpeed(settings.speed); !why.isEmpty()) {
        preview.error = why;
        return preview;
    }
    const TraceLoadResult loaded =
        TraceReader::readFile(settings.path, TraceReadOptions{}, progress);
    preview.cancelled = loaded.cancelled;
    if (!loaded.ok) {
        preview.error = name + QStringLiteral(": ") + loaded.error;
        return preview;
    }
    const double toMs = settings.windowEndS >= 0 ? settings.windowEndS * 1000.0 : -1.0;
    QList<TraceEntry> entries = TraceTransform::startAtZero(loaded.entries);
    entries = TraceTransform::window(entries, settings.windowStartS * 1000.0, toMs);
    entries = TraceTransform::scaled(entries, settings.speed);
    if (entries.isEmpty()) {
        preview.error = tr("%1: no request in the chosen time window").arg(name);
        return preview;
    }
    QList<int> inputs;
    QList<int> outputs;
    for (const TraceEntry& entry : std::as_const(entries)) {
        inputs << (entry.inputLength >= 0 ? entry.inputLength : entry.conversation.promptWords());
        if (entry.outputLength >= 0)
            outputs << entry.outputLength;
    }
    preview.input = LengthHistogram::of(inputs);
    preview.inputTitle = tr("Input tokens (%1)").arg(name);
    preview.output = LengthHistogram::of(outputs);
    preview.outputTitle = tr("Output tokens (%1)").arg(name);
    const TraceRequestBuilder builder(profile.plan.seed);
    for (qsizetype i = 0; i < std::min<qsizetype>(kSamples, entries.size()); ++i)
        preview.samples << sample(builder.build(entries.at(i), i).promptText());
    QStringList parts;
    parts << tr("%1 requests over %2 s (%3 req/s)")
                 .arg(number(entries.size()))
                 .arg(TraceTransform::durationMs(entries) / 1000.0, 0, 'f', 1)
                 .arg(TraceTransform::ratePerSecond(entries), 0, 'f', 1);
    if (const QString malformed = loaded.malformed.summary(); !malformed.isEmpty())
        parts << malformed;
    parts += loaded.warnings;
    preview.note = parts.join(QStringLiteral("; "));
    return preview;
}
