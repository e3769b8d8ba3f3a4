#include "sweep/sweepengine.h"

#include "common/monotonicclock.h"
#include "common/processcpu.h"
#include "common/urlredactor.h"
#include "load/closedloopdriver.h"
#include "load/openloopdriver.h"
#include "metrics/levelaggregator.h"
#include "metrics/sweepaggregator.h"
#include "sweep/idledriver.h"
#include "sweep/levelnotices.h"
#include "sweep/runstatestore.h"
#include "sweep/stoprules.h"
#include "transport/networkpool.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 kProbeCookie = -1;
constexpr int kTickMs = 200;

// The transport's message becomes a clause of "endpoint unreachable: ...": "Connection
// refused" loses its capital, but "TLS handshake failed" and a CA's subject keep theirs.
QString asClause(const QString& message) {
    if (message.size() >= 2 && message.at(0).isUpper() && message.at(1).isLower())
        return message.at(0).toLower() + message.mid(1);
    return message;
}
} // namespace

SweepEngine::SweepEngine(Setup setup, std::shared_ptr<RunStateStore> store)
    : m_setup(std::move(setup))
    , m_store(std::move(store))
    , m_unreachable(m_setup.options.unreachableAfter)
    , m_lagProbe(this)
    , m_tickTimer(this)
    , m_adaptive(m_setup.profile, m_setup.options)
    , m_barrierTimer(this) {
    m_tickTimer.setInterval(kTickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &SweepEngine::onTick);
    m_barrierTimer.setSingleShot(true);
    m_barrierTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_barrierTimer, &QTimer::timeout, this, [this] { scheduleLevel(m_waitingLevel); });
}

SweepEngine::~SweepEngine() {
    delete m_driver;
    delete m_pool; // aborts anything still running and joins the network threads
    // Nobody is left to tell of a failure now.
    m_journal.setFailureHandler({});
    m_journal.close();
    if (m_localEndpoint)
        m_localEndpoint->stop();
}

// Why the run will end, told now: the notice for a person, the reason and its detail for
// the result (the CLI's last line comes from them, even with --quiet).
void SweepEngine::noteStop(StopReason reason, const QString& message, const QString& detail) {
    Q_EMIT notice(message);
    m_stopReason = reason;
    m_stopDetail = detail.isEmpty() ? message : detail;
}

void SweepEngine::run() {
    if (m_state != State::Idle)
        return;
    m_header.startedAt = QDateTime::currentDateTimeUtc();
    m_header.runStartNs = MonotonicClock::nowNs();
    // What leaves the engine (results, journal, GUI) never carries the URL's credentials.
    m_header.profile = m_setup.profile;
    for (EndpointConfig& endpoint : m_header.profile.endpoints)
        endpoint.url = UrlRedactor::redacted(endpoint.url);
    if (m_cancelled) { // stopped before it began
        m_store->begin(m_header, RunProgress{});
        finishRun(StopReason::Cancelled);
        return;
    }
    if (!prepare()) {
        m_store->begin(m_header, RunProgress{});
        finishRun(m_stopReason);
        return;
    }
    m_header.endpointUrl = UrlRedactor::display(m_context->endpoint.url);
    m_progress.beginRun(m_levels);
    m_store->begin(m_header, m_progress.snapshot());
    if (m_journal.isOpen())
        m_journal.writeRunStart(m_header);
    // After the journal's run line; on its own thread: the load never waits for it.
    if (m_context->endpoint.serverMetrics.enabled) {
        m_serverMetrics = std::make_unique<ServerMetricsSession>();
        m_serverMetrics->setJournal(&m_journal);
        m_serverMetrics->setLiveStore(m_store);
        connect(m_serverMetrics.get(), &ServerMetricsSession::warning, this, &SweepEngine::notice);
        m_serverMetrics->begin(m_context->endpoint, m_context->apiKey, m_header.runStartNs);
    }
    m_lagProbe.start(m_setup.options.lagProbeIntervalMs);
    m_tickTimer.start();

    PromptSource prompts = m_setup.profile.prompts;
    if (m_workload.isActive()) // probes sized from the workload's own lengths
        prompts.inputTokens = m_workload.calibrationTargetTokens();
    if (prompts.kind == PromptSource::Kind::Synthetic && prompts.calibrate &&
        (!m_workload.isActive() || m_workload.calibrates())) {
        m_calibrator = std::make_unique<PromptCalibration>(prompts, m_setup.profile.plan.seed);
        startProbe(0);
    } else {
        scheduleLevel(0);
    }
}

