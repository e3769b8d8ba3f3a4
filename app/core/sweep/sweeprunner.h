#pragma once

#include "common/localendpoint.h"
#include "metrics/levelsummary.h"
#include "profile/profile.h"
#include "results/runresult.h"
#include "sweep/runprogress.h"
#include "transport/engineoptions.h"

#include <QObject>
#include <QString>
#include <memory>

class SweepRunnerPrivate;

// Runs a profile's sweep: levels in order, warm-up, stop rules, journal, aggregation.
// Lives on the thread that creates it (the GUI or CLI main thread) but does no network
// work there: requests run on a few worker threads. Signals carry plain values.
//
// start() always leads to exactly one finished(), also when the profile is invalid or
// the endpoint unreachable (then with a notice() first). RunResult::stopReason is a
// StopReason: InvalidProfile for validation, API key, prompt file; Error when the simulator
// or the journal could not start; RunResult::stopDetail says why in the notice's words.
class SweepRunner : public QObject {
    Q_OBJECT
public:
    explicit SweepRunner(QObject* parent = nullptr);
    ~SweepRunner() override;

    void setProfile(const Profile& profile);
    // JSON-lines journal written as requests finish; empty = no journal.
    void setJournalPath(const QString& path);
    // A secret the caller resolved itself (e.g. from the system keychain); overrides the
    // endpoint's apiKeyRef for the next runs. Registered with SecretMasker.
    void setApiKey(const QString& secret);
    void clearApiKey();
    // Client tuning (network threads, closed-loop ramp); defaults suit real use.
    void setEngineOptions(const EngineOptions& options);
    // What starts a "sim://PRESET" endpoint (SimLocalEndpoint::factory() for the built-in
    // simulator). Without one, such a run stops with "error" and says why.
    void setLocalEndpointFactory(LocalEndpointFactory factory);

    bool isRunning() const;
    // Thread-safe, cheap: call from a timer (5-10 Hz), never per token.
    RunProgress progress() const;
    // A copy of everything so far (complete after finished()). Summaries of completed
    // levels plus the current partial level.
    RunResult result() const;

public Q_SLOTS:
    void start();
    // Aborts in-flight requests promptly (recorded as "cancelled"); finished() follows.
    void stop();

Q_SIGNALS:
    void started();
    void levelStarted(int index, const QString& label);
    void levelFinished(const LevelSummary& summary);
    // Plain-language notices: "endpoint unreachable: connection refused", stop reasons...
    void notice(const QString& text);
    // A journal write failed ("r.journal.jsonl: cannot write: No space left on device;
    // ..."): emitted once, at once. The run goes on in memory; result().journal has it too.
    void journalFailed(const QString& message);
    void finished(const RunResult& result);

private:
    void onEngineFinished(const RunResult& result);
    void retireEngine(bool abortNow);

    std::unique_ptr<SweepRunnerPrivate> d;
};
