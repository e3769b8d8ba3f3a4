#include "datasetformat.h"

#include "conversationjson.h"

namespace {
constexpr DatasetFormat kAll[] = {DatasetFormat::Auto, DatasetFormat::ShareGptJson,
                                  DatasetFormat::ChatJsonl, DatasetFormat::PromptJsonl,
                                  DatasetFormat::Text};

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
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
    if (head[start] == '[')
        return DatasetFormat::ShareGptJson;
    if (head[start] != '{')
        return DatasetFormat::Text;
    const qsizetype end = head.indexOf('\n', start);
    return jsonlKind(head.sliced(start, (end < 0 ? head.size() : end) - start));
}
