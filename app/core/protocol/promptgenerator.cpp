#include "protocol/promptgenerator.h"

#include "common/boundedfilereader.h"
#include "protocol/promptwords.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {
// The instruction closing a synthetic prompt: at the END, so it cannot create a shared
// prefix, and it nudges real models towards long answers.
constexpr const char* kSuffix[] = {"Continue", "this", "text", "with", "a", "long", "story."};
constexpr int kSuffixWords = int(std::size(kSuffix));
constexpr int kMinWordsForSuffix = 16;

// splitmix64: tiny, fast, and identical on every platform (std distributions are not).
quint64 splitmix64(quint64* state) {
    quint64 z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

QString lineError(const QString& name, int line, const QString& what) {
    return QStringLiteral("%1 line %2: %3").arg(name).arg(line).arg(what);
}

// {"messages": [...]}: every entry an object with a string role and a content.
bool validMessages(const QJsonValue& value) {
    if (!value.isArray() || value.toArray().isEmpty())
        return false;
    const QJsonArray messages = value.toArray();
    return std::all_of(messages.begin(), messages.end(), [](const QJsonValue& message) {
        const QJsonObject object = message.toObject();
        const QJsonValue content = object.value(QLatin1String("content"));
        return message.isObject() && object.value(QLatin1String("role")).isString() &&
               (content.isString() || content.isArray());
    });
}

int messagesWordCount(const QJsonArray& messages) {
    int words = 0;
    for (const QJsonValue& message : messages) {
        const QJsonValue content = message.toObject().value(QLatin1String("content"));
        if (content.isString()) {
            words += PromptGenerator::wordCount(content.toString());
        } else {
            for (const QJsonValue& part : content.toArray())
                words += PromptGenerator::wordCount(
                    part.toObject().value(QLatin1String("text")).toString());
        }
    }
    return words;
}
} // namespace

PromptGenerator::PromptGenerator(const PromptSource& source, quint64 seed)
    : m_source(source)
    , m_seed(seed) {}

int PromptGenerator::wordCount(const QString& text) {
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

bool PromptGenerator::parseJsonl(const QByteArray& data, const QString& name,
                                 QList<Prompt>* prompts, QString* error) {
    QList<Prompt> parsed;
    QByteArray text = data;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        // A bare string is not a JSON document for QJsonDocument: wrap it in an array.
        QJsonParseError parseError;
        const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray("[" + line + "]"), &parseError);
        if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
            if (error)
                *error = lineError(
                    name, lineNumber,
                    parseError.error == QJsonParseError::NoError
                        ? QStringLiteral("expected one JSON value per line")
                        : QStringLiteral("not valid JSON (%1)").arg(parseError.errorString()));
            return false;
        }
        const QJsonValue value = document.array().first();
        const QJsonObject object = value.toObject();
        Prompt prompt;
        if (value.isString()) {
            prompt.text = value.toString();
        } else if (value.isArray()) {
            // A bare messages array: [{"role":"user","content":"..."}, ...]
            if (!validMessages(value)) {
                if (error)
                    *error = lineError(name, lineNumber,
                                       QStringLiteral("a messages array must be non-empty, "
                                                      "with objects that have \"role\" and "
                                                      "\"content\""));
                return false;
            }
            prompt.messages = value.toArray();
        } else if (object.value(QLatin1String("prompt")).isString()) {
            prompt.text = object.value(QLatin1String("prompt")).toString();
        } else if (object.value(QLatin1String("text")).isString()) {
            prompt.text = object.value(QLatin1String("text")).toString();
        } else if (object.contains(QLatin1String("messages"))) {
            if (!validMessages(object.value(QLatin1String("messages")))) {
                if (error)
                    *error = lineError(name, lineNumber,
                                       QStringLiteral("\"messages\" must be a non-empty array of "
                                                      "objects with \"role\" and \"content\""));
                return false;
            }
            prompt.messages = object.value(QLatin1String("messages")).toArray();
        } else {
            if (error)
                *error = lineError(name, lineNumber,
                                   QStringLiteral("expected a JSON string, a messages array, or "
                                                  "an object with \"prompt\", \"text\" or "
                                                  "\"messages\""));
            return false;
        }
        if (prompt.text.isEmpty() && prompt.messages.isEmpty()) {
            if (error)
                *error = lineError(name, lineNumber, QStringLiteral("the prompt is empty"));
            return false;
        }
        prompt.estimatedTokens =
            prompt.messages.isEmpty() ? wordCount(prompt.text) : messagesWordCount(prompt.messages);
        parsed.append(prompt);
    }
    if (parsed.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 has no prompts (every line is empty)").arg(name);
        return false;
    }
    *prompts = std::move(parsed);
    return true;
}

