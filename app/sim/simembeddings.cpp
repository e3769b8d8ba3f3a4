#include "sim/simembeddings.h"

#include "sim/simgenrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace {
bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

// A deterministic vector for input `index` of request `id` (unit-ish, not a real embedding).
QJsonArray vector(quint64 id, int index) {
    QJsonArray values;
    quint64 h = (id * 0x9E3779B97F4A7C15ULL) ^ quint64(index + 1);
    for (int d = 0; d < SimEmbeddings::kDimensions; ++d) {
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ULL;
        values.append(double(h % 2001) / 1000.0 - 1.0);
    }
    return values;
}
} // namespace

bool SimEmbeddings::read(const QJsonObject& o, SimGenRequest* r, QString* error) {
    const QJsonValue input = o.value(u"input");
    QJsonArray list;
    if (input.isString())
        list.append(input);
    else if (input.isArray())
        list = input.toArray();
    else
        return fail(error, QStringLiteral("'input' is a required property (a string or an array "
                                          "of strings)"));
    if (list.isEmpty())
        return fail(error, QStringLiteral("'input' must not be empty"));
    if (list.size() > kMaxInputs)
        return fail(error, QStringLiteral("'input' has %1 items; at most %2 inputs per request")
                               .arg(list.size())
                               .arg(kMaxInputs));
    for (const QJsonValue& item : list) {
        if (!item.isString())
            return fail(error, QStringLiteral("Each item of 'input' must be a string"));
        const int before = r->prompt.words();
        r->prompt.addText(item.toString());
        r->longestInput = std::max(r->longestInput, r->prompt.words() - before);
    }
    r->inputs = int(list.size());
    // Prefill only: one pooling step after it, then the whole answer at once.
    r->maxTokens = 1;
    r->stream = false;
    r->includeUsage = true;
    return true;
}

QString SimEmbeddings::tooLong(const SimGenRequest& r) {
    if (r.longestInput <= kMaxInputTokens)
        return QString();
    return QStringLiteral("An input has %1 tokens; the maximum per input is %2 tokens")
        .arg(r.longestInput)
        .arg(kMaxInputTokens);
}

QByteArray SimEmbeddings::body(quint64 id, const QString& model, int inputs, int promptTokens) {
    QJsonArray data;
    for (int i = 0; i < inputs; ++i)
        data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                {QStringLiteral("index"), i},
                                {QStringLiteral("embedding"), vector(id, i)}});
    const QJsonObject o{
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("data"), data},
        {QStringLiteral("model"), model},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                                              {QStringLiteral("total_tokens"), promptTokens}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
