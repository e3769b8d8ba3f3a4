#include "workload/conversationjson.h"

#include "profile/lengthdistribution.h"

#include <rapidjson/error/en.h>

#include <QStringList>

#include <cmath>

namespace {
using Value = rapidjson::Value;
enum class Side { System, User, Assistant, Other };

constexpr const char* kOutputLengthKeys[] = {"max_tokens", "output_tokens", "output_len",
                                             "output_length", "max_completion_tokens"};
constexpr const char* kPromptKeys[] = {"prompt", "text"};
constexpr const char* kAnswerKeys[] = {"completion", "response", "answer"};

const Value* member(const Value& object, const char* key) {
    const auto it = object.FindMember(key);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

Side sideOf(const QString& role) {
    const QString r = role.toLower();
    if (r == QLatin1String("system") || r == QLatin1String("developer"))
        return Side::System;
    if (r == QLatin1String("human") || r == QLatin1String("user"))
        return Side::User;
    for (const char* name : {"gpt", "assistant", "chatgpt", "bard", "bing", "model"}) {
        if (r == QLatin1String(name))
            return Side::Assistant;
    }
    return Side::Other;
}

// A content: a string, null (an assistant's tool call), or an array of parts with "text".
bool contentText(const Value& content, QString* text, QString* reason) {
    if (content.IsString()) {
        *text = ConversationJson::string(content);
        return true;
    }
    if (content.IsNull())
        return true;
    if (!content.IsArray()) {
        *reason = QStringLiteral("a message content is ") + ConversationJson::typeName(content);
        return false;
    }
    QStringList parts;
    for (const Value& part : content.GetArray()) {
        const Value* partText = part.IsObject() ? member(part, "text") : nullptr;
        if (partText && partText->IsString())
            parts.append(ConversationJson::string(*partText));
        else if (part.IsString())
            parts.append(ConversationJson::string(part));
    }
    *text = parts.join(QLatin1Char('\n'));
    return true;
}

void appendText(QString* to, const QString& text) {
    if (!to->isEmpty())
        to->append(QStringLiteral("\n\n"));
    to->append(text);
}

// Adds one message to the conversation being built.
void addMessage(Side side, const QString& text, Conversation* c) {
    if (text.trimmed().isEmpty())
        return;
    switch (side) {
    case Side::System:
        if (c->turns.isEmpty()) // a later system message has no place in the history
            appendText(&c->system, text);
        break;
    case Side::User:
        if (c->turns.isEmpty() || !c->turns.last().reference.isEmpty())
            c->turns.append(ConversationTurn());
        appendText(&c->turns.last().user, text);
        break;
    case Side::Assistant:
        if (!c->turns.isEmpty())
            appendText(&c->turns.last().reference, text);
        break;
    case Side::Other:
        break;
    }
}

bool readMessage(const Value& message, qsizetype index, Conversation* c, QString* reason) {
    if (!message.IsObject()) {
        *reason =
            QStringLiteral("message %1 is %2").arg(index).arg(ConversationJson::typeName(message));
        return false;
    }
    const Value* role = member(message, "from");
    if (!role)
        role = member(message, "role");
    const Value* content = member(message, "value");
    if (!content)
        content = member(message, "content");
    if (!role || !role->IsString()) {
        *reason = QStringLiteral("message %1 has no \"from\" or \"role\" string").arg(index);
        return false;
    }
    QString text;
    if (content && !contentText(*content, &text, reason)) {
        *reason = QStringLiteral("message %1: %2").arg(index).arg(*reason);
        return false;
    }
    addMessage(sideOf(ConversationJson::string(*role)), text, c);
    return true;
}

bool readMessages(const Value& messages, Conversation* c, QString* reason) {
    if (!messages.IsArray()) {
        *reason = QStringLiteral("the messages are ") + ConversationJson::typeName(messages) +
                  QStringLiteral(", not an array");
        return false;
    }
    qsizetype index = 0;
    for (const Value& message : messages.GetArray()) {
        if (!readMessage(message, index++, c, reason))
            return false;
    }
    return true;
}

const Value* firstMember(const Value& object, const auto& keys) {
    for (const char* key : keys) {
        if (const Value* value = member(object, key))
            return value;
    }
    return nullptr;
}

bool readPromptObject(const Value& object, const Value& prompt, Conversation* c, QString* reason) {
    if (!prompt.IsString()) {
        *reason = QStringLiteral("the prompt is ") + ConversationJson::typeName(prompt);
        return false;
    }
    if (const Value* system = member(object, "system"); system && system->IsString())
        addMessage(Side::System, ConversationJson::string(*system), c);
    addMessage(Side::User, ConversationJson::string(prompt), c);
    if (const Value* answer = firstMember(object, kAnswerKeys); answer && answer->IsString())
        addMessage(Side::Assistant, ConversationJson::string(*answer), c);
    return true;
}

bool readObject(const Value& object, Conversation* c, QString* reason) {
    if (!ConversationJson::readOutputLength(object, &c->maxTokens, reason))
        return false;
    const Value* messages = member(object, "conversations");
    if (!messages)
        messages = member(object, "messages");
    if (messages)
        return readMessages(*messages, c, reason);
    if (const Value* prompt = firstMember(object, kPromptKeys))
        return readPromptObject(object, *prompt, c, reason);
    *reason = QStringLiteral("no \"conversations\", \"messages\" or \"prompt\"");
    return false;
}
} // namespace

QString ConversationJson::string(const rapidjson::Value& value) {
    return QString::fromUtf8(value.GetString(), qsizetype(value.GetStringLength()));
}

QString ConversationJson::typeName(const rapidjson::Value& value) {
    switch (value.GetType()) {
    case rapidjson::kNullType:
        return QStringLiteral("null");
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
        return QStringLiteral("a boolean");
    case rapidjson::kObjectType:
        return QStringLiteral("an object");
    case rapidjson::kArrayType:
        return QStringLiteral("an array");
    case rapidjson::kStringType:
        return QStringLiteral("a string");
    case rapidjson::kNumberType:
        return QStringLiteral("a number");
    }
    return QStringLiteral("unknown");
}

bool ConversationJson::parseDocument(QByteArrayView json, rapidjson::Document* document,
                                     QString* reason) {
    document->Parse<kParseFlags>(json.data(), size_t(json.size()));
    if (!document->HasParseError())
        return true;
    *reason = QStringLiteral("not valid JSON (byte %1: %2)")
                  .arg(document->GetErrorOffset())
                  .arg(QString::fromUtf8(rapidjson::GetParseError_En(document->GetParseError())));
    return false;
}

bool ConversationJson::readOutputLength(const rapidjson::Value& object, int* value,
                                        QString* reason) {
    *value = -1;
    for (const char* key : kOutputLengthKeys) {
        const Value* field = member(object, key);
        if (!field || field->IsNull())
            continue;
        const double number = field->IsNumber() ? field->GetDouble() : -1.0;
        if (number < LengthDistribution::kMinLength || number > LengthDistribution::kMaxLength ||
            number != std::floor(number)) {
            *reason = QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                          .arg(QLatin1String(key))
                          .arg(LengthDistribution::kMinLength)
                          .arg(LengthDistribution::kMaxLength);
            return false;
        }
        *value = int(number);
        return true;
    }
    return true;
}

bool ConversationJson::fromValue(const rapidjson::Value& value, Conversation* out,
                                 QString* reason) {
    Conversation c;
    bool ok = false;
    if (value.IsObject())
        ok = readObject(value, &c, reason);
    else if (value.IsArray())
        ok = readMessages(value, &c, reason);
    else if (value.IsString()) {
        addMessage(Side::User, string(value), &c);
        ok = true;
    } else
        *reason = QStringLiteral("an entry must be an object, not ") + typeName(value);
    if (!ok)
        return false;
    if (c.turns.isEmpty()) {
        *reason = QStringLiteral("no user message with text");
        return false;
    }
    *out = std::move(c);
    return true;
}

bool ConversationJson::parse(QByteArrayView json, Conversation* out, QString* reason) {
    Parsed parsed;
    return parseDocument(json, &parsed.document, reason) && fromValue(parsed.document, out, reason);
}
