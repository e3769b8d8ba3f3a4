#pragma once

#include "profile/profile.h"

#include <QJsonObject>
#include <QString>

// Reads the body of a "plateau.profile/1" object (the schema check is ProfileIo's).
// Strict: unknown fields, wrong types and values outside a field's domain fail with a
// message naming the field's path; absent fields keep their defaults. Range checks here
// are about what a value can mean at all (a negative count, an error rate above 1);
// whether a profile is ready to run is ProfileValidator's question.
class ProfileJsonParser {
public:
    explicit ProfileJsonParser(QString* error)
        : m_error(error) {}
    bool parse(const QJsonObject& root, Profile* profile);

private:
    bool parseEndpoint(const QJsonObject& object, const QString& path, EndpointConfig* endpoint);
    bool parseHeaders(const QJsonArray& array, const QString& path, EndpointConfig* endpoint);
    bool parseTimeouts(const QJsonObject& object, const QString& path, EndpointConfig* endpoint);
    bool parsePlan(const QJsonObject& object, SweepPlan* plan);
    bool parsePrompts(const QJsonObject& object, PromptSource* prompts);
    bool parseBudget(const QJsonObject& object, LatencyBudget* budget);

    QString* m_error;
};
