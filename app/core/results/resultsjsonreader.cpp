#include "results/resultsjsonreader.h"

#include "common/boundedfilereader.h"
#include "results/chunkedjsonstream.h"
#include "results/resultsjson.h"
#include "results/resultsjsonhandler.h"

#include <QJsonDocument>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace {
// Iterative: deep nesting cannot overflow the stack. Numbers as text: JsonNumberText gives
// every double back exactly as written (the ms of a request give its ns back), where
// RapidJSON's own full-precision conversion has undefined behaviour on some inputs.
// Validated: UTF-8 only, like Qt.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseValidateEncodingFlag;

using Source = ChunkedJsonStream::Source;

// A source that skips a UTF-8 byte order mark at the start, as QJsonDocument does.
Source withoutBom(Source source) {
    auto first = std::make_shared<bool>(true);
    return [source = std::move(source), first](char* buffer, qint64 size) -> qint64 {
        qint64 n = source(buffer, size);
        if (*first && n > 0) {
            *first = false;
            if (n >= 3 && std::memcmp(buffer, "\xef\xbb\xbf", 3) == 0) {
                std::memmove(buffer, buffer + 3, size_t(n - 3));
                n -= 3;
                if (n == 0)
                    n = source(buffer, size);
            }
        }
        return n;
    };
}

Source memorySource(QByteArrayView data) {
    auto offset = std::make_shared<qsizetype>(0);
    return [data, offset](char* buffer, qint64 size) -> qint64 {
        const qint64 n = std::min<qint64>(size, data.size() - *offset);
        if (n <= 0) // an empty view's data() may be null: memcpy must not see it
            return 0;
        std::memcpy(buffer, data.data() + *offset, size_t(n));
        *offset += n;
        return n;
    };
}

// What RapidJSON rejects and QJsonDocument accepts: such a file goes to QJsonDocument.
// "Too big" includes a zero with a large exponent (0e999), which is 0.
bool qtMayAccept(rapidjson::ParseErrorCode code) {
    return code == rapidjson::kParseErrorNumberTooBig ||
           code == rapidjson::kParseErrorStringUnicodeSurrogateInvalid ||
           code == rapidjson::kParseErrorStringInvalidEncoding ||
           code == rapidjson::kParseErrorStringMissQuotationMark ||
           code == rapidjson::kParseErrorStringEscapeInvalid;
}

std::optional<RunResult> failure(QString* error, const QString& message) {
    if (error)
        *error = message;
    return std::nullopt;
}

// The reader before issue 17's streaming one, for the few files only it accepts.
std::optional<RunResult> parseWithQt(const QByteArray& data, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(error, QStringLiteral("not valid JSON at offset ") +
                                  QString::number(parseError.offset) + QStringLiteral(": ") +
                                  parseError.errorString());
    if (!document.isObject())
        return failure(
            error, QStringLiteral("not a Plateau results file (the top level is not an object)"));
    return ResultsJson::fromJson(document.object(), error);
}

// Finds the top-level "schema" and stops there (a file's kind, without reading it all).
struct SchemaFinder : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, SchemaFinder> {
    int depth = 0;
    bool schemaNext = false; // the value that comes next is the top-level schema's
    bool found = false;
    QString schema;

    bool take(const QString& value) {
        schema = value;
        found = true;
        return false; // stop: nothing more is needed
    }
    bool Default() { return !(schemaNext && depth == 1) || take(QString()); }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return Default(); } // not a string
    bool String(const char* text, rapidjson::SizeType length, bool) {
        return !(schemaNext && depth == 1) || take(QString::fromUtf8(text, qsizetype(length)));
    }
    bool Key(const char* text, rapidjson::SizeType length, bool) {
        schemaNext = depth == 1 && length == 6 && std::memcmp(text, "schema", 6) == 0;
        return true;
    }
    bool open() {
        ++depth;
        return !(schemaNext && depth == 2) || take(QString());
    }
    bool StartObject() { return open(); }
    bool StartArray() { return open(); }
    bool close() {
        --depth;
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }
};

QString parseError(const rapidjson::ParseResult& parsed) {
    return QStringLiteral("not valid JSON at offset %1: %2")
        .arg(parsed.Offset())
        .arg(QString::fromUtf8(GetParseError_En(parsed.Code())));
}

