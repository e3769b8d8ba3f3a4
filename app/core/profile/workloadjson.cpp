#include "profile/workloadjson.h"

#include "profile/jsonfieldreader.h"
#include "profile/lengthdistributionjson.h"

namespace {
constexpr int kMaxLength = LengthDistribution::kMaxLength;

QLatin1String key(const char* name) {
    return QLatin1String(name);
}

QJsonObject datasetToJson(const WorkloadSettings::Dataset& d) {
    return {{key("path"), d.path},
            {key("format"), d.format},
            {key("sample"), d.sample},
            {key("with_replacement"), d.withReplacement},
            {key("shuffle"), d.shuffle},
            {key("min_prompt_words"), d.minPromptWords},
            {key("max_prompt_words"), d.maxPromptWords},
            {key("output_from_reference"), d.outputFromReference}};
}

bool readDataset(const QJsonObject& object, const QString& path, WorkloadSettings::Dataset* d,
                 QString* error) {
    JsonFieldReader reader(object, path, error);
    reader.readString(key("path"), &d->path);
    reader.readEnum(key("format"), WorkloadSettings::datasetFormatNames(), &d->format);
    reader.readInt(key("sample"), &d->sample, 0, WorkloadSettings::kMaxSample);
    reader.readBool(key("with_replacement"), &d->withReplacement);
    reader.readBool(key("shuffle"), &d->shuffle);
    reader.readInt(key("min_prompt_words"), &d->minPromptWords, 0, kMaxLength);
    reader.readInt(key("max_prompt_words"), &d->maxPromptWords, 0, kMaxLength);
    reader.readBool(key("output_from_reference"), &d->outputFromReference);
    return reader.finish();
}

bool readSharedPrefix(const QJsonObject& object, const QString& path,
                      WorkloadSettings::SharedPrefix* s, QString* error) {
    JsonFieldReader reader(object, path, error);
    reader.readBool(key("enabled"), &s->enabled);
    reader.readInt(key("groups"), &s->groups, 1, 10'000);
    reader.readInt(key("prefix_tokens"), &s->prefixTokens, 1, kMaxLength);
    reader.readDouble(key("share"), &s->share, 0.0, 1.0);
    return reader.finish();
}

bool readConversations(const QJsonObject& object, const QString& path,
                       WorkloadSettings::Conversations* c, QString* error) {
    JsonFieldReader reader(object, path, error);
    reader.readInt(key("turns"), &c->turns, 1, WorkloadSettings::kMaxTurns);
    reader.readDouble(key("think_time_ms"), &c->thinkTimeMs, 0.0,
                      WorkloadSettings::kMaxThinkTimeMs);
    reader.readBool(key("think_time_exponential"), &c->thinkTimeExponential);
    return reader.finish();
}

bool readTrace(const QJsonObject& object, const QString& path, WorkloadSettings::Trace* t,
               QString* error) {
    JsonFieldReader reader(object, path, error);
    reader.readString(key("path"), &t->path);
    reader.readDouble(key("speed"), &t->speed, WorkloadSettings::kMinTraceSpeed,
                      WorkloadSettings::kMaxTraceSpeed);
    reader.readDouble(key("window_start_s"), &t->windowStartS, 0.0,
                      WorkloadSettings::kMaxTraceTimeS);
    reader.readDouble(key("window_end_s"), &t->windowEndS, -1.0, WorkloadSettings::kMaxTraceTimeS);
    if (reader.ok() && t->windowEndS >= 0 && t->windowEndS <= t->windowStartS) {
        *error = QStringLiteral("field '%1' must be above window_start_s (or -1: to the end)")
                     .arg(reader.pathOf(key("window_end_s")));
        return false;
    }
    return reader.finish();
}

// Reads the optional sub-object `name` with `read`; absent: untouched.
template <typename T, typename Read>
bool readSection(JsonFieldReader& reader, const char* name, T* out, QString* error, Read read) {
    QJsonObject section;
    if (!reader.has(key(name)))
        return reader.ok();
    return reader.readObject(key(name), &section) &&
           read(section, reader.pathOf(key(name)), out, error);
}

bool readLengths(JsonFieldReader& reader, const char* name, std::optional<LengthDistribution>* out,
                 QString* error) {
    QJsonObject section;
    if (!reader.has(key(name)))
        return reader.ok();
    if (!reader.readObject(key(name), &section))
        return false;
    *out = LengthDistributionJson::fromJson(section, reader.pathOf(key(name)), error);
    return out->has_value();
}
} // namespace

QJsonObject WorkloadJson::toJson(const WorkloadSettings& s) {
    QJsonObject object{
        {key("kind"), WorkloadSettings::kindName(s.kind)},
        {key("dataset"), datasetToJson(s.dataset)},
        {key("shared_prefix"), QJsonObject{{key("enabled"), s.sharedPrefix.enabled},
                                           {key("groups"), s.sharedPrefix.groups},
                                           {key("prefix_tokens"), s.sharedPrefix.prefixTokens},
                                           {key("share"), s.sharedPrefix.share}}},
        {key("conversations"),
         QJsonObject{{key("turns"), s.conversations.turns},
                     {key("think_time_ms"), s.conversations.thinkTimeMs},
                     {key("think_time_exponential"), s.conversations.thinkTimeExponential}}},
        {key("trace"), QJsonObject{{key("path"), s.trace.path},
                                   {key("speed"), s.trace.speed},
                                   {key("window_start_s"), s.trace.windowStartS},
                                   {key("window_end_s"), s.trace.windowEndS}}},
    };
    if (s.input)
        object.insert(key("input"), LengthDistributionJson::toJson(*s.input));
    if (s.output)
        object.insert(key("output"), LengthDistributionJson::toJson(*s.output));
    return object;
}

bool WorkloadJson::fromJson(const QJsonObject& object, WorkloadSettings* s, QString* error) {
    JsonFieldReader reader(object, QStringLiteral("workload"), error);
    QString kind;
    if (reader.readEnum(key("kind"), WorkloadSettings::kindNames(), &kind) && !kind.isEmpty())
        WorkloadSettings::kindFromName(kind, &s->kind);
    return readLengths(reader, "input", &s->input, error) &&
           readLengths(reader, "output", &s->output, error) &&
           readSection(reader, "dataset", &s->dataset, error, readDataset) &&
           readSection(reader, "shared_prefix", &s->sharedPrefix, error, readSharedPrefix) &&
           readSection(reader, "conversations", &s->conversations, error, readConversations) &&
           readSection(reader, "trace", &s->trace, error, readTrace) && reader.finish();
}
