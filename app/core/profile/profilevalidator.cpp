#include "profile/profilevalidator.h"

#include "common/headertext.h"
#include "common/inputlimits.h"
#include "common/simpresets.h"
#include "common/terminalsafe.h"
#include "profile/apikeyresolver.h"
#include "profile/batchsizes.h"
#include "profile/latencymetric.h"
#include "profile/planreach.h"
#include "profile/pricejson.h"
#include "profile/shardjson.h"
#include "profile/untilstablejson.h"

#include <QFileInfo>
#include <cmath>

namespace {
QString at(const QString& path, qsizetype index) {
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

using Limit = InputLimits::Field;

class IssueList {
public:
    void add(const QString& field, const QString& message) { m_issues.append({field, message}); }
    // The shared bound (InputLimits) of the field: the command line checks the same one.
    void bounded(const QString& field, Limit limit, double value) {
        const QString why = InputLimits::check(limit, value);
        if (!why.isEmpty())
            add(field, why);
    }
    // A list or a text no longer than its bound allows.
    void sized(const QString& field, Limit limit, qsizetype size, const QString& unit) {
        const double max = InputLimits::bound(limit).max;
        if (double(size) > max)
            add(field, QStringLiteral("has %1 %2; at most %3 are allowed")
                           .arg(size)
                           .arg(unit)
                           .arg(qint64(max)));
    }
    QList<ValidationIssue> take() { return std::move(m_issues); }

private:
    QList<ValidationIssue> m_issues;
};

// The flavors that take the model from the URL rather than from a "model" field.
bool modelInUrl(const EndpointConfig& e) {
    const QString path = e.url.path();
    if (e.flavor == QLatin1String("databricks"))
        return path.contains(QLatin1String("/serving-endpoints/")) &&
               path.contains(QLatin1String("/invocations"));
    if (e.flavor == QLatin1String("azure-openai"))
        return path.contains(QLatin1String("/deployments/"));
    return false;
}

// Headers whose value is a credential; the API key reference is the only place for one.
bool isCredentialHeader(const QString& name) {
    static const QStringList names = {
        QStringLiteral("authorization"), QStringLiteral("proxy-authorization"),
        QStringLiteral("api-key"), QStringLiteral("x-api-key"), QStringLiteral("cookie")};
    return names.contains(name.trimmed().toLower());
}

void checkHeaders(const EndpointConfig& e, const QString& path, IssueList* issues) {
    const QString list = path + QStringLiteral(".headers");
    issues->sized(list, Limit::Headers, e.headers.size(), QStringLiteral("headers"));
    for (qsizetype i = 0; i < e.headers.size(); ++i) {
        const QString& name = e.headers.at(i).first;
        const QString& value = e.headers.at(i).second;
        const QString field = at(list, i);
        if (!HeaderText::isValidName(name))
            issues->add(field + QStringLiteral(".name"),
                        QStringLiteral("is not a valid HTTP header name"));
        else if (isCredentialHeader(name))
            // A header lands in the profile file, the results and the journal in clear.
            issues->add(field + QStringLiteral(".name"),
                        QStringLiteral("carries a secret: give the key through api_key "
                                       "(${env:NAME}) instead of a header"));
        else
            issues->sized(field + QStringLiteral(".name"), Limit::HeaderNameChars, name.size(),
                          QStringLiteral("characters"));
        // A line break would end the header line and start another one on the wire.
        const QString problem = HeaderText::valueProblem(value);
        if (!problem.isEmpty())
            issues->add(field + QStringLiteral(".value"),
                        QStringLiteral("the value of header \"%1\" contains %2; a header value "
                                       "must be one line without control characters")
                            .arg(TerminalSafe::escape(name), problem));
        issues->sized(field + QStringLiteral(".value"), Limit::HeaderValueChars, value.size(),
                      QStringLiteral("characters"));
    }
}

void checkUrl(const EndpointConfig& e, const QString& urlField, IssueList* issues) {
    const QString scheme = e.url.scheme();
    QString why;
    if (e.url.isEmpty())
        issues->add(urlField, QStringLiteral("is empty; enter an http(s) URL or sim:PRESET"));
    else if (!e.url.isValid())
        issues->add(urlField, QStringLiteral("is not a valid URL"));
    else if (scheme == QLatin1String("sim")) {
        // The same check as `plateau-cli sim --preset`: an unknown name never runs the default.
        if (!SimPresets::check(e.simulatorPreset(), &why))
            issues->add(urlField, why);
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        issues->add(urlField, QStringLiteral("must be an http(s) URL or sim:PRESET"));
    else if (e.url.host().isEmpty())
        issues->add(urlField, QStringLiteral("has no host"));
    else if (!e.url.userInfo().isEmpty() && !e.apiKeyRef.isEmpty())
        // Both would claim the Authorization header (or the server would get two credentials).
        issues->add(urlField,
                    QStringLiteral("carries user:password credentials and an API key is set too; "
                                   "use one of them"));
    issues->sized(urlField, Limit::UrlChars, e.url.toString(QUrl::FullyEncoded).size(),
                  QStringLiteral("characters"));
}

// Mutual TLS needs the certificate and its key; a passphrase only with a key, and only
// as a reference (the files themselves are read, capped, when the run starts).
void checkTls(const EndpointConfig& e, const QString& path, IssueList* issues) {
    if (e.clientCertFile.isEmpty() != e.clientKeyFile.isEmpty())
        issues->add(path + (e.clientKeyFile.isEmpty() ? QStringLiteral(".client_key")
                                                      : QStringLiteral(".client_cert")),
                    QStringLiteral("mutual TLS needs both client_cert and client_key"));
    if (!e.clientKeyPassphraseRef.isEmpty() &&
        !ApiKeyResolver::isEnvReference(e.clientKeyPassphraseRef))
        issues->add(path + QStringLiteral(".client_key_passphrase"),
                    QStringLiteral("must refer to the passphrase (${env:NAME}), never hold it"));
    else if (!e.clientKeyPassphraseRef.isEmpty() && e.clientKeyFile.isEmpty())
        issues->add(path + QStringLiteral(".client_key_passphrase"),
                    QStringLiteral("is set but there is no client_key to unlock"));
    for (const auto& [field, file] : {std::pair{QStringLiteral(".ca_cert"), e.caCertFile},
                                      std::pair{QStringLiteral(".client_cert"), e.clientCertFile},
                                      std::pair{QStringLiteral(".client_key"), e.clientKeyFile}})
        issues->sized(path + field, Limit::UrlChars, file.size(), QStringLiteral("characters"));
}

void checkEndpoint(const EndpointConfig& e, const QString& path, IssueList* issues) {
    checkUrl(e, path + QStringLiteral(".url"), issues);

    if (!ProfileValidator::flavors().contains(e.flavor))
        issues->add(path + QStringLiteral(".flavor"),
                    QStringLiteral("unknown API flavor; use one of ") +
                        ProfileValidator::flavors().join(QStringLiteral(", ")));
    if (e.model.trimmed().isEmpty() && !modelInUrl(e))
        issues->add(path + QStringLiteral(".model"), QStringLiteral("is empty; name the model"));
    issues->sized(path + QStringLiteral(".model"), Limit::ModelChars, e.model.size(),
                  QStringLiteral("characters"));
    if (e.flavor == QLatin1String("azure-openai") && e.apiVersion.trimmed().isEmpty())
        issues->add(path + QStringLiteral(".api_version"),
                    QStringLiteral("Azure OpenAI needs an api-version (e.g. 2024-10-21)"));
    if (!ApiKeyResolver::isReference(e.apiKeyRef))
        issues->add(path + QStringLiteral(".api_key"),
                    QStringLiteral("must refer to the key (${env:NAME} or keychain:ENTRY), "
                                   "never hold it"));
    checkHeaders(e, path, issues);
    checkTls(e, path, issues);
    QString priceField;
    const QString priceProblem = PriceJson::problem(e.price, &priceField);
    if (!priceProblem.isEmpty())
        issues->add(path + QStringLiteral(".price.") + priceField, priceProblem);
    const QString timeouts = path + QStringLiteral(".timeouts.");
    issues->bounded(timeouts + QStringLiteral("connect_s"), Limit::TimeoutS, e.connectTimeoutS);
    issues->bounded(timeouts + QStringLiteral("first_token_s"), Limit::TimeoutS,
                    e.firstTokenTimeoutS);
    issues->bounded(timeouts + QStringLiteral("idle_s"), Limit::TimeoutS, e.idleTimeoutS);
    issues->bounded(timeouts + QStringLiteral("total_s"), Limit::TimeoutS, e.totalTimeoutS);
}

// A latency metric or statistic set in code (the JSON reader already refuses other names)
// that the field does not take: a budget on the queue time, an until-stable max.
template <class Enum>
void checkLatencyField(const QString& field, const QList<Enum>& allowed, Enum value,
                       IssueList* issues) {
    if (!allowed.contains(value))
        issues->add(field, QStringLiteral("must be one of ") +
                               LatencyNames::keys(allowed).join(QStringLiteral(", ")));
}

// "until stable": targets a level can reach (not 0, not wider than the figure itself) and a
// minimum that is not above the maximum.
void checkUntilStable(const SweepPlan::UntilStable& u, IssueList* issues) {
    if (!u.enabled)
        return;
    const QString path = QStringLiteral("plan.until_stable.");
    const auto halfWidth = [&](const QString& field, double value) {
        if (!(value >= UntilStableJson::kMinHalfWidth && value <= UntilStableJson::kMaxHalfWidth))
            issues->add(path + field, QStringLiteral("must be between 0.1% and 100% (a relative "
                                                     "half-width)"));
    };
    halfWidth(QStringLiteral("throughput_half_width"), u.throughputHalfWidth);
    halfWidth(QStringLiteral("latency_half_width"), u.latencyHalfWidth);
    checkLatencyField(path + QStringLiteral("metric"), UntilStableJson::metrics(), u.metric,
                      issues);
    checkLatencyField(path + QStringLiteral("stat"), UntilStableJson::stats(), u.stat, issues);
    if (!(u.minSeconds >= UntilStableJson::kMinSeconds &&
          u.maxSeconds <= UntilStableJson::kMaxSeconds))
        issues->add(path + QStringLiteral("max_s"),
                    QStringLiteral("the level lasts between 1 s and 7 days"));
    else if (u.minSeconds > u.maxSeconds)
        issues->add(path + QStringLiteral("min_s"), QStringLiteral("must not exceed max_s"));
}

void checkPlan(const SweepPlan& p, IssueList* issues) {
    if (p.mode == SweepPlan::Mode::Concurrency) {
        const QString field = QStringLiteral("plan.concurrencies");
        if (p.concurrencies.isEmpty())
            issues->add(field, QStringLiteral("needs at least one level"));
        issues->sized(field, Limit::LevelCount, p.concurrencies.size(), QStringLiteral("levels"));
        for (qsizetype i = 0; i < p.concurrencies.size(); ++i)
            issues->bounded(at(field, i), Limit::ConcurrencyLevel, p.concurrencies.at(i));
    } else {
        const QString field = QStringLiteral("plan.rates");
        if (p.rates.isEmpty())
            issues->add(field, QStringLiteral("needs at least one level"));
        issues->sized(field, Limit::LevelCount, p.rates.size(), QStringLiteral("levels"));
        for (qsizetype i = 0; i < p.rates.size(); ++i)
            issues->bounded(at(field, i), Limit::Rate, p.rates.at(i));
        issues->bounded(QStringLiteral("plan.burstiness"), Limit::Burstiness, p.burstiness);
        if (p.maxConcurrency < 0)
            issues->add(QStringLiteral("plan.max_concurrency"),
                        QStringLiteral("must be 0 (no cap) or more"));
        else
            issues->bounded(QStringLiteral("plan.max_concurrency"), Limit::MaxConcurrency,
                            p.maxConcurrency);
    }
    // duration wins when > 0, else the request count decides: one of them must be set.
    issues->bounded(QStringLiteral("plan.requests_per_level"), Limit::RequestsPerLevel,
                    p.requestsPerLevel);
    const QString duration = InputLimits::check(Limit::DurationPerLevelS, p.durationPerLevelS);
    if (!duration.isEmpty())
        issues->add(QStringLiteral("plan.duration_per_level_s"), duration);
    else if (p.durationPerLevelS == 0 && p.requestsPerLevel <= 0 && !p.untilStable.enabled)
        issues->add(QStringLiteral("plan.duration_per_level_s"),
                    QStringLiteral("set a duration or a request count per level greater than 0"));
    issues->bounded(QStringLiteral("plan.warmup_requests"), Limit::WarmupRequests,
                    p.warmupRequests);
    checkUntilStable(p.untilStable, issues);
    if (p.refine.enabled && (p.refine.maxLevels < 1 || p.refine.maxLevels > 20))
        issues->add(QStringLiteral("plan.refine.max_levels"),
                    QStringLiteral("must be 1 to 20 extra levels"));
    if (p.repeat < 1 || p.repeat > SweepPlan::kMaxRepeat)
        issues->add(QStringLiteral("plan.repeat"),
                    QStringLiteral("must be 1 to %1 runs of the sweep").arg(SweepPlan::kMaxRepeat));
    if (p.interleaveWith.size() > SweepPlan::kMaxInterleaveLength)
        issues->add(QStringLiteral("plan.interleave_with"),
                    QStringLiteral("at most %1 characters").arg(SweepPlan::kMaxInterleaveLength));
    else if (!p.interleaveWith.isEmpty() &&
             (p.untilStable.enabled || p.refine.enabled || p.shard.isSharded()))
        // Each side runs its levels as separate one-level sweeps, so a rule that decides from
        // the levels before (refine), a per-level stop that makes A and B last differently
        // (until stable) or a wall-clock schedule shared with other machines (shard) cannot hold.
        issues->add(
            QStringLiteral("plan.interleave_with"),
            QStringLiteral("interleaving two endpoints cannot be combined with "
                           "until-stable levels, refine or sharding: run those without it"));
    issues->bounded(QStringLiteral("plan.max_error_rate"), Limit::MaxErrorRate, p.maxErrorRate);
    issues->bounded(QStringLiteral("plan.plateau_gain_threshold"), Limit::PlateauGain,
                    p.plateauGainThreshold);
}

void checkPrompts(const PromptSource& s, IssueList* issues) {
    if (s.kind == PromptSource::Kind::Synthetic)
        issues->bounded(QStringLiteral("prompts.input_tokens"), Limit::InputTokens, s.inputTokens);
    issues->bounded(QStringLiteral("prompts.output_tokens"), Limit::OutputTokens, s.outputTokens);
    if (s.kind == PromptSource::Kind::File) {
        const QFileInfo info(s.file);
        if (s.file.isEmpty())
            issues->add(QStringLiteral("prompts.file"),
                        QStringLiteral("choose a JSONL prompt file"));
        else if (!info.exists())
            issues->add(QStringLiteral("prompts.file"), QStringLiteral("no such file"));
        else if (!info.isFile() || !info.isReadable())
            issues->add(QStringLiteral("prompts.file"), QStringLiteral("is not a readable file"));
    }
}

// A file the workload reads: named, there and readable.
void checkInputFile(const QString& field, const QString& path, const QString& what,
                    IssueList* issues) {
    const QFileInfo info(path);
    if (path.isEmpty())
        issues->add(field, QStringLiteral("choose ") + what);
    else if (!info.exists())
        issues->add(field, QStringLiteral("no such file"));
    else if (!info.isFile() || !info.isReadable())
        issues->add(field, QStringLiteral("is not a readable file"));
}

void checkWorkload(const WorkloadSettings& w, IssueList* issues) {
    if (w.input)
        if (const QString why = w.input->validate(); !why.isEmpty())
            issues->add(QStringLiteral("workload.input"), why);
    if (w.output)
        if (const QString why = w.output->validate(); !why.isEmpty())
            issues->add(QStringLiteral("workload.output"), why);
    const bool usesDataset =
        w.kind == WorkloadSettings::Kind::Dataset ||
        (w.kind == WorkloadSettings::Kind::Conversations && !w.dataset.path.isEmpty());
    if (usesDataset)
        checkInputFile(QStringLiteral("workload.dataset.path"), w.dataset.path,
                       QStringLiteral("a dataset file"), issues);
    if (w.dataset.minPromptWords > w.dataset.maxPromptWords)
        issues->add(QStringLiteral("workload.dataset.min_prompt_words"),
                    QStringLiteral("is above max_prompt_words"));
    if (w.kind == WorkloadSettings::Kind::Trace)
        checkInputFile(QStringLiteral("workload.trace.path"), w.trace.path,
                       QStringLiteral("a trace file (JSONL)"), issues);
    if (w.sharedPrefix.enabled && w.kind != WorkloadSettings::Kind::Synthetic)
        issues->add(QStringLiteral("workload.shared_prefix.enabled"),
                    QStringLiteral("shared prefixes go with synthetic prompts only"));
}

void checkBudget(const LatencyBudget& b, IssueList* issues) {
    issues->sized(QStringLiteral("budget.limits"), Limit::BudgetLimits, b.limits.size(),
                  QStringLiteral("limits"));
    for (qsizetype i = 0; i < b.limits.size(); ++i) {
        const LatencyLimit& limit = b.limits.at(i);
        const QString path = at(QStringLiteral("budget.limits"), i);
        checkLatencyField(path + QStringLiteral(".metric"), LatencyNames::budgetMetrics(),
                          limit.metric, issues);
        checkLatencyField(path + QStringLiteral(".stat"), LatencyNames::budgetStats(), limit.stat,
                          issues);
        issues->bounded(path + QStringLiteral(".max_ms"), Limit::BudgetMs, limit.maxMs);
    }
}
} // namespace

QStringList ProfileValidator::flavors() {
    return {QStringLiteral("openai-chat"),
            QStringLiteral("openai-completions"),
            QStringLiteral("databricks"),
            QStringLiteral("azure-openai"),
            QStringLiteral("anthropic"),
            QStringLiteral("openai-responses"),
            QStringLiteral("tgi"),
            QStringLiteral("ollama"),
            QStringLiteral("openai-embeddings")};
}

QList<ValidationIssue> ProfileValidator::validate(const Profile& profile) {
    IssueList issues;
    if (profile.endpoints.isEmpty())
        issues.add(QStringLiteral("endpoints"), QStringLiteral("needs at least one endpoint"));
    else if (profile.activeEndpoint < 0 || profile.activeEndpoint >= profile.endpoints.size())
        issues.add(QStringLiteral("active_endpoint"), QStringLiteral("names no endpoint"));
    issues.sized(QStringLiteral("endpoints"), Limit::Endpoints, profile.endpoints.size(),
                 QStringLiteral("endpoints"));
    for (qsizetype i = 0; i < profile.endpoints.size(); ++i)
        checkEndpoint(profile.endpoints.at(i), at(QStringLiteral("endpoints"), i), &issues);
    checkPlan(profile.plan, &issues);
    // Fewer requests per level than workers: the level can never hold its concurrency.
    if (const QString reach = PlanReach::problem(profile.plan); !reach.isEmpty())
        issues.add(QStringLiteral("plan.requests_per_level"), reach);
    checkPrompts(profile.prompts, &issues);
    checkWorkload(profile.workload, &issues);
    checkBudget(profile.budget, &issues);
    for (const auto& [field, message] : BatchSizes::problems(profile))
        issues.add(field, message);
    for (const auto& [field, message] : ShardJson::problems(profile.plan))
        issues.add(field, message);
    if (profile.plan.refine.enabled && profile.budget.isEmpty())
        issues.add(QStringLiteral("plan.refine"),
                   QStringLiteral("needs a latency budget: it looks for the largest load that "
                                  "meets it"));
    return issues.take();
}

QString ProfileValidator::summary(const QList<ValidationIssue>& issues) {
    QStringList parts;
    for (const ValidationIssue& issue : issues)
        parts.append(issue.field + QStringLiteral(": ") + issue.message);
    return parts.join(QStringLiteral("; "));
}
