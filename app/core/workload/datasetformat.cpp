#include "workload/datasetformat.h"

#include "workload/conversationjson.h"

namespace {
constexpr DatasetFormat kAll[] = {DatasetFormat::Auto, DatasetFormat::ShareGptJson,
                                  DatasetFormat::ChatJsonl, DatasetFormat::PromptJsonl,
                                  DatasetFormat::Text};

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// JSON Lines of bare messages arrays (what PromptGenerator reads) also start with '[': the
// first line is a whole array and the next one starts another.
bool arrayPerLine(QByteArrayView head, qsizetype start, qsizetype lineEnd) {
    if (lineEnd < 0)
        return false;
    qsizetype next = lineEnd;
    while (next < head.size() && isSpace(head[next]))
        ++next;
    if (next == head.size() || head[next] != '[')
        return false;
    ConversationJson::Parsed parsed;
    QString ignored;
    return ConversationJson::parseDocument(head.sliced(start, lineEnd - start), &parsed.document,
                                           &ignored) &&
           parsed.document.IsArray();
}

DatasetFormat jsonlKind(QByteArrayView firstLine) {
    ConversationJson::Parsed parsed;
    const rapidjson::Document& document = parsed.document;
    QString ignored;
    if (ConversationJson::parseDocument(firstLine, &parsed.document, &ignored) &&
        document.IsObject() &&
        (document.HasMember("messages") || document.HasMember("conversations")))
        return DatasetFormat::ChatJsonl;
    // A line too long for the head: look for the key's text instead.
    if (!document.IsObject() && (firstLine.toByteArray().contains("\"messages\"") ||
                                 firstLine.toByteArray().contains("\"conversations\"")))
        return DatasetFormat::ChatJsonl;
    return DatasetFormat::PromptJsonl;
}
} // namespace

QString DatasetFormats::name(DatasetFormat format) {
    switch (format) {
    case DatasetFormat::Auto:
        return QStringLiteral("auto");
    case DatasetFormat::ShareGptJson:
        return QStringLiteral("sharegpt");
    case DatasetFormat::ChatJsonl:
        return QStringLiteral("chat-jsonl");
    case DatasetFormat::PromptJsonl:
        return QStringLiteral("jsonl");
    case DatasetFormat::Text:
        return QStringLiteral("text");
    }
    return {};
}

bool DatasetFormats::fromName(const QString& text, DatasetFormat* format) {
    const QString lower = text.trimmed().toLower();
    for (DatasetFormat candidate : kAll) {
        if (lower == name(candidate)) {
            *format = candidate;
            return true;
        }
    }
    return false;
}

QString DatasetFormats::description(DatasetFormat format) {
    switch (format) {
    case DatasetFormat::Auto:
        return QStringLiteral("detected from the content");
    case DatasetFormat::ShareGptJson:
        return QStringLiteral("ShareGPT JSON");
    case DatasetFormat::ChatJsonl:
        return QStringLiteral("OpenAI chat JSONL");
    case DatasetFormat::PromptJsonl:
        return QStringLiteral("JSONL");
    case DatasetFormat::Text:
        return QStringLiteral("text (one prompt per line)");
    }
    return {};
}

DatasetFormat DatasetFormats::detect(QByteArrayView head) {
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    qsizetype start = 0;
    while (start < head.size() && isSpace(head[start]))
        ++start;
    if (start == head.size())
        return DatasetFormat::Text;
    const qsizetype lineEnd = head.indexOf('\n', start);
    if (head[start] == '[')
        return arrayPerLine(head, start, lineEnd) ? DatasetFormat::ChatJsonl
                                                  : DatasetFormat::ShareGptJson;
    if (head[start] != '{')
        return DatasetFormat::Text;
    return jsonlKind(head.sliced(start, (lineEnd < 0 ? head.size() : lineEnd) - start));
}
