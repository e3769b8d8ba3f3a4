#pragma once

#include "profile/profile.h"

#include <QList>
#include <QString>
#include <QStringList>

struct ValidationIssue {
    // The field's path as the profile file names it: "endpoints[0].url",
    // "plan.concurrencies", "budget.limits[1].max_ms", "endpoints[0].timeouts.idle_s".
    QString field;
    QString message; // "must be an http(s) URL or sim:PRESET"
    bool operator==(const ValidationIssue&) const = default;
};

// Checks a profile before a run and as the user types (the GUI shows each message next
// to its field). Every endpoint is checked, not only the active one, since the editor
// shows them all.
class ProfileValidator {
public:
    static QList<ValidationIssue> validate(const Profile& profile);
    // "endpoints[0].url: must be an http(s) URL or sim:PRESET; plan.rates: ..."
    static QString summary(const QList<ValidationIssue>& issues);

    static QStringList
    flavors(); // "openai-chat", "openai-completions", "databricks", "azure-openai"
};
