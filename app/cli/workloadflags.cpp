#include "cli/workloadflags.h"

#include "cli/conversationflags.h"
#include "common/terminalsafe.h"
#include "workload/lengthspec.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace {
bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

QString shown(const QString& text) {
    return QLatin1Char('"') + TerminalSafe::escape(text.left(80)) + QLatin1Char('"');
}

bool readLengths(const QString& flag, const QString& text, LengthDistribution* out,
                 QString* error) {
    QString why;
    const std::optional<LengthDistribution> parsed =
        LengthSpec::parse(WorkloadFlags::normalizedLengthSpec(text), &why);
    if (!parsed)
        return fail(error, QStringLiteral("--%1: %2 (e.g. fixed:512, uniform:100-900, "
                                          "normal:500,100, lognormal:400,0.6)")
                               .arg(flag, why));
    *out = *parsed;
    if (out->kind == LengthDistribution::Kind::Empirical && !out->file.isEmpty())
        out->file = QFileInfo(out->file).absoluteFilePath();
    return true;
}

// --shared-prefix GROUPS:TOKENS[:SHARE]
bool readSharedPrefix(const QString& text, WorkloadSettings::SharedPrefix* out, QString* error) {
    const QStringList parts = text.split(QLatin1Char(':'));
    bool groupsOk = false;
    bool tokensOk = false;
    bool shareOk = parts.size() < 3;
    const int groups = parts.value(0).toInt(&groupsOk);
    const int tokens = parts.value(1).toInt(&tokensOk);
    const double share = parts.size() >= 3 ? parts.at(2).toDouble(&shareOk) : 1.0;
    if (parts.size() < 2 || parts.size() > 3 || !groupsOk || !tokensOk || !shareOk)
        return fail(error, QStringLiteral("--shared-prefix: %1 is not GROUPS:TOKENS[:SHARE] "
                                          "(e.g. 8:512 or 8:512:0.5)")
                               .arg(shown(text)));
    if (groups < 1 || groups > 10'000)
        return fail(error,
                    QStringLiteral("--shared-prefix: GROUPS must be 1..10000, not %1").arg(groups));
    if (tokens < 1 || tokens > LengthDistribution::kMaxLength)
        return fail(error, QStringLiteral("--shared-prefix: TOKENS must be 1..%1, not %2")
                               .arg(LengthDistribution::kMaxLength)
                               .arg(tokens));
    if (!(share >= 0.0 && share <= 1.0))
        return fail(
            error,
            QStringLiteral("--shared-prefix: SHARE must be 0..1, not %1").arg(shown(parts.at(2))));
    *out = {true, groups, tokens, share};
    return true;
}

bool readDataset(const QCommandLineParser& p, const RunFlags& f, WorkloadSettings* w,
                 QString* error) {
    if (p.isSet(f.dataset)) {
        w->kind = WorkloadSettings::Kind::Dataset;
        w->dataset.path = QFileInfo(p.value(f.dataset)).absoluteFilePath();
    }
    const bool dataset = w->kind == WorkloadSettings::Kind::Dataset;
    if (p.isSet(f.datasetFormat)) {
        const QString format = p.value(f.datasetFormat);
        if (!WorkloadSettings::datasetFormatNames().contains(format))
            return fail(
                error, QStringLiteral("--dataset-format: %1 is not one of %2")
                           .arg(shown(format), WorkloadSettings::datasetFormatNames().join(u", ")));
        w->dataset.format = format;
    }
    if (p.isSet(f.sample)) {
        bool ok = false;
        const qlonglong n = p.value(f.sample).toLongLong(&ok);
        if (!ok || n < 1 || n > WorkloadSettings::kMaxSample)
            return fail(error, QStringLiteral("--sample: %1 must be a whole number 1..%2")
                                   .arg(shown(p.value(f.sample)))
                                   .arg(WorkloadSettings::kMaxSample));
        w->dataset.sample = int(n);
    }
    if (!dataset && (p.isSet(f.datasetFormat) || p.isSet(f.sample)))
        return fail(error, QStringLiteral("--dataset-format and --sample go with --dataset"));
    return true;
}
// --trace FILE [--trace-speed X] [--trace-window A-B] (seconds of the trace's own time).
bool readTrace(const QCommandLineParser& p, const RunFlags& f, WorkloadSettings* w,
               QString* error) {
    if (p.isSet(f.trace)) {
        w->kind = WorkloadSettings::Kind::Trace;
        w->trace.path = QFileInfo(p.value(f.trace)).absoluteFilePath();
    }
    if (w->kind != WorkloadSettings::Kind::Trace) {
        if (p.isSet(f.traceSpeed) || p.isSet(f.traceWindow))
            return fail(error, QStringLiteral("--trace-speed and --trace-window go with --trace"));
        return true;
    }
    if (p.isSet(f.traceSpeed)) {
        bool ok = false;
        const double speed = p.value(f.traceSpeed).toDouble(&ok);
        if (!ok || !(speed >= WorkloadSettings::kMinTraceSpeed &&
                     speed <= WorkloadSettings::kMaxTraceSpeed))
            return fail(error, QStringLiteral("--trace-speed: %1 must be a number %2..%3 (2: "
                                              "twice as fast as recorded)")
                                   .arg(shown(p.value(f.traceSpeed)))
                                   .arg(WorkloadSettings::kMinTraceSpeed)
                                   .arg(WorkloadSettings::kMaxTraceSpeed));
        w->trace.speed = speed;
    }
    if (p.isSet(f.traceWindow)) {
        static const QRegularExpression range(
            QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)?\\s*$"));
        const QRegularExpressionMatch match = range.match(p.value(f.traceWindow));
        const double from = match.captured(1).toDouble();
        const double to = match.captured(2).isEmpty() ? -1.0 : match.captured(2).toDouble();
        if (!match.hasMatch() || from > WorkloadSettings::kMaxTraceTimeS ||
            to > WorkloadSettings::kMaxTraceTimeS || (to >= 0 && to <= from))
            return fail(error, QStringLiteral("--trace-window: %1 is not A-B in seconds of the "
                                              "trace, A < B (e.g. 600-900, or 600- to the end)")
                                   .arg(shown(p.value(f.traceWindow))));
        w->trace.windowStartS = from;
        w->trace.windowEndS = to;
    }
    return true;
}
} // namespace

