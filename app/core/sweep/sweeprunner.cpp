#include "sweep/sweeprunner.h"

#include "common/monotonicclock.h"
#include "common/secretmasker.h"
#include "metrics/levelaggregator.h"
#include "sweep/runstatestore.h"
#include "sweep/sweepengine.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QThread>
#include <atomic>

class SweepRunnerPrivate {
public:
    Profile profile = Profile::defaultProfile();
    QString journalPath;
    bool hasApiKey = false;
    QString apiKey;
    EngineOptions options;
    LocalEndpointFactory localEndpoints;

    std::shared_ptr<RunStateStore> store = std::make_shared<RunStateStore>();
    SweepEngine* engine = nullptr;
    QThread* thread = nullptr;
    // Threads of finished runs, joined before the next run or on destruction.
    std::vector<std::unique_ptr<QThread>> retired;
    std::atomic<bool> running{false};
};

SweepRunner::SweepRunner(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<SweepRunnerPrivate>()) {}

SweepRunner::~SweepRunner() {
    retireEngine(true);
    for (auto& thread : d->retired)
        thread->wait();
}

void SweepRunner::setProfile(const Profile& profile) {
    d->profile = profile;
}
void SweepRunner::setJournalPath(const QString& path) {
    d->journalPath = path;
}

void SweepRunner::setApiKey(const QString& secret) {
    d->hasApiKey = true;
    d->apiKey = secret;
    if (!secret.isEmpty())
        SecretMasker::registerSecret(secret);
}

void SweepRunner::clearApiKey() {
    d->hasApiKey = false;
    d->apiKey.clear();
}

void SweepRunner::setEngineOptions(const EngineOptions& options) {
    d->options = options;
}

void SweepRunner::setLocalEndpointFactory(LocalEndpointFactory factory) {
    d->localEndpoints = std::move(factory);
}

bool SweepRunner::isRunning() const {
    return d->running.load();
}

RunProgress SweepRunner::progress() const {
    return d->store->progress();
}

RunResult SweepRunner::result() const {
    RunResult result = d->store->result();
    LevelRunInfo info;
    RecordStore records;
    if (d->running.load() && d->store->openLevelSnapshot(&info, &records)) {
        // The level in progress, summarized on demand (not by the engine, which is busy).
        info.complete = false;
        info.endNs = MonotonicClock::nowNs();
        info.issueStopNs = info.endNs;
        result.levels.append(info);
        result.summary.levels.append(
            LevelAggregator::summarize(info, records, result.profile.budget, result.runStartNs));
    }
    return result;
}

void SweepRunner::start() {
    if (d->running.load()) {
        Q_EMIT notice(QStringLiteral("a run is already in progress"));
        return;
    }
    for (auto& thread : d->retired)
        thread->wait();
    d->retired.clear();

    SweepEngine::Setup setup;
    setup.profile = d->profile;
    if (setup.profile.plan.seed == 0) {
        // No seed pinned: a fresh one each run, so a server's prefix cache never sees the
        // previous run's prompts again. It is recorded with the profile in the results.
        setup.profile.plan.seed = QRandomGenerator::system()->generate64() >> 12 | 1;
    }
    setup.journalPath = d->journalPath;
    setup.hasApiKey = d->hasApiKey;
    setup.apiKey = d->apiKey;
    setup.options = d->options;
    setup.localEndpoints = d->localEndpoints;
    d->store = std::make_shared<RunStateStore>();
    d->engine = new SweepEngine(std::move(setup), d->store);
    d->thread = new QThread;
    d->thread->setObjectName(QStringLiteral("plateau-engine"));
    d->engine->moveToThread(d->thread);

    // Engine signals are emitted on the engine thread and arrive here queued, so every
    // signal of SweepRunner is emitted on the thread that owns it.
    connect(d->engine, &SweepEngine::levelStarted, this, &SweepRunner::levelStarted);
    connect(d->engine, &SweepEngine::levelFinished, this, &SweepRunner::levelFinished);
    connect(d->engine, &SweepEngine::notice, this, &SweepRunner::notice);
    connect(d->engine, &SweepEngine::journalFailed, this, &SweepRunner::journalFailed);
    connect(d->engine, &SweepEngine::finished, this, &SweepRunner::onEngineFinished);

    d->running = true;
    d->thread->start();
    QMetaObject::invokeMethod(d->engine, &SweepEngine::run, Qt::QueuedConnection);
    Q_EMIT started();
}

void SweepRunner::stop() {
    if (d->running.load() && d->engine)
        QMetaObject::invokeMethod(d->engine, &SweepEngine::stop, Qt::QueuedConnection);
}

void SweepRunner::onEngineFinished(const RunResult& result) {
    retireEngine(false);
    d->running = false;
    Q_EMIT finished(result);
}

void SweepRunner::retireEngine(bool abortNow) {
    if (!d->engine)
        return;
    SweepEngine* engine = d->engine;
    QThread* thread = d->thread;
    d->engine = nullptr;
    d->thread = nullptr;
    engine->disconnect(this);
    // The engine is deleted on its own thread (its timers, pool and simulator live
    // there), then the thread ends.
    const auto deleteEngine = [engine, thread] {
        delete engine;
        thread->quit();
    };
    if (abortNow) {
        QMetaObject::invokeMethod(engine, deleteEngine, Qt::BlockingQueuedConnection);
        thread->wait();
        delete thread;
    } else {
        // Do not block the caller (GUI) while the network threads and the simulator join.
        QMetaObject::invokeMethod(engine, deleteEngine, Qt::QueuedConnection);
        d->retired.emplace_back(thread);
    }
}
