#pragma once

#include "profile/profilevalidator.h"

#include <QHash>
#include <QList>
#include <QString>

class FieldIssueLabel;

// Routes validation issues to the labels next to their fields. Field names are matched
// loosely (case and '_' ignored: "durationPerLevelS" == "duration_per_level_s"), exactly
// first, then by the longest registered prefix ("limits[1].maxMs" -> "limits[1]").
class IssueMap {
public:
    // displayName turns the validator's fragments into sentences: "URL must be ...".
    void add(const QString& field, FieldIssueLabel* label, const QString& displayName = {});
    void clear();
    // Shows each issue at its field; returns the ones no field claimed.
    QList<ValidationIssue> apply(const QList<ValidationIssue>& issues) const;

    static QString normalized(const QString& field);
    // "is empty; name the model" + "Model" -> "Model is empty; name the model";
    // a message that is already a sentence is only capitalised.
    static QString sentence(const QString& displayName, const QString& message);

private:
    QHash<QString, FieldIssueLabel*> m_labels;
    QHash<QString, QString> m_names;
};
