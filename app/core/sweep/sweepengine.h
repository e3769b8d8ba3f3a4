#pragma once

#include "common/localendpoint.h"
#include "load/levelspec.h"
#include "metrics/levelsummary.h"
#include "profile/profile.h"
#include "record/levelruninfo.h"
#include "results/resultjournal.h"
#include "results/runresult.h"
#include "sweep/adaptivelevels.h"
#include "sweep/progresstracker.h"
#include "sweep/promptcalibration.h"
#include "sweep/servermetricssession.h"
#include "sweep/shardrun.h"
#include "sweep/unreachabledetector.h"
#include "sweep/workloadplanner.h"
#include "transport/engineoptions.h"
#include "transport/lagprobe.h"
#include "transport/runcontext.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class LevelDriver;
class NetworkPool;
class RunStateStore;
struct RequestJob;

// The sweep itself, on its own engine thread (never the GUI thread): setup (validation,
// key, simulator, prompts, journal), the calibration probe, levels in order, journaling
// every record as it arrives, aggregation after each level, stop rules, cancel.
// SweepRunner is its thin front on the caller's thread.
class SweepEngine : public QObject {
    Q_OBJECT
public:
    struct Setup {
        Profile profile;
        QString journalPath;
        bool hasApiKey = false; // apiKey given directly (keychain), else resolve apiKeyRef
        QString apiKey;
        EngineOptions options;
        // Starts what a "sim://" endpoint names; without one such an endpoint is refused.
        LocalEndpointFactory localEndpoints;
    };

    SweepEngine(Setup setup, std::shared_ptr<RunStateStore> store);
    ~SweepEngine() override;

    void run();  // on the engine thread; ends with finished()
    void stop(); // user stop: abort in-flight, summarize the partial level, finish

Q_SIGNALS:
    void levelStarted(int index, const QString& label);
    void levelFinished(const LevelSummary& summary);
    void notice(const QString& text);
    // The journal could not be written (once, the moment it happens); the run goes on.
    void journalFailed(const QString& message);
    void finished(const RunResult& result);

private:
    enum class State { Idle, Probing, Level, Stopping, Finished };

    void noteStop(StopReason reason, const QString& message, const QString& detail = {});
    bool prepare();
    bool checkProfile(const EndpointConfig& endpoint);
    bool resolveApiKey(const EndpointConfig& endpoint, QString* apiKey);
    void createPool(const EndpointConfig& endpoint);
    bool startLocalEndpoint(EndpointConfig* endpoint);
    bool openJournal();
    void startProbe(int index);
    void onProbeFinished(const RequestRecord& record);
    void endCalibration(const CalibrationInfo& info);
    void scheduleLevel(int index); // a shard waits for the level's wall-clock start (issue 15)
    void startLevel(int index);
    void issue(qint64 tSchedNs, bool warmup, qint64 cookie);
    void onRequestFinished(qint64 cookie, const RequestRecord& record);
    void keepRecord(const RequestRecord& record); // the level's, the journal's, the store's
    void onLevelDrained();
    void abortRun(StopReason reason, const QString& cancelMessage);
    void finishRun(StopReason reason);
    void onTick();
    void checkStability(qint64 nowNs);
    void continueAfter(const SweepSummary& sweep);
    bool startRefineLevel(const SweepSummary& sweep);
    QString endpointHostPort() const;

    Setup m_setup;
    std::shared_ptr<RunStateStore> m_store;
    State m_state = State::Idle;
    std::unique_ptr<LocalEndpoint> m_localEndpoint;
    std::shared_ptr<const RunContext> m_context;
    NetworkPool* m_pool = nullptr;
    ResultJournal m_journal;
    RunResult m_header;
    QList<LevelSpec> m_levels;
    QList<LevelSummary> m_summaries;
    std::unique_ptr<PromptCalibration> m_calibrator;
    CalibrationInfo m_calibration; // kept in the result, never in its records
    WorkloadPlanner m_workload;    // what each request sends (issue 16)
    LevelDriver* m_driver = nullptr;
    LevelRunInfo m_levelInfo;
    qint64 m_levelEndNs = -1;
    double m_levelCpuStart = 0.0;
    quint64 m_nextId = 1;
    UnreachableDetector m_unreachable;
    ProgressTracker m_progress;
    LagProbe m_lagProbe;
    QTimer m_tickTimer;
    StopReason m_stopReason = StopReason::None;
    QString m_stopDetail; // the notice that explains m_stopReason, if one does
    bool m_cancelled = false;
    std::unique_ptr<ServerMetricsSession> m_serverMetrics; // when the endpoint asks for it
    AdaptiveLevels m_adaptive;                             // until stable, refine (issue 13)
    StopReason m_stopAfterRefine = StopReason::Completed;  // a stop rule that ended the plan
    ShardRun m_shard;                                      // one shard of several (issue 15)
    QTimer m_barrierTimer;                                 // the shard's wait for a level start
    int m_waitingLevel = -1;
};