// Parses; nullopt with *error, or with *qtFallback set when QJsonDocument may accept it.
std::optional<RunResult> parseStream(const Source& source, const QString* sourceFailure,
                                     QString* error, bool* qtFallback) {
    ChunkedJsonStream stream(withoutBom(source), ResultsJsonReader::kMaxStringBytes);
    ResultsJsonHandler handler(ResultsJson::loadedRunStartNs, stream.position());
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed = reader.Parse<kParseFlags>(stream, handler);
    if (parsed.IsError() && handler.stopReason().isEmpty())
        stream.drain();
    if (stream.failed())
        return failure(error, *sourceFailure);
    if (stream.stringTooLong())
        return failure(error,
                       QStringLiteral("a string longer than %1 at offset %2")
                           .arg(BoundedFileReader::sizeText(ResultsJsonReader::kMaxStringBytes))
                           .arg(stream.Tell()));
    if (stream.numberTooLong())
        return failure(error, QStringLiteral("a number longer than %1 characters at offset %2")
                                  .arg(ChunkedJsonStream::kMaxNumberChars)
                                  .arg(stream.Tell()));
    if (!handler.stopReason().isEmpty())
        return failure(error,
                       handler.stopReason() + QStringLiteral(" (at offset %1)").arg(stream.Tell()));
    if (parsed.IsError()) {
        *qtFallback = qtMayAccept(parsed.Code());
        return failure(error, parseError(parsed));
    }
    if (!handler.topIsObject())
        return failure(
            error, QStringLiteral("not a Plateau results file (the top level is not an object)"));
    std::optional<RunResult> result =
        ResultsJson::fromJsonHead(handler.head(), handler.requestsProblem(), error);
    if (result)
        result->records = std::move(handler.records());
    return result;
}
} // namespace

std::optional<RunResult> ResultsJsonReader::read(const QString& path, qint64 maxBytes,
                                                 QString* error,
                                                 const std::atomic_bool* cancelled) {
    const QString what = QStringLiteral("a results file");
    bool qtFallback = false;
    std::optional<RunResult> result;
    {
        BoundedFileReader::Stream file(path, maxBytes, what);
        if (file.failure() == BoundedFileReader::Failure::IsDirectory)
            return failure(error, QStringLiteral("is a directory, not a results file"));
        if (file.failure() != BoundedFileReader::Failure::None)
            return failure(error, file.reason());
        bool stopped = false;
        // A cancelled read looks like a source that failed: the parser stops at once.
        const Source source = [&file, &stopped, cancelled](char* buffer, qint64 size) -> qint64 {
            if (cancelled && cancelled->load(std::memory_order_relaxed)) {
                stopped = true;
                return -1;
            }
            return file.read(buffer, size);
        };
        result = parseStream(source, &file.reason(), error, &qtFallback);
        if (stopped)
            return failure(error, QString::fromLatin1(kCancelled));
    }
    if (result || !qtFallback)
        return result;
    const BoundedFileReader::Result whole = BoundedFileReader::read(path, kQtFallbackBytes, what);
    return whole.ok() ? parseWithQt(whole.data, error) : result;
}

std::optional<RunResult> ResultsJsonReader::parse(QByteArrayView data, QString* error) {
    bool qtFallback = false;
    const QString never;
    std::optional<RunResult> result = parseStream(memorySource(data), &never, error, &qtFallback);
    if (result || !qtFallback || data.size() > kQtFallbackBytes)
        return result;
    return parseWithQt(data.toByteArray(), error);
}

QString ResultsJsonReader::schemaOf(const QString& path, qint64 maxBytes, QString* error) {
    BoundedFileReader::Stream file(path, maxBytes, QStringLiteral("a Plateau file"));
    if (file.failure() != BoundedFileReader::Failure::None) {
        *error = file.reason();
        return {};
    }
    ChunkedJsonStream stream(
        withoutBom([&file](char* buffer, qint64 size) { return file.read(buffer, size); }),
        kMaxStringBytes);
    SchemaFinder finder;
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed = reader.Parse<kParseFlags>(stream, finder);
    if (finder.found)
        return finder.schema;
    if (stream.failed())
        *error = file.reason();
    else if (stream.stringTooLong())
        *error =
            QStringLiteral("a string longer than ") + BoundedFileReader::sizeText(kMaxStringBytes);
    else if (parsed.IsError())
        *error = parseError(parsed);
    return {};
}