void SweepEngine::startProbe(int index) {
    m_state = State::Probing;
    m_pool->submit(m_calibrator->probeJob(index, m_context, kProbeCookie));
}

void SweepEngine::onProbeFinished(const RequestRecord& record) {
    // Every probe is kept (a failed one with its error class), journaled as it finishes.
    m_calibrator->addProbe(record);
    if (m_journal.isOpen())
        m_journal.writeCalibrationProbe(record);
    if (m_state == State::Stopping) {
        endCalibration(m_calibrator->abandon(QStringLiteral("the run stopped during calibration")));
        finishRun(m_stopReason);
        return;
    }
    if (UnreachableDetector::isConnectFailure(record)) {
        const QString cause = asClause(record.errorMessage) + u" at " + endpointHostPort();
        const QString message = u"endpoint unreachable: " + cause;
        endCalibration(m_calibrator->abandon(message));
        noteStop(StopReason::Unreachable, message, cause);
        finishRun(StopReason::Unreachable);
        return;
    }
    if (m_calibrator->probesDone() < PromptCalibration::kProbes) {
        startProbe(m_calibrator->probesDone());
        return;
    }
    auto prompts = std::make_shared<PromptGenerator>(*m_context->prompts);
    const CalibrationInfo info = m_calibrator->finish(prompts.get());
    if (info.method != QLatin1String("none")) {
        auto context = std::make_shared<RunContext>(*m_context);
        context->prompts = prompts;
        m_context = context;
    }
    endCalibration(info);
    Q_EMIT notice(info.message);
    scheduleLevel(0);
}

void SweepEngine::endCalibration(const CalibrationInfo& info) {
    m_calibration = info;
    if (m_journal.isOpen())
        m_journal.writeCalibration(info);
}

void SweepEngine::scheduleLevel(int index) {
    m_state = State::Level;
    m_waitingLevel = -1;
    if (const qint64 waitMs = m_shard.waitMs(index); waitMs > 0) {
        m_waitingLevel = index;
        m_barrierTimer.start(int(std::min<qint64>(waitMs, 60000))); // re-checked on timeout
        return;
    }
    if (const QString late = m_shard.latenessNote(index); !late.isEmpty())
        Q_EMIT notice(late);
    startLevel(index);
}

void SweepEngine::startLevel(int index) {
    m_state = State::Level;
    const LevelSpec& spec = m_levels.at(index);
    m_lagProbe.takeSamplesMs(); // lag is measured per level
    m_pool->takeLagP99Ms();
    m_levelCpuStart = ProcessCpu::clientSeconds();
    m_levelEndNs = -1;

    const qint64 startNs = MonotonicClock::nowNs();
    m_levelInfo = LevelRunInfo{};
    m_levelInfo.index = index;
    m_levelInfo.isRate = spec.isRate;
    m_levelInfo.concurrency = spec.concurrency;
    m_levelInfo.rate = spec.rate;
    m_levelInfo.batchSize = spec.batchSize;
    if (spec.batchSize > 0 && spec.batchSize != m_context->batchSize) { // a batch-size sweep
        auto context = std::make_shared<RunContext>(*m_context);
        context->batchSize = spec.batchSize;
        m_context = context;
    }
    m_levelInfo.warmupRequests = spec.warmupRequests;
    m_levelInfo.startNs = startNs;

    auto issuer = [this](qint64 tSchedNs, bool warmup, qint64 cookie) {
        issue(tSchedNs, warmup, cookie);
    };
    ConversationUsers* users = m_workload.conversations();
    if (spec.isRate) {
        m_driver = new OpenLoopDriver(spec, issuer, this);
    } else if (spec.concurrency == 0) { // a shard with no share of this level keeps its time
        m_driver = new IdleDriver(spec, issuer, this);
    } else {
        auto* closedLoop = new ClosedLoopDriver(spec, issuer, this);
        if (users) // each worker a user: it thinks between the turns of its conversation
            closedLoop->setThinkTime([users](int slot) { return users->takeThinkNs(slot); });
        m_driver = closedLoop;
    }
    if (users)
        users->beginLevel();
    // Queued: the record that drained the level is journaled before the level closes.
    connect(m_driver, &LevelDriver::drained, this, &SweepEngine::onLevelDrained,
            Qt::QueuedConnection);

    m_adaptive.beginLevel(spec, startNs, m_pool->contentEvents());
    m_store->openLevel(m_levelInfo);
    if (m_journal.isOpen())
        m_journal.writeLevelStart(m_levelInfo);
    m_progress.beginLevel(index, startNs, m_pool->contentEvents());
    m_store->setProgress(m_progress.snapshot());
    Q_EMIT levelStarted(index, spec.label());
    m_driver->start(startNs);
}

