#include "profilevalidator.h"

#include "apikeyresolver.h"
#include "planreach.h"

#include <QFileInfo>
#include <cmath>

namespace {
QString at(const QString& path, qsizetype index) {
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

class IssueList {
public:
    void add(const QString& field, const QString& message) { m_issues.append({field, message}); }
    void positive(const QString& field, double value) {
        if (!(value > 0) || !std::isfinite(value))
            add(field, QStringLiteral("must be greater than 0"));
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

bool isHeaderToken(const QString& name) {
    // RFC 9110 token characters: what Qt would otherwise send verbatim or reject late.
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || extra.contains(c)))
            return false;
    }
    return true;
}

void checkEndpoint(const EndpointConfig& e, const QString& path, IssueList* issues) {
    const QString scheme = e.url.scheme();
    const QString urlField = path + QStringLiteral(".url");
    if (e.url.isEmpty())
        issues->add(urlField, QStringLiteral("is empty; enter an http(s) URL or sim:PRESET"));
    else if (!e.url.isValid())
        issues->add(urlField, QStringLiteral("is not a valid URL"));
    else if (scheme == QLatin1String("sim")) {
        if (e.simulatorPreset().isEmpty())
            issues->add(urlField, QStringLiteral("names no simulator preset (sim:default)"));
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        issues->add(urlField, QStringLiteral("must be an http(s) URL or sim:PRESET"));
    else if (e.url.host().isEmpty())
        issues->add(urlField, QStringLiteral("has no host"));

    if (!ProfileValidator::flavors().contains(e.flavor))
        issues->add(path + QStringLiteral(".flavor"),
                    QStringLiteral("unknown API flavor; use one of ") +
                        ProfileValidator::flavors().join(QStringLiteral(", ")));
    if (e.model.trimmed().isEmpty() && !modelInUrl(e))
        issues->add(path + QStringLiteral(".model"), QStringLiteral("is empty; name the model"));
    if (e.flavor == QLatin1String("azure-openai") && e.apiVersion.trimmed().isEmpty())
        issues->add(path + QStringLiteral(".api_version"),
                    QStringLiteral("Azure OpenAI needs an api-version (e.g. 2024-10-21)"));
    if (!ApiKeyResolver::isReference(e.apiKeyRef))
        issues->add(path + QStringLiteral(".api_key"),
                    QStringLiteral("must refer to the key (${env:NAME} or keychain:ENTRY), "
                                   "never hold it"));
    for (qsizetype i = 0; i < e.headers.size(); ++i) {
        if (!isHeaderToken(e.headers.at(i).first))
            issues->add(at(path + QStringLiteral(".headers"), i) + QStringLiteral(".name"),
                        QStringLiteral("is not a valid HTTP header name"));
        else if (isCredentialHeader(e.headers.at(i).first))
            // A header lands in the profile file, the results and the journal in clear.
            issues->add(at(path + QStringLiteral(".headers"), i) + QStringLiteral(".name"),
                        QStringLiteral("carries a secret: give the key through api_key "
                                       "(${env:NAME}) instead of a header"));
    }
    const QString timeouts = path + QStringLiteral(".timeouts.");
    issues->positive(timeouts + QStringLiteral("connect_s"), e.connectTimeoutS);
    issues->positive(timeouts + QStringLiteral("first_token_s"), e.firstTokenTimeoutS);
    issues->positive(timeouts + QStringLiteral("idle_s"), e.idleTimeoutS);
    issues->positive(timeouts + QStringLiteral("total_s"), e.totalTimeoutS);
}

void checkPlan(const SweepPlan& p, IssueList* issues) {
    if (p.mode == SweepPlan::Mode::Concurrency) {
        if (p.concurrencies.isEmpty())
            issues->add(QStringLiteral("plan.concurrencies"),
                        QStringLiteral("needs at least one level"));
        for (qsizetype i = 0; i < p.concurrencies.size(); ++i) {
            if (p.concurrencies.at(i) <= 0)
                issues->add(at(QStringLiteral("plan.concurrencies"), i),
                            QStringLiteral("must be greater than 0"));
        }
    } else {
        if (p.rates.isEmpty())
            issues->add(QStringLiteral("plan.rates"), QStringLiteral("needs at least one level"));
        for (qsizetype i = 0; i < p.rates.size(); ++i)
            issues->positive(at(QStringLiteral("plan.rates"), i), p.rates.at(i));
        issues->positive(QStringLiteral("plan.burstiness"), p.burstiness);
        if (p.maxConcurrency < 0)
            issues->add(QStringLiteral("plan.max_concurrency"),
                        QStringLiteral("must be 0 (no cap) or more"));
    }
    // duration wins when > 0, else the request count decides: one of them must be set.
    if (p.requestsPerLevel < 0)
        issues->add(QStringLiteral("plan.requests_per_level"),
                    QStringLiteral("must not be negative"));
    if (!(p.durationPerLevelS >= 0) || !std::isfinite(p.durationPerLevelS))
        issues->add(QStringLiteral("plan.duration_per_level_s"),
                    QStringLiteral("must not be negative"));
    else if (p.durationPerLevelS == 0 && p.requestsPerLevel <= 0)
        issues->add(QStringLiteral("plan.duration_per_level_s"),
                    QStringLiteral("set a duration or a request count per level greater than 0"));
    if (p.warmupRequests < 0)
        issues->add(QStringLiteral("plan.warmup_requests"), QStringLiteral("must not be negative"));
    if (!(p.maxErrorRate >= 0 && p.maxErrorRate <= 1))
        issues->add(QStringLiteral("plan.max_error_rate"),
                    QStringLiteral("must be between 0 and 1"));
    if (!(p.plateauGainThreshold >= 0) || !std::isfinite(p.plateauGainThreshold))
        issues->add(QStringLiteral("plan.plateau_gain_threshold"),
                    QStringLiteral("must not be negative"));
}

void checkPrompts(const PromptSource& s, IssueList* issues) {
    if (s.kind == PromptSource::Kind::Synthetic && s.inputTokens <= 0)
        issues->add(QStringLiteral("prompts.input_tokens"),
                    QStringLiteral("must be greater than 0"));
    if (s.outputTokens <= 0)
        issues->add(QStringLiteral("prompts.output_tokens"),
                    QStringLiteral("must be greater than 0"));
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

void checkBudget(const LatencyBudget& b, IssueList* issues) {
    for (qsizetype i = 0; i < b.limits.size(); ++i) {
        const LatencyLimit& limit = b.limits.at(i);
        const QString path = at(QStringLiteral("budget.limits"), i);
        if (!ProfileValidator::budgetMetrics().contains(limit.metric))
            issues->add(path + QStringLiteral(".metric"),
                        QStringLiteral("must be one of ") +
                            ProfileValidator::budgetMetrics().join(QStringLiteral(", ")));
        if (!ProfileValidator::budgetStats().contains(limit.stat))
            issues->add(path + QStringLiteral(".stat"),
                        QStringLiteral("must be one of ") +
                            ProfileValidator::budgetStats().join(QStringLiteral(", ")));
        issues->positive(path + QStringLiteral(".max_ms"), limit.maxMs);
    }
}
} // namespace

QStringList ProfileValidator::flavors() {
    return {QStringLiteral("openai-chat"), QStringLiteral("openai-completions"),
            QStringLiteral("databricks"), QStringLiteral("azure-openai")};
}

QStringList ProfileValidator::budgetMetrics() {
    return {QStringLiteral("ttft"), QStringLiteral("tpot"), QStringLiteral("e2e"),
            QStringLiteral("itl")};
}

QStringList ProfileValidator::budgetStats() {
    return {QStringLiteral("mean"), QStringLiteral("p50"), QStringLiteral("p90"),
            QStringLiteral("p95"),  QStringLiteral("p99"), QStringLiteral("max")};
}

QList<ValidationIssue> ProfileValidator::validate(const Profile& profile) {
    IssueList issues;
    if (profile.endpoints.isEmpty())
        issues.add(QStringLiteral("endpoints"), QStringLiteral("needs at least one endpoint"));
    else if (profile.activeEndpoint < 0 || profile.activeEndpoint >= profile.endpoints.size())
        issues.add(QStringLiteral("active_endpoint"), QStringLiteral("names no endpoint"));
    for (qsizetype i = 0; i < profile.endpoints.size(); ++i)
        checkEndpoint(profile.endpoints.at(i), at(QStringLiteral("endpoints"), i), &issues);
    checkPlan(profile.plan, &issues);
    // Fewer requests per level than workers: the level can never hold its concurrency.
    if (const QString reach = PlanReach::problem(profile.plan); !reach.isEmpty())
        issues.add(QStringLiteral("plan.requests_per_level"), reach);
    checkPrompts(profile.prompts, &issues);
    checkBudget(profile.budget, &issues);
    return issues.take();
}

QString ProfileValidator::summary(const QList<ValidationIssue>& issues) {
    QStringList parts;
    for (const ValidationIssue& issue : issues)
        parts.append(issue.field + QStringLiteral(": ") + issue.message);
    return parts.join(QStringLiteral("; "));
}
