#include "cli/clioptions.h"

#include "cli/budgetspec.h"
#include "cli/endpointextraflags.h"
#include "cli/interleaveflags.h"
#include "cli/listspec.h"
#include "cli/runassertion.h"
#include "cli/runflags.h"
#include "cli/shardflags.h"
#include "cli/stabilityflags.h"
#include "cli/workloadflags.h"
#include "common/headertext.h"
#include "common/inputlimits.h"
#include "common/terminalsafe.h"
#include "common/urlredactor.h"
#include "profile/apikeyresolver.h"
#include "profile/profileio.h"
#include "profile/profilevalidator.h"
#include "protocol/apiflavor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace {
const QStringList kFlavors = {QStringLiteral("openai-chat"), QStringLiteral("openai-completions"),
                              QStringLiteral("databricks"), QStringLiteral("azure-openai")};
const QStringList kCredentialHeaders = {QStringLiteral("Authorization"), QStringLiteral("api-key"),
                                        QStringLiteral("x-api-key"),
                                        QStringLiteral("Proxy-Authorization")};

using Limit = InputLimits::Field;

// Reads a number option against its bound in the shared table (InputLimits), which the
// profile validator applies too; false with a message naming the flag.
bool readNumber(const QCommandLineParser& parser, const QCommandLineOption& option, Limit limit,
                double* value, QString* error) {
    const QString text = parser.value(option);
    QString why;
    const std::optional<double> v = InputLimits::parse(limit, text, &why);
    if (!v) {
        *error = QStringLiteral("--%1: \"%2\" %3").arg(option.names().constLast(), text, why);
        return false;
    }
    *value = *v;
    return true;
}

bool readInt(const QCommandLineParser& parser, const QCommandLineOption& option, Limit limit,
             int* value, QString* error) {
    double v = 0;
    if (!readNumber(parser, option, limit, &v, error))
        return false;
    *value = int(v); // whole and bounded far below INT_MAX by the table
    return true;
}

// A per-level count or duration on the command line excludes the other one, so 0 (which
// in a profile means "use the other") would leave the level without an end.
bool readLevelBound(const QCommandLineParser& parser, const QCommandLineOption& option, Limit limit,
                    double* value, QString* error) {
    if (!readNumber(parser, option, limit, value, error))
        return false;
    if (*value > 0)
        return true;
    *error = QStringLiteral("--%1: \"%2\" must be greater than 0")
                 .arg(option.names().constLast(), parser.value(option));
    return false;
}

// --server-metrics [URL]: scrape the server's /metrics during the run (the endpoint's origin
// + /metrics when no URL is given).
bool applyServerMetricsFlag(const QString& text, EndpointConfig* ep, QString* error) {
    ep->serverMetrics.enabled = true;
    if (text.isEmpty())
        return true;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        *error = QStringLiteral("--server-metrics: \"%1\" is not an http:// or https:// URL "
                                "with a host")
                     .arg(TerminalSafe::escape(text.left(200)));
        return false;
    }
    if (UrlRedactor::hasCredentials(url)) { // never echoed: it carries a credential
        *error = QStringLiteral("--server-metrics: the URL carries credentials, which would be "
                                "written into the results");
        return false;
    }
    ep->serverMetrics.url = url;
    return true;
}

// --server-metrics-interval MS: how often to scrape, within the profile's bounds (100..60000);
// only with metrics on (the flag or the profile's server_metrics), never silently unused.
bool applyServerMetricsInterval(const QString& text, EndpointConfig* ep, QString* error) {
    bool ok = false;
    const int ms = text.trimmed().toInt(&ok);
    const QString flag = QStringLiteral("--server-metrics-interval: ");
    if (!ok) {
        *error = flag + QStringLiteral("\"%1\" is not a whole number of milliseconds")
                            .arg(TerminalSafe::escape(text.left(40)));
        return false;
    }
    if (ms < ServerMetricsConfig::kMinIntervalMs || ms > ServerMetricsConfig::kMaxIntervalMs) {
        *error = flag + QStringLiteral("%1 ms is out of range: scrape every %2 to %3 ms")
                            .arg(ms)
                            .arg(ServerMetricsConfig::kMinIntervalMs)
                            .arg(ServerMetricsConfig::kMaxIntervalMs);
        return false;
    }
    if (!ep->serverMetrics.enabled) {
        *error = flag + QStringLiteral("needs --server-metrics (or server_metrics in the profile)");
        return false;
    }
    ep->serverMetrics.intervalMs = ms;
    return true;
}

