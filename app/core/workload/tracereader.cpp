#include "workload/tracereader.h"

#include "profile/lengthdistribution.h"
#include "workload/boundedlinereader.h"
#include "workload/cappedfileopener.h"
#include "workload/conversationjson.h"
#include "workload/progressreporter.h"
#include "workload/workloadtext.h"

#include <QFile>

#include <algorithm>
#include <cmath>

namespace {
using Value = rapidjson::Value;

bool readTimestamp(const Value& object, double* timestamp, QString* reason) {
    const auto it = object.FindMember("timestamp");
    if (it == object.MemberEnd()) {
        *reason = QStringLiteral("no \"timestamp\"");
        return false;
    }
    const double value = it->value.IsNumber() ? it->value.GetDouble() : -1.0;
    if (!(value >= 0.0 && value <= TraceReader::kMaxTimestampMs)) {
        *reason = QStringLiteral("\"timestamp\" must be a number of ms from 0 to 30 days");
        return false;
    }
    *timestamp = value;
    return true;
}

bool readInputLength(const Value& object, int* length, QString* reason) {
    const auto it = object.FindMember("input_length");
    if (it == object.MemberEnd())
        return true;
    const double value = it->value.IsNumber() ? it->value.GetDouble() : -1.0;
    if (value < LengthDistribution::kMinLength || value > LengthDistribution::kMaxLength ||
        value != std::floor(value)) {
        *reason = QStringLiteral("\"input_length\" must be a whole number from 1 to 1000000");
        return false;
    }
    *length = int(value);
    return true;
}

bool readHashIds(const Value& object, QList<quint64>* ids, QString* reason) {
    const auto it = object.FindMember("hash_ids");
    if (it == object.MemberEnd() || it->value.IsNull())
        return true;
    if (!it->value.IsArray() || it->value.Size() > rapidjson::SizeType(TraceReader::kMaxHashIds)) {
        *reason = QStringLiteral("\"hash_ids\" must be an array of at most %1 ids")
                      .arg(TraceReader::kMaxHashIds);
        return false;
    }
    ids->reserve(qsizetype(it->value.Size()));
    for (const Value& id : it->value.GetArray()) {
        if (!id.IsUint64()) {
            *reason = QStringLiteral("\"hash_ids\" must hold whole numbers from 0 up");
            return false;
        }
        ids->append(id.GetUint64());
    }
    return true;
}

// Text fields make the entry a conversation; lengths alone make it a Mooncake entry.
bool hasText(const Value& object) {
    for (const char* key : {"messages", "conversations", "prompt", "text"}) {
        if (object.HasMember(key))
            return true;
    }
    return false;
}

void readLines(QIODevice* device, const TraceReadOptions& options, ProgressReporter* progress,
               TraceLoadResult* result, QString* stopReason) {
    BoundedLineReader reader(device, options.maxLineBytes, options.maxFileBytes);
    QByteArray line;
    for (;;) {
        const BoundedLineReader::Status status = reader.next(&line);
        result->bytesRead = reader.bytesRead();
        if (status == BoundedLineReader::Status::End)
            return;
        if (status == BoundedLineReader::Status::Error) {
            *stopReason = reader.errorString();
            return;
        }
        const QString where = QStringLiteral("line %1").arg(reader.lineNumber());
        TraceEntry entry;
        QString reason;
        if (status == BoundedLineReader::Status::TooLong) {
            result->malformed.add(where, QStringLiteral("longer than the %1 allowed for a line")
                                             .arg(WorkloadText::sizeText(options.maxLineBytes)));
        } else if (!line.trimmed().isEmpty()) {
            if (!TraceReader::parseLine(line, &entry, &reason)) {
                result->malformed.add(where, reason);
            } else if (result->entries.size() >= options.maxEntries) {
                result->warnings.append(QStringLiteral("the trace has more than %1 entries: "
                                                       "the rest is ignored")
                                            .arg(options.maxEntries));
                return;
            } else {
                entry.line = reader.lineNumber();
                result->entries.append(std::move(entry));
            }
        }
        if (!progress->update(result->bytesRead))
            return;
    }
}

void sortByTime(TraceLoadResult* result) {
    double latest = -1.0;
    for (const TraceEntry& entry : result->entries) {
        if (entry.timestampMs < latest)
            ++result->outOfOrder;
        latest = std::max(latest, entry.timestampMs);
    }
    if (result->outOfOrder == 0)
        return;
    std::stable_sort(
        result->entries.begin(), result->entries.end(),
        [](const TraceEntry& a, const TraceEntry& b) { return a.timestampMs < b.timestampMs; });
    result->warnings.append(QStringLiteral("%1 entries were out of time order: sorted by timestamp")
                                .arg(result->outOfOrder));
}

TraceLoadResult failed(const QString& error) {
    TraceLoadResult result;
    result.error = error;
    return result;
}
} // namespace

bool TraceReader::parseLine(QByteArrayView line, TraceEntry* entry, QString* reason) {
    ConversationJson::Parsed json;
    const rapidjson::Document& document = json.document;
    if (!ConversationJson::parseDocument(line, &json.document, reason))
        return false;
    if (!document.IsObject()) {
        *reason =
            QStringLiteral("a line must be an object, not ") + ConversationJson::typeName(document);
        return false;
    }
    TraceEntry parsed;
    if (!readTimestamp(document, &parsed.timestampMs, reason) ||
        !readInputLength(document, &parsed.inputLength, reason) ||
        !readHashIds(document, &parsed.hashIds, reason) ||
        !ConversationJson::readOutputLength(document, &parsed.outputLength, reason))
        return false;
    if (hasText(document)) {
        if (!ConversationJson::fromValue(document, &parsed.conversation, reason))
            return false;
    } else if (parsed.inputLength < 0) {
        *reason = QStringLiteral("no \"input_length\" and no \"messages\" or \"prompt\"");
        return false;
    }
    *entry = std::move(parsed);
    return true;
}

TraceLoadResult TraceReader::readFile(const QString& path, const TraceReadOptions& options,
                                      const LoadProgress& progress) {
    QFile file;
    QString name;
    QString error;
    if (!CappedFileOpener::open(path, options.maxFileBytes, QStringLiteral("a trace"), &file, &name,
                                &error))
        return failed(error);
    return read(&file, options, progress, name);
}

TraceLoadResult TraceReader::read(QIODevice* device, const TraceReadOptions& options,
                                  const LoadProgress& progress, const QString& name) {
    if (const QString invalid = options.validate(); !invalid.isEmpty())
        return failed(invalid);
    TraceLoadResult result;
    ProgressReporter reporter(progress, device->isSequential() ? -1 : device->size());
    QString stopReason;
    readLines(device, options, &reporter, &result, &stopReason);
    if (reporter.cancelled() || !reporter.finish(result.bytesRead)) {
        result = failed(QStringLiteral("cancelled"));
        result.cancelled = true;
        return result;
    }
    if (result.entries.isEmpty()) {
        result.error =
            result.malformed.count() > 0
                ? QStringLiteral("%1 has no usable line: %2").arg(name, result.malformed.summary())
                : QStringLiteral("%1 has no entries").arg(name);
        if (!stopReason.isEmpty())
            result.error += QStringLiteral("; reading stopped: ") + stopReason;
        return result;
    }
    if (!stopReason.isEmpty())
        result.warnings.append(QStringLiteral("reading stopped early: ") + stopReason);
    sortByTime(&result);
    result.ok = true;
    return result;
}
