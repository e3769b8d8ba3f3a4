#pragma once

#include <QStringList>

// `plateau-cli validate PROFILE.json`: loads and checks a profile without running it
// (for CI and for people editing profiles by hand). Prints every issue, one per line
// ("PROFILE: plan.concurrencies: must not be empty"); exit 2 if there is any.
class ValidateCommand {
public:
    static int exec(const QStringList& args);
};