void SweepEngine::issue(qint64 tSchedNs, bool warmup, qint64 cookie) {
    RequestJob job;
    job.seed.id = m_nextId++;
    job.seed.level = m_levelInfo.index;
    job.seed.warmup = warmup;
    job.seed.tSchedNs = tSchedNs;
    job.promptIndex = job.seed.id; // every request its own prompt
    job.cookie = cookie;
    job.context = m_context;
    if (m_workload.isActive())
        m_workload.applyTo(&job, *m_context->prompts);
    m_pool->submit(job);
}

void SweepEngine::onRequestFinished(qint64 cookie, const RequestRecord& record) {
    if (cookie == kProbeCookie) {
        onProbeFinished(record);
        return;
    }
    if (!m_driver)
        return;
    // Unreachable is decided before the driver sees the record, so no further request
    // is issued to an endpoint we already know is not there.
    if (m_state == State::Level && m_unreachable.feed(record)) {
        const QString cause = asClause(m_unreachable.lastError()) + u" at " + endpointHostPort();
        noteStop(StopReason::Unreachable, u"endpoint unreachable: " + cause, cause);
        abortRun(StopReason::Unreachable, QStringLiteral("run stopped: endpoint unreachable"));
    }
    // Scheduling first (the user's answer, the closed loop's next request), bookkeeping after.
    if (ConversationUsers* users = m_workload.conversations())
        users->onFinished(int(cookie), record);
    m_driver->onRequestFinished(cookie, record);
    if (!record.answerText.isEmpty()) { // the answer was for the user only: never kept
        RequestRecord kept = record;
        kept.answerText = QString();
        keepRecord(kept);
        return;
    }
    keepRecord(record);
}

void SweepEngine::keepRecord(const RequestRecord& record) {
    m_levelEndNs = std::max(m_levelEndNs, record.tEndNs);
    m_adaptive.onRecord(record);
    if (m_journal.isOpen())
        m_journal.writeRecord(record);
    m_store->appendRecord(record);
    m_progress.onRecord(record);
}

void SweepEngine::abortRun(StopReason reason, const QString& cancelMessage) {
    if (m_state == State::Stopping || m_state == State::Finished || m_state == State::Idle)
        return;
    const State previous = m_state;
    m_state = State::Stopping;
    m_stopReason = reason;
    if (m_waitingLevel >= 0) { // between levels, waiting for a shard's start time
        m_barrierTimer.stop();
        m_waitingLevel = -1;
        finishRun(reason);
        return;
    }
    if (previous == State::Level && m_driver)
        m_driver->stopIssuing();
    m_pool->abortAll(cancelMessage);
}

void SweepEngine::stop() {
    if (m_state == State::Stopping || m_state == State::Finished)
        return;
    if (m_state == State::Idle) { // run() not started yet: nothing to abort
        m_cancelled = true;
        return;
    }
    m_cancelled = true;
    Q_EMIT notice(QStringLiteral("run stopped by the user"));
    abortRun(StopReason::Cancelled, QStringLiteral("run stopped by the user"));
}

void SweepEngine::onLevelDrained() {
    if (!m_driver || m_state == State::Finished)
        return;
    const bool complete = m_state != State::Stopping;
    const qint64 now = MonotonicClock::nowNs();
    m_levelInfo.issueStopNs = m_driver->issueStopNs() >= 0 ? m_driver->issueStopNs() : now;
    m_levelInfo.endNs = m_levelEndNs >= 0 ? m_levelEndNs : now;
    m_levelInfo.clientCpuSeconds = ProcessCpu::clientSeconds() - m_levelCpuStart;
    m_levelInfo.eventLoopLagP99Ms =
        std::max(m_pool->takeLagP99Ms(), LagProbe::p99(m_lagProbe.takeSamplesMs()));
    m_levelInfo.complete = complete;
    m_levelInfo.stability = m_adaptive.stability(m_levelInfo); // until stable: how it ended
    if (const ConversationUsers* users = m_workload.conversations()) {
        m_levelInfo.conversationsStarted = users->started();
        m_levelInfo.conversationsCompleted = users->completed();
    }
    m_driver->deleteLater();
    m_driver = nullptr;

    // Aggregation runs here, on the engine thread, while nothing is in flight.
    // The level's records are the store's since openLevel(): one packed copy per run.
    RecordStore levelRecords;
    LevelRunInfo opened;
    m_store->openLevelSnapshot(&opened, &levelRecords);
    LevelSummary summary = LevelAggregator::summarize(m_levelInfo, levelRecords,
                                                      m_setup.profile.budget, m_header.runStartNs);
    if (const QString warning = summary.earlyStopWarning(); !warning.isEmpty())
        Q_EMIT notice(summary.label() + u": " + warning);
    if (const QString verdict = m_adaptive.verdict(m_levelInfo); complete && !verdict.isEmpty())
        Q_EMIT notice(summary.label() + u": " + verdict);
    for (const QString& text : LevelNotices::after(summary, m_workload.isTrace()))
        Q_EMIT notice(text);
    m_summaries.append(summary);
    const SweepSummary sweep = SweepAggregator::summarize(
        m_summaries, m_setup.profile.budget, m_setup.profile.plan.plateauGainThreshold);
    m_store->closeLevel(m_levelInfo, sweep);
    if (m_serverMetrics) // the level's server figures, before the GUI's next refresh
        m_serverMetrics->publishLevels(sweep.levels);
    if (m_journal.isOpen())
        m_journal.writeLevelEnd(m_levelInfo);
    m_progress.endLevel(now);
    m_store->setProgress(m_progress.snapshot());
    Q_EMIT levelFinished(sweep.levels.value(m_levelInfo.index, summary));

    if (complete)
        continueAfter(sweep);
    else
        finishRun(m_stopReason);
}

