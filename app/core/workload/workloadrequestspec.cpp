#include "workload/workloadrequestspec.h"

#include "protocol/promptgenerator.h"

#include <QJsonObject>
#include <QStringList>

QString WorkloadMessage::roleName(Role role) {
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    }
    return {};
}

WorkloadRequestSpec WorkloadRequestSpec::fromText(const QString& user, const QString& system) {
    WorkloadRequestSpec spec;
    if (!system.isEmpty())
        spec.messages.append({WorkloadMessage::Role::System, system});
    spec.messages.append({WorkloadMessage::Role::User, user});
    spec.countWords();
    return spec;
}

void WorkloadRequestSpec::countWords() {
    inputWords = 0;
    for (const WorkloadMessage& message : messages)
        inputWords += PromptGenerator::wordCount(message.content);
}

QString WorkloadRequestSpec::promptText() const {
    QStringList parts;
    for (const WorkloadMessage& message : messages)
        parts.append(message.content);
    return parts.join(QStringLiteral("\n\n"));
}

QJsonArray WorkloadRequestSpec::messagesJson() const {
    QJsonArray array;
    for (const WorkloadMessage& message : messages)
        array.append(QJsonObject{{QLatin1String("role"), WorkloadMessage::roleName(message.role)},
                                 {QLatin1String("content"), message.content}});
    return array;
}

Prompt WorkloadRequestSpec::toPrompt() const {
    Prompt prompt;
    prompt.text = promptText();
    prompt.messages = messagesJson();
    prompt.estimatedTokens = inputWords;
    return prompt;
}