// QCommandLineParser has no optional values: a bare --server-metrics (no "=URL", and no
// http(s) URL after it) is given an empty value, which means the default URL.
QStringList withServerMetricsValue(const QStringList& args) {
    QStringList out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        out.append(args.at(i));
        const bool flag = args.at(i) == QLatin1String("--server-metrics") ||
                          args.at(i) == QLatin1String("-server-metrics");
        const bool urlNext =
            i + 1 < args.size() && (args.at(i + 1).startsWith(QLatin1String("http://")) ||
                                    args.at(i + 1).startsWith(QLatin1String("https://")));
        if (flag && !urlNext)
            out.append(QString());
    }
    return out;
}

// --assert CONDITION (repeatable, bounded): parsed now, so a typo fails before the sweep.
bool readAssertions(const QStringList& texts, QList<GateExpression>* out, QString* error) {
    if (texts.size() > RunAssertion::kMaxAssertions) {
        *error =
            QStringLiteral("--assert: at most %1 conditions").arg(RunAssertion::kMaxAssertions);
        return false;
    }
    for (const QString& text : texts) {
        const auto gate = GateExpression::parse(text, RunAssertion::figureNames(), false, error);
        if (!gate) {
            *error = QStringLiteral("--assert: ") + TerminalSafe::escape(*error);
            return false;
        }
        out->append(*gate);
    }
    return true;
}

bool applyEndpointFlags(const QCommandLineParser& p, const RunFlags& f, EndpointConfig& ep,
                        QString* error) {
    if (p.isSet(f.url)) {
        const QString text = p.value(f.url).trimmed();
        QUrl url = text == QLatin1String("sim") ? QUrl(QStringLiteral("sim:default"))
                                                : QUrl(text, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
             scheme != QLatin1String("sim")) ||
            (scheme != QLatin1String("sim") && url.host().isEmpty())) {
            *error =
                QStringLiteral("--url: \"%1\" is not an http(s):// URL or sim:PRESET").arg(text);
            return false;
        }
        ep.url = url;
        if (scheme != QLatin1String("sim") && ep.name == EndpointConfig{}.name)
            ep.name = url.host();
    }
    if (p.isSet(f.api)) {
        const QString flavor = p.value(f.api).trimmed();
        const QStringList known = ApiFlavor::ids().isEmpty() ? kFlavors : ApiFlavor::ids();
        if (!known.contains(flavor)) {
            *error = QStringLiteral("--api: unknown API \"%1\" (use %2)")
                         .arg(flavor, known.join(QLatin1Char('|')));
            return false;
        }
        ep.flavor = flavor;
    }
    if (p.isSet(f.model))
        ep.model = p.value(f.model);
    if (p.isSet(f.apiVersion))
        ep.apiVersion = p.value(f.apiVersion);
    if (p.isSet(f.apiKeyEnv)) {
        const QString var = p.value(f.apiKeyEnv).trimmed();
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (!name.match(var).hasMatch()) {
            // Never echo it: people paste the key itself here by mistake.
            *error = QStringLiteral("--api-key-env: expects the NAME of an environment variable "
                                    "holding the key, not the key itself");
            return false;
        }
        ep.apiKeyRef = ApiKeyResolver::envReference(var);
    }
    const QStringList headers = p.values(f.header);
    for (const QString& h : headers) {
        const int colon = int(h.indexOf(QLatin1Char(':')));
        const QString key = h.left(colon).trimmed();
        if (colon <= 0 || key.isEmpty() || key.contains(QLatin1Char(' '))) {
            // Not echoed: what was typed may be a pasted key.
            *error = QStringLiteral("--header: expects 'Name: value' (a name, a colon, a value)");
            return false;
        }
        // Headers are part of the profile, which goes into the results and the journal:
        // a credential here would be written out in clear.
        if (kCredentialHeaders.contains(key, Qt::CaseInsensitive)) {
            *error = QStringLiteral("--header: %1 carries a credential, which would be written "
                                    "into the results; use --api-key-env VAR instead")
                         .arg(key);
            return false;
        }
        const QString value = h.mid(colon + 1).trimmed();
        // A CR or LF would end the header line and start another one on the wire.
        const QString problem = HeaderText::valueProblem(value);
        if (!HeaderText::isValidName(key) || !problem.isEmpty()) {
            *error = problem.isEmpty()
                         ? QStringLiteral("--header: \"%1\" is not a valid header name")
                               .arg(TerminalSafe::escape(key))
                         : QStringLiteral("--header: the value of %1 contains %2; a header "
                                          "value must be one line without control characters")
                               .arg(key, problem);
            return false;
        }
        ep.headers.removeIf([&](const QPair<QString, QString>& kv) {
            return kv.first.compare(key, Qt::CaseInsensitive) == 0;
        });
        ep.headers.append({key, value});
    }
    if (p.isSet(f.serverMetrics) && !applyServerMetricsFlag(p.value(f.serverMetrics), &ep, error))
        return false;
    if (p.isSet(f.serverMetricsInterval) &&
        !applyServerMetricsInterval(p.value(f.serverMetricsInterval), &ep, error))
        return false;
    if (p.isSet(f.insecure))
        ep.verifyTls = false;
    if (p.isSet(f.http2))
        ep.http2 = true;
    if (p.isSet(f.connectTimeout) &&
        !readNumber(p, f.connectTimeout, Limit::TimeoutS, &ep.connectTimeoutS, error))
        return false;
    if (p.isSet(f.firstTokenTimeout) &&
        !readNumber(p, f.firstTokenTimeout, Limit::TimeoutS, &ep.firstTokenTimeoutS, error))
        return false;
    if (p.isSet(f.idleTimeout) &&
        !readNumber(p, f.idleTimeout, Limit::TimeoutS, &ep.idleTimeoutS, error))
        return false;
    if (p.isSet(f.timeout) && !readNumber(p, f.timeout, Limit::TimeoutS, &ep.totalTimeoutS, error))
        return false;
    return true;
}

