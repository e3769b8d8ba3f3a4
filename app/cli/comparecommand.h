#pragma once

#include <QStringList>

// `plateau-cli compare BASE.json NEW.json [--format text|json|junit|markdown]
// [--fail-if CONDITION]...`: per level, the change of each main figure with its interval and
// significance; exits ExitCode::Regression when a condition holds for a significant change.
class CompareCommand {
public:
    static constexpr int kMaxConditions = 32;
    static int exec(const QStringList& args);
};
