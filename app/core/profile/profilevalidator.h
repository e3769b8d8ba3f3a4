#pragma once

#include "profile.h"

#include <QList>
#include <QString>

struct ValidationIssue {
    QString field;   // "endpoints[0].url", "plan.concurrencies", "budget.limits[1].maxMs"
    QString message; // "must be an http(s) URL or sim:PRESET"
};

// Checks a profile before a run and as the user types (the GUI shows each message next
// to its field).
class ProfileValidator {
public:
    static QList<ValidationIssue> validate(const Profile& profile);
};
