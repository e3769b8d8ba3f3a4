#pragma once

#include <QString>
#include <QStringList>
#include <optional>

// One CI condition: `compare --fail-if 'plateau_tps < -5%'` (a change, in percent of BASE or
// in the figure's unit) or `run --assert 'best_in_budget.concurrency >= 32'` (a value).
// Grammar: FIGURE OP NUMBER[%], OP one of < <= > >= ==, NUMBER a decimal with an optional
// sign. Bounded: at most kMaxLength characters, |NUMBER| <= kMaxMagnitude.
struct GateExpression {
    static constexpr int kMaxLength = 200;
    static constexpr double kMaxMagnitude = 1e9;

    enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal };

    QString text; // as the user wrote it, trimmed
    QString figure;
    Op op = Op::Less;
    double value = 0.0;
    bool percent = false;

    // `figures`: the names this command knows; `allowPercent`: whether "%" makes sense here.
    // nullopt and a one-line `error` naming what is wrong and what is accepted.
    static std::optional<GateExpression> parse(const QString& text, const QStringList& figures,
                                               bool allowPercent, QString* error);
    bool holds(double x) const; // false for NaN
};