// After a complete level: the stop rules, the plan's next level, or refine's.
void SweepEngine::continueAfter(const SweepSummary& sweep) {
    const StopDecision decision = StopRules::afterLevel(
        m_setup.profile.plan, m_setup.profile.budget, sweep, m_levelInfo.index);
    // Refine levels break the budget on purpose: only errors stop them.
    if (decision.stop && (!m_adaptive.refining() || decision.reason == StopReason::ErrorRate)) {
        noteStop(decision.reason, decision.notice);
        // Past the budget or the plateau the plan's levels are done, not the search for
        // the exact boundary; errors end everything.
        if (decision.reason == StopReason::ErrorRate || !startRefineLevel(sweep))
            finishRun(decision.reason);
        else
            m_stopAfterRefine = decision.reason;
    } else if (!decision.stop && m_levelInfo.index + 1 < m_levels.size()) {
        scheduleLevel(m_levelInfo.index + 1);
    } else if (!startRefineLevel(sweep)) {
        finishRun(m_stopAfterRefine);
    }
}

// Refine (issue 13): one more level appended to the plan's; false when the search is over.
bool SweepEngine::startRefineLevel(const SweepSummary& sweep) {
    if (m_workload.isTrace())
        return false;
    QString text;
    const std::optional<LevelSpec> next =
        m_adaptive.nextRefineLevel(sweep, int(m_levels.size()), &text);
    if (!text.isEmpty())
        Q_EMIT notice(text);
    if (!next)
        return false;
    m_levels.append(*next);
    m_progress.addLevel(*next);
    startLevel(next->index);
    return true;
}

void SweepEngine::finishRun(StopReason reason) {
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_tickTimer.stop();
    m_lagProbe.stop();
    // The journal first: a failure of its last line or of close() is in the result.
    if (m_journal.isOpen()) {
        m_journal.writeRunEnd(reason, m_cancelled);
        m_journal.close();
    }
    RunResult result = m_store->result();
    result.stopReason = reason;
    result.stopDetail = m_stopDetail;
    result.cancelled = m_cancelled;
    result.calibration = m_calibration;
    if (m_serverMetrics) {
        m_serverMetrics->stop();
        result.serverMetrics = m_serverMetrics->snapshot(result.summary.levels);
    }
    m_store->finish(result);
    Q_EMIT finished(result);
}

void SweepEngine::onTick() {
    if (m_state != State::Level && m_state != State::Stopping)
        return;
    const qint64 now = MonotonicClock::nowNs();
    m_progress.tick(now, m_pool->contentEvents(), m_driver ? m_driver->inFlight() : 0);
    checkStability(now);
    m_store->setProgress(m_progress.snapshot());
}

// An "until stable" level ends issuing once its intervals are narrow enough (its maximum is
// the driver's own duration); in-flight requests then drain as at the end of any duration.
void SweepEngine::checkStability(qint64 nowNs) {
    if (!m_driver || !m_driver->isIssuing() || m_state != State::Level)
        return;
    RunProgress::Stability stability;
    if (m_adaptive.tick(nowNs, m_pool->contentEvents(), &stability))
        m_driver->stopIssuing();
    if (stability.active)
        m_progress.setStability(stability);
}

QString SweepEngine::endpointHostPort() const {
    const QUrl& url = m_context->endpoint.url;
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + u':' + QString::number(port);
}
