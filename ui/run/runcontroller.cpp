#include "run/runcontroller.h"

#include "common/secretmasker.h"
#include "common/urlredactor.h"
#include "models/runcollection.h"
#include "profile/apikeyresolver.h"
#include "sim/simlocalendpoint.h"
#include "sweep/interleaverunner.h"
#include "sweep/sweeprunner.h"
#include "system/keychainstore.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
constexpr int baseIntervalMs = 125; // 8 Hz
constexpr int maxIntervalMs = 1000;

// The run's copy of the profile is what the GUI shows and saves with its results: without
// the URL's credentials, as the engine's own copy (results, journal).
Profile shownCopy(const Profile& profile) {
    Profile shown = profile;
    for (EndpointConfig& endpoint : shown.endpoints)
        endpoint.url = UrlRedactor::redacted(endpoint.url);
    return shown;
}
} // namespace

RunController::RunController(RunCollection* runs, QObject* parent)
    : QObject(parent)
    , m_runs(runs) {
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(u"plateau-live-summary"_s);
    m_clock.start();
    m_timer.setInterval(baseIntervalMs);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunController::refresh);
}

RunController::~RunController() {
    drainJobs();
    if (m_interleave && m_running)
        m_interleave->stop();
    if (m_runner && m_running)
        m_runner->stop();
}

QString RunController::newJournalPath() {
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/runs"_s;
    QDir().mkpath(dir);
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString path = dir + u'/' + stamp + u".jsonl"_s;
    for (int n = 2; QFile::exists(path); ++n)
        path = dir + u'/' + stamp + u'-' + QString::number(n) + u".jsonl"_s;
    return path;
}

void RunController::start(const Profile& profile) {
    if (m_running || m_starting)
        return;
    const EndpointConfig& endpoint = profile.endpoint();
    if (!ApiKeyResolver::isKeychainReference(endpoint.apiKeyRef)) {
        launch(profile, std::nullopt);
        return;
    }
    // The keychain answers asynchronously; the secret goes to the runner through
    // setApiKey() and stays in memory only. The profile keeps its "keychain:" reference.
    m_starting = true;
    QPointer<RunController> self = this;
    KeychainStore::instance()->read(ApiKeyResolver::keychainEntry(endpoint.apiKeyRef),
                                    [self, profile](const QString& secret, const QString& error) {
                                        if (!self)
                                            return;
                                        self->m_starting = false;
                                        if (!error.isEmpty()) {
                                            Q_EMIT self->startFailed(error);
                                            return;
                                        }
                                        SecretMasker::registerSecret(secret);
                                        self->launch(profile, secret);
                                    });
}

void RunController::drainJobs() {
    ++m_generation;
    m_pool.waitForDone();
    m_jobPending = false;
}

void RunController::launch(const Profile& profile, const std::optional<QString>& keychainSecret) {
    drainJobs();
    if (m_runner)
        m_runner->deleteLater();
    if (m_interleave)
        m_interleave->deleteLater();
    m_runner = nullptr;
    m_interleave = nullptr;
    m_partnerId = -1;
    if (!profile.plan.interleaveWith.isEmpty()) {
        launchInterleaved(profile, keychainSecret);
        return;
    }
    m_runner = new SweepRunner(this);
    m_shownProfile = shownCopy(profile);
    m_journalPath = newJournalPath();
    m_runner->setProfile(profile);
    m_runner->setLocalEndpointFactory(SimLocalEndpoint::factory());
    if (keychainSecret)
        m_runner->setApiKey(*keychainSecret);
    m_runner->setJournalPath(m_journalPath);
    connect(m_runner, &SweepRunner::levelFinished, this, &RunController::levelFinished);
    connect(m_runner, &SweepRunner::notice, this, &RunController::notice);
    connect(m_runner, &SweepRunner::finished, this, &RunController::onFinished);

    m_runId = addLiveRun(m_shownProfile, QString());
    beginLive();
    m_runner->start();
}

// The live run is m_runId: shown, the refresh timer on, the window told.
void RunController::beginLive() {
    m_runs->setCurrent(m_runId);
    m_running = true;
    m_progress = {};
    m_pacer.reset();
    m_timer.setInterval(baseIntervalMs);
    m_timer.start();
    Q_EMIT runningChanged(true);
    Q_EMIT runStarted(m_runId);
}

int RunController::addLiveRun(const Profile& shown, const QString& prefix) {
    RunResult empty;
    empty.profile = shown;
    empty.startedAt = QDateTime::currentDateTime();
    const QString name =
        prefix + shown.endpoint().name + u' ' + empty.startedAt.toString(u"HH:mm:ss"_s);
    return m_runs->addRun(empty, name, true);
}

void RunController::stop() {
    if (m_interleave && m_running)
        m_interleave->stop();
    if (m_runner && m_running)
        m_runner->stop();
}