bool applyPlanFlags(const QCommandLineParser& p, const RunFlags& f, Profile& profile,
                    QString* error) {
    SweepPlan& plan = profile.plan;
    if (p.isSet(f.concurrency) && p.isSet(f.rate)) {
        *error =
            QStringLiteral("--concurrency and --rate exclude each other (use --max-concurrency "
                           "to cap a rate sweep)");
        return false;
    }
    if (p.isSet(f.requests) && p.isSet(f.duration)) {
        *error = QStringLiteral("--requests-per-level and --duration-per-level exclude each other");
        return false;
    }
    if (p.isSet(f.concurrency)) {
        const auto list = ListSpec::parseConcurrencies(p.value(f.concurrency), error);
        if (!list)
            return false;
        plan.mode = SweepPlan::Mode::Concurrency;
        plan.concurrencies = *list;
    }
    if (p.isSet(f.rate)) {
        const auto list = ListSpec::parseRates(p.value(f.rate), error);
        if (!list)
            return false;
        plan.mode = SweepPlan::Mode::Rate;
        plan.rates = *list;
    }
    if (p.isSet(f.maxConcurrency) &&
        !readInt(p, f.maxConcurrency, Limit::MaxConcurrency, &plan.maxConcurrency, error))
        return false;
    if (p.isSet(f.requests)) {
        double requests = 0;
        if (!readLevelBound(p, f.requests, Limit::RequestsPerLevel, &requests, error))
            return false;
        plan.requestsPerLevel = int(requests);
        plan.durationPerLevelS = 0.0; // a duration would win over the count
    }
    if (p.isSet(f.duration)) {
        if (!readLevelBound(p, f.duration, Limit::DurationPerLevelS, &plan.durationPerLevelS,
                            error))
            return false;
        plan.requestsPerLevel = 0;
    }
    if (p.isSet(f.warmup) &&
        !readInt(p, f.warmup, Limit::WarmupRequests, &plan.warmupRequests, error))
        return false;
    if (p.isSet(f.stopAtPlateau))
        plan.stopAtPlateau = true;
    if (p.isSet(f.stopOnBudget))
        plan.stopWhenBudgetExceeded = true;
    if (p.isSet(f.seed)) {
        QString why;
        const std::optional<quint64> seed = InputLimits::parseSeed(p.value(f.seed), &why);
        if (!seed) {
            *error = QStringLiteral("--seed: \"%1\" %2").arg(p.value(f.seed), why);
            return false;
        }
        plan.seed = *seed;
    }
    if (p.isSet(f.inputTokens) &&
        !readInt(p, f.inputTokens, Limit::InputTokens, &profile.prompts.inputTokens, error))
        return false;
    if (p.isSet(f.outputTokens) &&
        !readInt(p, f.outputTokens, Limit::OutputTokens, &profile.prompts.outputTokens, error))
        return false;
    if (p.isSet(f.batchSize)) {
        const auto sizes = ListSpec::parseBatchSizes(p.value(f.batchSize), error);
        if (!sizes)
            return false;
        profile.prompts.batchSizes = *sizes;
    }
    if (p.isSet(f.prompts)) {
        profile.prompts.kind = PromptSource::Kind::File;
        profile.prompts.file = QFileInfo(p.value(f.prompts)).absoluteFilePath();
    }
    if (p.isSet(f.budget)) {
        const auto budget = BudgetSpec::parse(p.value(f.budget), error);
        if (!budget)
            return false;
        profile.budget = *budget;
    }
    return true;
}
} // namespace

