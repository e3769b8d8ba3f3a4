#include "workload/syntheticconversationoptions.h"

namespace {
QString distributionError(const QString& name, const LengthDistribution& d) {
    if (const QString error = d.validate(); !error.isEmpty())
        return name + QStringLiteral(": ") + error;
    if (!d.readyToSample())
        return name + QStringLiteral(": the empirical lengths are not loaded");
    return {};
}
} // namespace

QString SyntheticConversationOptions::validate() const {
    for (const auto& [name, d] : {std::pair{QStringLiteral("turns"), &turns},
                                  {QStringLiteral("user length"), &userWords},
                                  {QStringLiteral("answer length"), &answerTokens}}) {
        if (const QString error = distributionError(name, *d); !error.isEmpty())
            return error;
    }
    if (turns.quantile(1.0) > kMaxTurns)
        return QStringLiteral("turns: up to %1 per conversation (%2 asked)")
            .arg(kMaxTurns)
            .arg(turns.quantile(1.0));
    if (systemWords < 0 || systemWords > LengthDistribution::kMaxLength)
        return QStringLiteral("system prompt length %1 is outside 0..%2")
            .arg(systemWords)
            .arg(LengthDistribution::kMaxLength);
    return {};
}
