#include "workload/datasetreader.h"

#include "workload/boundedlinereader.h"
#include "workload/cappedfileopener.h"
#include "workload/conversationjson.h"
#include "workload/datasetcollector.h"
#include "workload/jsonarraysplitter.h"
#include "workload/progressreporter.h"
#include "workload/workloadtext.h"

#include <QFile>

namespace {
constexpr qint64 kDetectBytes = 64 * 1024;

// What one pass over the file left besides the entries: why it stopped early, if it did.
struct PassOutcome {
    QString stopReason; // structure broken, read error, size cap
    qint64 bytesRead = 0;
};

void readJsonArray(QIODevice* device, const DatasetReadOptions& options, DatasetCollector* c,
                   ProgressReporter* progress, DatasetLoadResult* result, PassOutcome* outcome) {
    JsonArraySplitter splitter(device, options.maxEntryBytes, options.maxFileBytes);
    QByteArray element;
    for (;;) {
        const JsonArraySplitter::Status status = splitter.next(&element);
        const QString where = QStringLiteral("entry %1").arg(splitter.elementNumber());
        outcome->bytesRead = splitter.bytesRead();
        if (status == JsonArraySplitter::Status::End ||
            status == JsonArraySplitter::Status::Error) {
            if (status == JsonArraySplitter::Status::Error)
                outcome->stopReason = splitter.errorString();
            else if (!splitter.closed())
                result->warnings.append(QStringLiteral("the file ends before the list of "
                                                       "entries is closed (cut off?)"));
            if (splitter.trailingText())
                result->warnings.append(QStringLiteral("text after the list of entries "
                                                       "was ignored"));
            return;
        }
        if (status == JsonArraySplitter::Status::TooLarge) {
            c->skip(where, QStringLiteral("larger than the %1 allowed for an entry (%2)")
                               .arg(WorkloadText::sizeText(options.maxEntryBytes),
                                    WorkloadText::sizeText(splitter.elementSize())));
        } else if (status == JsonArraySplitter::Status::Truncated) {
            c->skip(where, QStringLiteral("cut off by the end of the file"));
        } else {
            Conversation conversation;
            QString reason;
            if (ConversationJson::parse(element, &conversation, &reason)) {
                conversation.sourceIndex = splitter.elementNumber();
                c->add(std::move(conversation));
            } else {
                c->skip(where, reason);
            }
        }
        if (!progress->update(outcome->bytesRead))
            return;
    }
}

void addLine(const QByteArray& line, qint64 number, DatasetFormat format, DatasetCollector* c) {
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return; // blank lines separate nothing and are not errors
    Conversation conversation;
    QString reason;
    if (format == DatasetFormat::Text) {
        // Checked again after decoding: a byte-order mark or bytes that decode to nothing but
        // white space (or U+FEFF) make no prompt.
        QString text = QString::fromUtf8(trimmed);
        text.remove(QChar(0xFEFF));
        text = text.trimmed();
        if (text.isEmpty())
            return;
        conversation.turns.append({text, QString()});
    } else if (!ConversationJson::parse(trimmed, &conversation, &reason)) {
        c->skip(QStringLiteral("line %1").arg(number), reason);
        return;
    }
    conversation.sourceIndex = number;
    c->add(std::move(conversation));
}

void readLines(QIODevice* device, const DatasetReadOptions& options, DatasetFormat format,
               DatasetCollector* c, ProgressReporter* progress, PassOutcome* outcome) {
    BoundedLineReader reader(device, options.maxEntryBytes, options.maxFileBytes);
    QByteArray line;
    for (;;) {
        const BoundedLineReader::Status status = reader.next(&line);
        outcome->bytesRead = reader.bytesRead();
        if (status == BoundedLineReader::Status::End)
            return;
        if (status == BoundedLineReader::Status::Error) {
            outcome->stopReason = reader.errorString();
            return;
        }
        if (status == BoundedLineReader::Status::TooLong)
            c->skip(QStringLiteral("line %1").arg(reader.lineNumber()),
                    QStringLiteral("longer than the %1 allowed for a line (%2)")
                        .arg(WorkloadText::sizeText(options.maxEntryBytes),
                             WorkloadText::sizeText(reader.lineBytes())));
        else
            addLine(line, reader.lineNumber(), format, c);
        if (!progress->update(outcome->bytesRead))
            return;
    }
}

QString noUsableEntry(const DatasetLoadResult& result, const DatasetReadOptions& options,
                      const QString& name) {
    if (result.filteredOut > 0)
        return QStringLiteral("%1 has no entry with a prompt of %2 to %3 words (%4 outside)")
            .arg(name)
            .arg(options.minPromptWords)
            .arg(options.maxPromptWords)
            .arg(result.filteredOut);
    if (result.malformed.count() > 0)
        return QStringLiteral("%1 has no usable entry: %2").arg(name, result.malformed.summary());
    return QStringLiteral("%1 has no entries").arg(name);
}

DatasetLoadResult failed(const QString& error) {
    DatasetLoadResult result;
    result.error = error;
    return result;
}
} // namespace

DatasetFormat DatasetReader::detect(QIODevice* device) {
    return DatasetFormats::detect(device->peek(kDetectBytes));
}

DatasetLoadResult DatasetReader::readFile(const QString& path, const DatasetReadOptions& options,
                                          const LoadProgress& progress) {
    QFile file;
    QString name;
    QString error;
    if (!CappedFileOpener::open(path, options.maxFileBytes, QStringLiteral("a dataset"), &file,
                                &name, &error))
        return failed(error);
    return read(&file, options, progress, name);
}

DatasetLoadResult DatasetReader::read(QIODevice* device, const DatasetReadOptions& options,
                                      const LoadProgress& progress, const QString& name) {
    if (const QString invalid = options.validate(); !invalid.isEmpty())
        return failed(invalid);
    DatasetLoadResult result;
    result.format = options.format == DatasetFormat::Auto ? detect(device) : options.format;
    DatasetCollector collector(options);
    ProgressReporter reporter(progress, device->isSequential() ? -1 : device->size());
    PassOutcome outcome;
    if (result.format == DatasetFormat::ShareGptJson)
        readJsonArray(device, options, &collector, &reporter, &result, &outcome);
    else
        readLines(device, options, result.format, &collector, &reporter, &outcome);
    result.bytesRead = outcome.bytesRead;
    if (reporter.cancelled() || !reporter.finish(outcome.bytesRead)) {
        result = failed(QStringLiteral("cancelled"));
        result.cancelled = true;
        return result;
    }
    collector.finish(&result);
    if (result.usableEntries == 0) {
        result.error = noUsableEntry(result, options, name);
        if (!outcome.stopReason.isEmpty())
            result.error += QStringLiteral("; reading stopped: ") + outcome.stopReason;
        result.entries.clear();
        return result;
    }
    if (!outcome.stopReason.isEmpty())
        result.warnings.append(QStringLiteral("reading stopped early: ") + outcome.stopReason);
    result.ok = true;
    return result;
}
