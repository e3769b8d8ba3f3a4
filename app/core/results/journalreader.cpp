#include "results/journalreader.h"

#include "common/boundedfilereader.h"
#include "results/journallineparser.h"

namespace {
// A read of the journal: big enough that the system calls do not count, small beside the
// records the rebuilder keeps.
constexpr qint64 kChunkBytes = qint64(1) << 20;

// Feeds the whole lines of `bytes` to the parser; what follows the last newline is left in
// `pending` for the next read.
void feedLines(JournalLineParser& parser, QByteArray& pending, QByteArrayView bytes) {
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            break;
        if (pending.isEmpty()) {
            parser.addLine(bytes.sliced(start, end - start), true);
        } else {
            pending.append(bytes.sliced(start, end - start));
            parser.addLine(pending, true);
            pending.clear();
        }
        start = end + 1;
    }
    pending.append(bytes.sliced(start));
}
} // namespace

std::optional<RunResult> JournalReader::read(const QString& path, QString* error, QString* warning,
                                             qint64 maxBytes) {
    auto failure = [&](const QString& message) -> std::optional<RunResult> {
        if (error)
            *error = path + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    BoundedFileReader::Stream stream(path, maxBytes, QStringLiteral("a journal"));
    JournalLineParser parser(path);
    QByteArray chunk(kChunkBytes, Qt::Uninitialized);
    QByteArray pending; // a line cut by the end of a read
    for (;;) {
        const qint64 count = stream.read(chunk.data(), chunk.size());
        if (count < 0) {
            if (stream.failure() == BoundedFileReader::Failure::IsDirectory)
                return failure(QStringLiteral("is a directory, not a journal"));
            return failure(stream.reason());
        }
        if (count == 0)
            break;
        feedLines(parser, pending, QByteArrayView(chunk.constData(), count));
        if (!parser.error().isEmpty())
            break; // refused: the rest is not read
    }
    if (!pending.isEmpty())
        parser.addLine(pending, false);
    return parser.finish(error, warning);
}

std::optional<RunResult> JournalReader::parse(const QByteArray& data, const QString& name,
                                              QString* error, QString* warning) {
    JournalLineParser parser(name);
    QByteArray pending;
    feedLines(parser, pending, data);
    if (!pending.isEmpty())
        parser.addLine(pending, false);
    return parser.finish(error, warning);
}