void RunController::refresh() {
    if (m_interleave && m_running) {
        // The runs grow as each side finishes a level (showSide); here only the progress.
        m_progress = m_interleave->progress();
        Q_EMIT progressChanged(m_progress);
        return;
    }
    if (!m_runner || !m_running)
        return;
    m_progress = m_runner->progress();
    Q_EMIT progressChanged(m_progress);
    if (m_jobPending)
        return; // the previous summary is still being made: skip, never queue up
    // A summary's cost grows with the level: the pacer rests after each (the progress above
    // still comes at every tick).
    if (!m_pacer.due(m_clock.elapsed()))
        return;
    m_jobPending = true;
    // The runner outlives the job: drainJobs() runs before it is replaced or destroyed, and
    // `this` too (the destructor drains); a queued call to a deleted object is dropped.
    SweepRunner* runner = m_runner;
    const int generation = m_generation;
    m_pool.start([this, runner, generation] {
        QElapsedTimer made;
        made.start();
        const RunResult result = runner->result();
        const double madeMs = double(made.nsecsElapsed()) / 1e6;
        QMetaObject::invokeMethod(
            this, [this, generation, result, madeMs] { applyResult(generation, result, madeMs); },
            Qt::QueuedConnection);
    });
}

void RunController::applyResult(int generation, RunResult result, double madeMs) {
    if (generation != m_generation || !m_running)
        return; // a job of a finished run: its final result is already shown
    m_jobPending = false;
    m_pacer.summarized(m_clock.elapsed(), madeMs);
    QElapsedTimer cost;
    cost.start();
    result.profile = m_shownProfile;
    m_runs->updateRun(m_runId, result, true);
    Q_EMIT refreshed(m_runId);
    m_lastRefreshMs = cost.nsecsElapsed() / 1e6;
    // Keep refreshes under ~15% of the GUI thread: a slow one stretches the interval.
    const int wanted = std::clamp(int(m_lastRefreshMs * 7.0), baseIntervalMs, maxIntervalMs);
    if (wanted != m_timer.interval())
        m_timer.setInterval(wanted);
}

void RunController::onFinished(const RunResult& finished) {
    m_timer.stop();
    // A summary job still in flight is now stale; it may finish in the background (the
    // runner stays until the next launch, which waits for it) and is dropped on arrival.
    ++m_generation;
    m_jobPending = false;
    RunResult result = finished;
    result.profile = m_shownProfile;
    m_progress = m_runner ? m_runner->progress() : RunProgress{};
    m_progress.running = false;
    m_running = false;
    m_runs->updateRun(m_runId, result, false);
    Q_EMIT progressChanged(m_progress);
    Q_EMIT refreshed(m_runId);
    Q_EMIT runningChanged(false);
    Q_EMIT runFinished(m_runId, result);
}

// Both sides run one SweepRunner after the other (InterleaveRunner), each level a one-level
// sweep with its own journal: A's beside newJournalPath(), B's "….B.jsonl" beside it.
void RunController::launchInterleaved(const Profile& profile,
                                      const std::optional<QString>& keychainSecret) {
    auto* runner = new InterleaveRunner(this);
    QString error;
    if (!runner->setProfile(profile, &error)) {
        delete runner;
        Q_EMIT startFailed(SecretMasker::mask(error));
        return;
    }
    m_interleave = runner;
    m_shownProfile = shownCopy(profile);
    m_partnerProfile = shownCopy(runner->sideProfile(InterleaveRunner::B));
    m_journalPath = newJournalPath();
    runner->setJournalPaths(m_journalPath, InterleaveRunner::partnerJournalPath(m_journalPath));
    runner->setLocalEndpointFactory(SimLocalEndpoint::factory());
    if (keychainSecret)
        runner->setApiKey(*keychainSecret);
    connect(
        runner, &InterleaveRunner::levelFinished, this,
        [this](InterleaveRunner::Side, const LevelSummary& level) { Q_EMIT levelFinished(level); });
    connect(runner, &InterleaveRunner::notice, this, &RunController::notice);
    connect(runner, &InterleaveRunner::journalFailed, this, &RunController::notice);
    connect(runner, &InterleaveRunner::sideUpdated, this, &RunController::showSide);
    connect(runner, &InterleaveRunner::finished, this, &RunController::onInterleavedFinished);

    m_runId = addLiveRun(m_shownProfile, tr("A · "));
    m_partnerId = addLiveRun(m_partnerProfile, tr("B · "));
    beginLive();
    runner->start();
}

void RunController::showSide(int side) {
    if (!m_interleave)
        return;
    const bool isA = side == InterleaveRunner::A;
    RunResult result = m_interleave->result(InterleaveRunner::Side(side));
    result.profile = isA ? m_shownProfile : m_partnerProfile;
    const int id = isA ? m_runId : m_partnerId;
    m_runs->updateRun(id, result, true);
    Q_EMIT refreshed(id);
}

void RunController::onInterleavedFinished(const RunResult& a, const RunResult& b) {
    m_timer.stop();
    RunResult shownA = a;
    RunResult shownB = b;
    shownA.profile = m_shownProfile;
    shownB.profile = m_partnerProfile;
    m_progress.running = false;
    m_running = false;
    m_runs->updateRun(m_runId, shownA, false);
    m_runs->updateRun(m_partnerId, shownB, false);
    Q_EMIT progressChanged(m_progress);
    Q_EMIT refreshed(m_partnerId);
    Q_EMIT refreshed(m_runId);
    Q_EMIT runningChanged(false);
    Q_EMIT runFinished(m_runId, shownA);
    Q_EMIT interleavedFinished(m_runId, m_partnerId);
}
