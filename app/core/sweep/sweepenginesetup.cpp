#include "sweep/sweepengine.h"

#include "common/secretmasker.h"
#include "profile/batchsizes.h"
#include "profile/profilevalidator.h"
#include "protocol/apiflavor.h"
#include "sweep/batchgrid.h"
#include "sweep/enginepoolfactory.h"
#include "sweep/runapikey.h"
#include "sweep/runstatestore.h"
#include "sweep/shardplan.h"
#include "transport/networkpool.h"
#include "transport/tlsconfigbuilder.h"

#include <algorithm>

// SweepEngine's setup, before the first request: the profile checked, the key resolved, the
// simulator started, prompts and workload read, the journal opened, the levels planned. The
// run itself is in sweepengine.cpp; one class, two files, so each stays readable.

bool SweepEngine::prepare() {
    EndpointConfig endpoint = m_setup.profile.endpoint();
    QString apiKey;
    if (!checkProfile(endpoint) || !resolveApiKey(endpoint, &apiKey))
        return false;
    SecretMasker::registerUrlSecrets(endpoint.url); // a server may echo them back

    if (endpoint.isBuiltinSimulator() && !startLocalEndpoint(&endpoint))
        return false;
    m_setup.profile.plan.seed = ShardPlan::seedFor(m_setup.profile.plan); // prompts per shard

    const Profile& profile = m_setup.profile;
    auto prompts = std::make_shared<PromptGenerator>(profile.prompts, profile.plan.seed);
    QString promptError;
    if (!prompts->load(&promptError)) {
        noteStop(StopReason::InvalidProfile, u"prompts: " + promptError);
        return false;
    }
    QString workloadError; // a dataset is read (and sampled) here, before any request
    if (!m_workload.prepare(profile, &workloadError)) {
        noteStop(StopReason::InvalidProfile, u"workload: " + workloadError);
        return false;
    }
    if (!m_workload.note().isEmpty())
        Q_EMIT notice(m_workload.note());

    if (!m_setup.journalPath.isEmpty() && !openJournal())
        return false;

    auto context = std::make_shared<RunContext>();
    context->endpoint = endpoint;
    context->apiKey = apiKey;
    context->maxTokens = profile.prompts.outputTokens;
    context->batchSize = profile.prompts.batchSizes.value(0, BatchSizes::kDefault);
    context->prompts = prompts;
    QString tlsError; // the CA and client certificate files, read once for the whole run
    if (endpoint.url.scheme() == QLatin1String("https") &&
        !TlsConfigBuilder::build(endpoint, &context->tls, &tlsError)) {
        noteStop(StopReason::InvalidProfile, u"TLS: " + tlsError);
        return false;
    }
    m_context = context;
    createPool(endpoint);

    for (int i = 0; i < profile.plan.levelCount(); ++i)
        m_levels.append(LevelSpec::fromPlan(profile.plan, i, m_setup.options));
    if (m_workload.isTrace()) // one level at the trace's own times replaces the plan's
        m_levels = {m_workload.trace()->level()};
    if (const auto flavor = ApiFlavor::create(endpoint.flavor); flavor && flavor->embeds())
        m_levels = BatchGrid::expand(m_levels, profile.prompts.batchSizes, profile.plan.seed);
    QString shardError;
    if (!m_shard.prepare(profile, m_workload.isTrace(), endpoint.url, m_header.runStartNs,
                         &m_levels, &m_header.shard, &shardError)) {
        noteStop(StopReason::InvalidProfile, u"invalid profile: " + shardError);
        return false;
    }
    const LevelSpec& first = m_levels.first();
    m_unreachable.setThreshold(first.isDurationBound() ? m_setup.options.unreachableAfter
                                                       : std::min(m_setup.options.unreachableAfter,
                                                                  first.totalRequests()));
    return true;
}

bool SweepEngine::checkProfile(const EndpointConfig& endpoint) {
    const QList<ValidationIssue> issues = ProfileValidator::validate(m_setup.profile);
    if (!issues.isEmpty()) {
        // Every issue is told; the detail keeps the first (the CLI's one-line refusal).
        for (const ValidationIssue& issue : issues)
            Q_EMIT notice(u"invalid profile: " + issue.field + u": " + issue.message);
        m_stopReason = StopReason::InvalidProfile;
        m_stopDetail =
            u"invalid profile: " + issues.constFirst().field + u": " + issues.constFirst().message;
        return false;
    }
    if (!ApiFlavor::create(endpoint.flavor)) {
        noteStop(StopReason::InvalidProfile,
                 u"invalid profile: unknown API flavor \"" + endpoint.flavor + u'"');
        return false;
    }
    return true;
}

bool SweepEngine::resolveApiKey(const EndpointConfig& endpoint, QString* apiKey) {
    QString error;
    if (RunApiKey::resolve(endpoint, m_setup.hasApiKey, m_setup.apiKey, apiKey, &error))
        return true;
    noteStop(StopReason::InvalidProfile, u"API key: " + error);
    return false;
}

void SweepEngine::createPool(const EndpointConfig& endpoint) {
    m_pool = EnginePoolFactory::create(endpoint, m_setup.options, this);
    connect(m_pool, &NetworkPool::requestFinished, this, &SweepEngine::onRequestFinished);
}

// A "sim://PRESET" endpoint runs against what the run's owner injected; the run then talks to
// it by its loopback URL like to any other endpoint.
bool SweepEngine::startLocalEndpoint(EndpointConfig* endpoint) {
    QString error;
    if (m_setup.localEndpoints)
        m_localEndpoint = m_setup.localEndpoints(endpoint->simulatorPreset(), &error);
    else
        error = QStringLiteral("this program has no built-in simulator");
    if (!m_localEndpoint || !m_localEndpoint->start(&error)) {
        noteStop(StopReason::Error, u"the built-in simulator could not start: " + error);
        return false;
    }
    endpoint->url = m_localEndpoint->baseUrl();
    return true;
}

bool SweepEngine::openJournal() {
    QString error;
    QString note;
    if (!m_journal.open(m_setup.journalPath, &error, &note)) {
        noteStop(StopReason::Error, u"cannot write the journal: " + error);
        return false;
    }
    if (!note.isEmpty())
        Q_EMIT notice(note);
    m_header.journal.path = m_journal.path();
    // The first failed write, at once: the run goes on in memory and says so (the result
    // records it too, so the GUI banner and the results file show it).
    m_journal.setFailureHandler([this](const QString& journalError) {
        m_store->setJournalError(journalError);
        Q_EMIT journalFailed(journalError +
                             u"; the journal stops here (a crash now would lose the rest), "
                             u"the run goes on in memory and its results are written at the "
                             u"end as usual");
    });
    return true;
}