std::optional<RunInvocation> CliOptions::parseRun(const QStringList& args, QString* error) {
    RunFlags f;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(f.all());
    parser.addPositionalArgument(QStringLiteral("profile"), QString(),
                                 QStringLiteral("[PROFILE.json]"));
    if (!parser.parse(QStringList{QStringLiteral("plateau-cli run")} +
                      withServerMetricsValue(args))) {
        *error = parser.errorText() + QStringLiteral(" (see plateau-cli run --help)");
        return std::nullopt;
    }
    RunInvocation inv;
    if (parser.isSet(f.help)) {
        inv.help = true;
        return inv;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        *error = QStringLiteral("run takes at most one profile, got: %1")
                     .arg(positional.join(QLatin1Char(' ')));
        return std::nullopt;
    }
    if (positional.isEmpty()) {
        inv.profile = Profile::defaultProfile();
    } else {
        inv.outputs.profilePath = positional.constFirst();
        const auto loaded = ProfileIo::load(inv.outputs.profilePath, error);
        if (!loaded)
            return std::nullopt;
        inv.profile = *loaded;
    }
    if (inv.profile.endpoints.isEmpty())
        inv.profile.endpoints.append(EndpointConfig{});
    inv.profile.activeEndpoint =
        qBound(0, inv.profile.activeEndpoint, int(inv.profile.endpoints.size()) - 1);
    if (!applyEndpointFlags(parser, f, inv.profile.endpoints[inv.profile.activeEndpoint], error) ||
        !applyPlanFlags(parser, f, inv.profile, error) ||
        !WorkloadFlags::apply(parser, f, &inv.profile, error) ||
        !StabilityFlags::apply(parser, f, &inv.profile, error) ||
        !InterleaveFlags::apply(parser, f, &inv, error) ||
        !EndpointExtraFlags::apply(parser, f, &inv.profile.endpoints[inv.profile.activeEndpoint],
                                   error) ||
        !ShardFlags::apply(parser, f, &inv.profile, error))
        return std::nullopt;

    const QList<ValidationIssue> issues = ProfileValidator::validate(inv.profile);
    if (!issues.isEmpty()) {
        const ValidationIssue& first = issues.constFirst();
        // Same shape as the loader's messages: "p.json: plan.concurrencies: needs ...".
        const QString where = inv.outputs.profilePath.isEmpty() ? QStringLiteral("invalid settings")
                                                                : inv.outputs.profilePath;
        *error = QStringLiteral("%1: %2: %3").arg(where, first.field, first.message);
        if (issues.size() > 1)
            *error +=
                QStringLiteral(" (and %1 more; see plateau-cli validate)").arg(issues.size() - 1);
        return std::nullopt;
    }

    if (parser.isSet(f.transport)) {
        const QString transport = parser.value(f.transport);
        if (transport == QLatin1String("qt"))
            inv.engine.transport = EngineOptions::Transport::Qt;
        else if (transport != QLatin1String("auto")) {
            *error = QStringLiteral("--transport: \"%1\" is not auto or qt").arg(transport);
            return std::nullopt;
        }
    }

    if (parser.isSet(f.clientThreads) &&
        !readInt(parser, f.clientThreads, Limit::ClientThreads, &inv.engine.networkThreads, error))
        return std::nullopt;

    inv.outputs.outPath = parser.value(f.out);
    inv.outputs.csvPath = parser.value(f.csv);
    inv.outputs.vllmJsonPath = parser.value(f.vllm);
    inv.outputs.vllmDirPath = parser.value(f.vllmDir);
    inv.outputs.journalPath = parser.value(f.journal);
    inv.outputs.quiet = parser.isSet(f.quiet);
    if (!readAssertions(parser.values(f.assertion), &inv.assertions, error))
        return std::nullopt;
    return inv;
}

QString CliOptions::defaultJournalPath(const RunOutputs& outputs) {
    // "--out -" is standard output: no file to put the journal beside.
    if (!outputs.outPath.isEmpty() && outputs.outPath != QLatin1String("-")) {
        const QFileInfo out(outputs.outPath);
        QString base = out.fileName();
        if (base.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
            base.chop(5);
        return out.absoluteDir().filePath(base + QStringLiteral(".journal.jsonl"));
    }
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString name = QStringLiteral("plateau-run-%1-%2.jsonl")
                             .arg(stamp)
                             .arg(QCoreApplication::applicationPid());
    QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty() || !QDir().mkpath(dir + QStringLiteral("/journals")))
        return QDir(QDir::tempPath()).filePath(name);
    return dir + QStringLiteral("/journals/") + name;
}