bool PromptGenerator::load(QString* error) {
    if (m_source.kind != PromptSource::Kind::File)
        return true;
    if (m_source.file.isEmpty()) {
        if (error)
            *error = QStringLiteral("no prompt file given");
        return false;
    }
    // Capped whatever the file is (a dataset of prompts is large, not endless).
    constexpr qint64 kMaxPromptFileBytes = qint64(1) << 30;
    const BoundedFileReader::Result read = BoundedFileReader::read(
        m_source.file, kMaxPromptFileBytes, QStringLiteral("a prompt file"));
    if (!read.ok()) {
        if (error)
            *error =
                QStringLiteral("cannot open prompt file %1: %2").arg(m_source.file, read.reason);
        return false;
    }
    return parseJsonl(read.data, QFileInfo(m_source.file).fileName(), &m_filePrompts, error);
}

Prompt PromptGenerator::prompt(quint64 index) const {
    if (m_source.kind == PromptSource::Kind::Synthetic)
        return syntheticPrompt(index);
    if (m_filePrompts.isEmpty())
        return Prompt();
    Prompt prompt = m_filePrompts.at(qsizetype(index % quint64(m_filePrompts.size())));
    prompt.estimatedTokens =
        std::max(1, int(std::lround(m_overhead + prompt.estimatedTokens * m_factor)));
    return prompt;
}

Prompt PromptGenerator::syntheticPrompt(quint64 index) const {
    const int words = syntheticWords();
    const int suffixWords = words >= kMinWordsForSuffix ? kSuffixWords : 0;
    const int randomWords = words - suffixWords;

    // Every (seed, index) pair gets its own stream; the very first words already differ,
    // so no two prompts share a prefix-cache block.
    quint64 state = m_seed ^ (index * 0xD1B54A32D192ED03ull);
    splitmix64(&state);
    const quint64 vocabulary = quint64(PromptWords::count());

    QString text;
    text.reserve(words * 8);
    for (int i = 0; i < randomWords; ++i) {
        if (i > 0)
            text += QLatin1Char(' ');
        text += PromptWords::at(qsizetype(splitmix64(&state) % vocabulary));
    }
    for (int i = 0; i < suffixWords; ++i) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += QLatin1String(kSuffix[i]);
    }

    Prompt prompt;
    prompt.text = text;
    prompt.estimatedTokens = std::max(1, int(std::lround(m_overhead + words * m_factor)));
    return prompt;
}

int PromptGenerator::syntheticWords() const {
    const int target = std::max(1, m_source.inputTokens);
    // Never fewer than one word, even when the template alone exceeds the target.
    return std::max(1, int(std::lround((target - m_overhead) / m_factor)));
}

void PromptGenerator::calibrate(int estimated, int actual) {
    if (estimated <= 0 || actual <= 0)
        return;
    // The estimate was words * factor, so the server's tokens per word is the new factor.
    m_factor = std::clamp(m_factor * double(actual) / double(estimated), 0.1, 10.0);
    m_overhead = 0.0;
}

bool PromptGenerator::calibrateTwoPoint(int wordsA, int tokensA, int wordsB, int tokensB) {
    if (wordsA <= 0 || wordsB <= 0 || tokensA <= 0 || tokensB <= 0 || wordsA == wordsB)
        return false;
    const double slope = double(tokensB - tokensA) / double(wordsB - wordsA);
    if (!std::isfinite(slope) || slope < 0.1 || slope > 10.0)
        return false;
    const double overhead = tokensA - slope * wordsA;
    // A tokenizer's rounding can make a tiny negative intercept; a large one means the
    // counts are not linear in the words and the fit would mislead.
    if (!std::isfinite(overhead) || overhead < -0.5 * std::min(tokensA, tokensB))
        return false;
    m_factor = slope;
    m_overhead = overhead;
    return true;
}

double PromptGenerator::calibrationFactor() const {
    return m_factor;
}
