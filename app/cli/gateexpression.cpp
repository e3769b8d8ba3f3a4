#include "cli/gateexpression.h"

#include <QRegularExpression>
#include <cmath>

namespace {
std::optional<GateExpression::Op> opOf(const QString& text) {
    using Op = GateExpression::Op;
    if (text == QLatin1String("<"))
        return Op::Less;
    if (text == QLatin1String("<="))
        return Op::LessEqual;
    if (text == QLatin1String(">"))
        return Op::Greater;
    if (text == QLatin1String(">="))
        return Op::GreaterEqual;
    if (text == QLatin1String("=="))
        return Op::Equal;
    return std::nullopt;
}
} // namespace

std::optional<GateExpression> GateExpression::parse(const QString& text, const QStringList& figures,
                                                    bool allowPercent, QString* error) {
    const QString trimmed = text.trimmed();
    if (trimmed.size() > kMaxLength) {
        *error = QStringLiteral("condition longer than %1 characters").arg(kMaxLength);
        return std::nullopt;
    }
    static const QRegularExpression grammar(QStringLiteral(
        R"(^([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=|==|<|>)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%?)$)"));
    const QRegularExpressionMatch m = grammar.match(trimmed);
    const QString shape = allowPercent ? QStringLiteral("FIGURE OP NUMBER[%], e.g. "
                                                        "'plateau_tps < -5%'")
                                       : QStringLiteral("FIGURE OP NUMBER, e.g. "
                                                        "'best_in_budget.concurrency >= 32'");
    if (!m.hasMatch()) {
        *error = QStringLiteral("cannot read condition \"%1\": expected %2 with OP one of "
                                "< <= > >= ==")
                     .arg(trimmed.left(80), shape);
        return std::nullopt;
    }
    GateExpression g;
    g.text = trimmed;
    g.figure = m.captured(1);
    if (!figures.contains(g.figure)) {
        *error = QStringLiteral("unknown figure \"%1\" in \"%2\" (known: %3)")
                     .arg(g.figure, trimmed, figures.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    g.op = *opOf(m.captured(2));
    bool ok = false;
    g.value = m.captured(3).toDouble(&ok);
    if (!ok || !std::isfinite(g.value) || std::abs(g.value) > kMaxMagnitude) {
        *error = QStringLiteral("number out of range in \"%1\" (at most %2 either way)")
                     .arg(trimmed)
                     .arg(kMaxMagnitude, 0, 'g');
        return std::nullopt;
    }
    g.percent = !m.captured(4).isEmpty();
    if (g.percent && !allowPercent) {
        *error = QStringLiteral("\"%1\": a percentage only makes sense for a change (compare "
                                "--fail-if); here give the value itself")
                     .arg(trimmed);
        return std::nullopt;
    }
    return g;
}

bool GateExpression::holds(double x) const {
    if (std::isnan(x))
        return false;
    switch (op) {
    case Op::Less:
        return x < value;
    case Op::LessEqual:
        return x <= value;
    case Op::Greater:
        return x > value;
    case Op::GreaterEqual:
        return x >= value;
    case Op::Equal:
        break;
    }
    return x == value;
}
