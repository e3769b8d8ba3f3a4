#include "cli/interleaveflags.h"

#include "cli/comparecommand.h"
#include "common/terminalsafe.h"
#include "profile/profilevalidator.h"
#include "results/runcomparison.h"
#include "sweep/interleaverunner.h"

#include <QDir>
#include <QFileInfo>

namespace {
bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

bool readFailIf(const QStringList& values, QList<GateExpression>* out, QString* error) {
    if (values.size() > CompareCommand::kMaxConditions)
        return fail(
            error,
            QStringLiteral("at most %1 --fail-if conditions").arg(CompareCommand::kMaxConditions));
    for (const QString& value : values) {
        const auto gate = GateExpression::parse(value, RunComparison::figureNames(), true, error);
        if (!gate)
            return fail(error, QStringLiteral("--fail-if: ") + TerminalSafe::escape(*error));
        out->append(*gate);
    }
    return true;
}
// B's settings are checked now: found wrong when B's turn came, they stopped the run after
// A's first level (sim:PRESET with a preset that does not exist).
bool checkPartner(const Profile& a, const EndpointConfig& partner, QString* error) {
    Profile b = a;
    b.endpoints = {partner};
    b.activeEndpoint = 0;
    const QList<ValidationIssue> issues = ProfileValidator::validate(b);
    if (issues.isEmpty())
        return true;
    QString field = issues.constFirst().field; // "endpoints[0].url": B's only endpoint
    field.remove(QStringLiteral("endpoints[0]."));
    return fail(error, QStringLiteral("--interleave-with: %1: %2")
                           .arg(field, TerminalSafe::escape(issues.constFirst().message)));
}
} // namespace

bool InterleaveFlags::apply(const QCommandLineParser& p, const RunFlags& f, RunInvocation* inv,
                            QString* error) {
    QString& with = inv->profile.plan.interleaveWith;
    if (p.isSet(f.interleaveWith)) {
        with = p.value(f.interleaveWith).trimmed();
        if (with.isEmpty() || with.size() > SweepPlan::kMaxInterleaveLength)
            return fail(error, QStringLiteral("--interleave-with: give an endpoint name, an "
                                              "http(s) URL or sim:PRESET (at most %1 characters)")
                                   .arg(SweepPlan::kMaxInterleaveLength));
    }
    if (with.isEmpty()) {
        if (p.isSet(f.interleaveOut) || p.isSet(f.failIf))
            return fail(error, QStringLiteral("--interleave-out and --fail-if need "
                                              "--interleave-with (to compare two saved results: "
                                              "plateau-cli compare A.json B.json --fail-if ...)"));
        return true;
    }
    const std::optional<EndpointConfig> partner =
        InterleaveRunner::partner(inv->profile, with, error);
    if (!partner) {
        *error = TerminalSafe::escape(*error);
        return false;
    }
    if (!checkPartner(inv->profile, *partner, error))
        return false;
    inv->outputs.interleaveOutPath = p.value(f.interleaveOut);
    return readFailIf(p.values(f.failIf), &inv->failIf, error);
}

QString InterleaveFlags::partnerOutPath(const RunOutputs& outputs) {
    if (!outputs.interleaveOutPath.isEmpty())
        return outputs.interleaveOutPath;
    if (outputs.outPath.isEmpty() || outputs.outPath == QLatin1String("-"))
        return QString();
    const QFileInfo out(outputs.outPath);
    QString base = out.fileName();
    if (base.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        base.chop(5);
    const QString name = base + QStringLiteral(".B.json");
    return out.path() == QLatin1String(".") ? name : out.dir().filePath(name);
}
