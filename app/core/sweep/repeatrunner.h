#pragma once

#include "common/localendpoint.h"
#include "metrics/levelsummary.h"
#include "profile/profile.h"
#include "results/runresult.h"
#include "sweep/runprogress.h"
#include "sweep/sweeprunner.h"
#include "transport/engineoptions.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

// Runs a profile's sweep plan.repeat times, one repetition after the other (issue 13), each
// a whole SweepRunner run with its own journal, so a crash loses nothing: repetition 1
// journals to the path given, repetition k to journalPathFor(path, k). finished() carries
// RepeatedRun::combine of the repetitions: the first as the body, all of them in `repeats`,
// the between-run intervals. With plan.repeat == 1 it is a SweepRunner and nothing more.
//
// A repetition that ends the series (cancelled, unreachable, an error: RepeatedRun::endsSeries)
// or stop() ends it early; what was measured is kept. Each repetition draws fresh prompts
// unless the plan pins a seed.
class RepeatRunner : public QObject {
    Q_OBJECT
public:
    explicit RepeatRunner(QObject* parent = nullptr);

    void setProfile(const Profile& profile);
    void setJournalPath(const QString& path);
    void setApiKey(const QString& secret);
    void setEngineOptions(const EngineOptions& options);
    void setLocalEndpointFactory(LocalEndpointFactory factory);

    // "r.journal.jsonl" -> "r.journal.rep2.jsonl"; the path itself for repetition 1.
    static QString journalPathFor(const QString& first, int repetition);

    bool isRunning() const;
    // The running repetition's progress with repetition / repetitions set (when repeated)
    // and the ETA extended over the repetitions still to come.
    RunProgress progress() const;
    // Everything so far, combined (the running repetition as SweepRunner::result() has it).
    RunResult result() const;

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void started();
    void repetitionStarted(int number, int count);
    void levelStarted(int index, const QString& label);
    void levelFinished(const LevelSummary& summary);
    void notice(const QString& text);
    void journalFailed(const QString& message);
    void finished(const RunResult& result);

private:
    void startRepetition();
    void onRunFinished(const RunResult& result);
    int repetitions() const;

    SweepRunner m_runner;
    Profile m_profile = Profile::defaultProfile();
    QString m_journalPath;
    QList<RunResult> m_runs; // finished repetitions
    QElapsedTimer m_repetitionClock;
    bool m_running = false;
    bool m_stopRequested = false;
};