QString WorkloadFlags::normalizedLengthSpec(const QString& text) {
    static const QRegularExpression dashRange(
        QStringLiteral("^\\s*(uniform\\s*:\\s*)(\\d+)\\s*-\\s*(\\d+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = dashRange.match(text);
    if (!match.hasMatch())
        return text;
    return match.captured(1) + match.captured(2) + QStringLiteral("..") + match.captured(3);
}

bool WorkloadFlags::apply(const QCommandLineParser& p, const RunFlags& f, Profile* profile,
                          QString* error) {
    WorkloadSettings& w = profile->workload;
    // Fixed lengths given as such win over a profile's distributions.
    if (p.isSet(f.inputTokens))
        w.input.reset();
    if (p.isSet(f.outputTokens))
        w.output.reset();
    if (!readDataset(p, f, &w, error) || !readTrace(p, f, &w, error))
        return false;
    if (p.isSet(f.trace) && p.isSet(f.dataset))
        return fail(error, QStringLiteral("--trace and --dataset: choose one"));
    const bool dataset = w.kind == WorkloadSettings::Kind::Dataset;
    if (p.isSet(f.inputLen)) {
        const QString text = p.value(f.inputLen).trimmed();
        if (text == QLatin1String("dataset")) {
            if (!dataset)
                return fail(error, QStringLiteral("--input-len dataset: give the --dataset"));
        } else {
            LengthDistribution lengths;
            if (!readLengths(QStringLiteral("input-len"), text, &lengths, error))
                return false;
            if (dataset)
                return fail(error, QStringLiteral("--input-len: a dataset's prompts have their "
                                                  "own lengths (filter them in the profile: "
                                                  "workload.dataset.min_prompt_words)"));
            w.input = lengths;
        }
    }
    if (p.isSet(f.outputLen)) {
        const QString text = p.value(f.outputLen).trimmed();
        if (text == QLatin1String("dataset")) {
            if (!dataset)
                return fail(error, QStringLiteral("--output-len dataset: give the --dataset"));
            w.dataset.outputFromReference = true;
            w.output.reset();
        } else {
            LengthDistribution lengths;
            if (!readLengths(QStringLiteral("output-len"), text, &lengths, error))
                return false;
            w.output = lengths;
            w.dataset.outputFromReference = false; // forced: the entries' lengths are ignored
        }
    }
    if (p.isSet(f.sharedPrefix)) {
        if (dataset)
            return fail(error, QStringLiteral("--shared-prefix goes with synthetic prompts, not "
                                              "--dataset"));
        if (!readSharedPrefix(p.value(f.sharedPrefix), &w.sharedPrefix, error))
            return false;
    }
    return ConversationFlags::apply(p, f, &w, error);
}
