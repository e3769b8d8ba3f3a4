#pragma once

#include <QByteArrayView>
#include <QString>

// The layouts a dataset file can have. Auto looks at the content: the first non-space byte
// '[' means a ShareGPT-style JSON array, '{' JSON Lines (chat when the first line has
// "messages" or "conversations", else prompt objects), anything else plain text, one
// prompt per line. Every JSON layout accepts every entry shape (ConversationJson): the
// format decides how entries are split, the name is what the user sees.
enum class DatasetFormat { Auto, ShareGptJson, ChatJsonl, PromptJsonl, Text };

class DatasetFormats {
public:
    // "auto", "sharegpt", "chat-jsonl", "jsonl", "text" (what the CLI and profiles use).
    static QString name(DatasetFormat format);
    static bool fromName(const QString& name, DatasetFormat* format);
    // "ShareGPT JSON", "OpenAI chat JSONL", "JSONL", "text (one prompt per line)".
    static QString description(DatasetFormat format);
    // The format of a file that starts with `head` (the first KiBs are enough; the first
    // line is parsed when complete). Never returns Auto.
    static DatasetFormat detect(QByteArrayView head);
};
