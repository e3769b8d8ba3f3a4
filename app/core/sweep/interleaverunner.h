#pragma once

#include "common/localendpoint.h"
#include "metrics/levelsummary.h"
#include "profile/profile.h"
#include "results/runresult.h"
#include "sweep/sweeprunner.h"
#include "transport/engineoptions.h"

#include <QList>
#include <QObject>
#include <QString>
#include <optional>

// Measures two endpoints level by level, A B at the first level, B A at the next, ... (issue
// 13), so a drift of the machine or the network during the sweep hits both alike instead of
// all of B. Each level of each side is a one-level sweep of its own (a SweepRunner run with
// its own journal: journalPathFor), chained into one run per side with RunContinuation; with
// plan.repeat > 1 the whole interleaved sweep repeats and each side's repetitions are
// combined as RepeatRunner combines them. The stop rules that look across levels (stop at
// plateau, stop when over budget) do not apply; until-stable, refine and sharding are refused
// (ProfileValidator).
class InterleaveRunner : public QObject {
    Q_OBJECT
public:
    enum Side { A = 0, B = 1 };

    explicit InterleaveRunner(QObject* parent = nullptr);

    // A's profile; B is the same profile with plan.interleaveWith's endpoint (partner()).
    // False and a message when the partner cannot be resolved.
    bool setProfile(const Profile& profile, QString* error);
    void setJournalPaths(const QString& a, const QString& b);
    void setEngineOptions(const EngineOptions& options);
    void setLocalEndpointFactory(LocalEndpointFactory factory);
    // A key read from the system keychain (the GUI's), for both sides: B takes A's settings.
    void setApiKey(const QString& secret);

    // B's endpoint: the profile's endpoint named `with`, else "sim" / sim:PRESET / an http(s)
    // URL taking A's other settings (API, model, timeouts). nullopt and a message otherwise.
    static std::optional<EndpointConfig> partner(const Profile& profile, const QString& with,
                                                 QString* error);
    // The journal of a side's level from that side's path: "r.journal.jsonl" ->
    // "r.journal.l3.jsonl" (and ".r2" in repetition 2 and later); the first level of the first
    // repetition journals to the path itself.
    static QString journalPathFor(const QString& first, int level, int repetition);
    // The prompt seed of a level of a repetition, the same for A and B (only the endpoint
    // differs), another at each level: base + repetition * 1000 + level + 1.
    static quint64 stepSeed(quint64 base, int level, int repetition);
    // Which side measures first at a level of a repetition (both counted from 0).
    static Side firstSide(int level, int repetition);
    // Adds a step's one-level run to its side's runs (one per repetition): the first level
    // of a repetition starts it, later ones continue it (RunContinuation), as the live run and
    // `plateau-cli recover` of its journals both do. False when the side's series ends there
    // (the step measured nothing or failed for good, or could not be added: `*error`).
    static bool addStep(QList<RunResult>& runs, int repetition, const RunResult& step,
                        QString* error);
    // B's journal beside A's: "r.journal.jsonl" -> "r.journal.B.jsonl" (never the same file).
    static QString partnerJournalPath(const QString& a);

    bool isRunning() const;
    RunResult result(Side side) const;
    const Profile& sideProfile(Side side) const { return m_profiles[side]; }
    // The level being measured (either side's): its progress as SweepRunner reports it.
    RunProgress progress() const;

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void levelStarted(Side side, int level, const QString& label);
    void levelFinished(Side side, const LevelSummary& summary);
    // A side's level was added to that side's result(): the GUI shows the run grown by it.
    void sideUpdated(Side side);
    void notice(const QString& text);
    void journalFailed(const QString& message);
    void finished(const RunResult& a, const RunResult& b);

private:
    struct Step {
        Side side;
        int level;
        int repetition;
    };
    void buildSteps();
    void startStep();
    void onStepFinished(const RunResult& result);
    bool keep(const Step& step, const RunResult& result);
    Profile stepProfile(const Step& step) const;
    void finish();

    SweepRunner m_runner;
    Profile m_profiles[2];
    QString m_journals[2];
    QList<Step> m_steps;
    qsizetype m_next = 0;
    quint64 m_seed = 0;
    QList<RunResult> m_runs[2]; // per side: one RunResult per repetition, levels appended
    bool m_running = false;
    bool m_stopRequested = false;
};
