// Multi-turn conversations end to end (issue 16): a SweepRunner against the real simulator
// on loopback, checked against the simulator's own ground truth: the digests of the answer
// it generated for each request and of the assistant messages each request carried.

#include "loadtestsupport.h"
#include "results/journalreader.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QTemporaryDir>
#include <algorithm>

namespace {
constexpr int kTurns = 4;

struct Run {
    RunResult result;
    QHash<QString, SimRequestTruth> truthById; // by X-Request-Id
};

bool runAgainst(SimulatorThread& sim, const Profile& profile, Run* run,
                const QString& journal = {}) {
    SweepRunner runner;
    runner.setProfile(profile);
    if (!journal.isEmpty())
        runner.setJournalPath(journal);
    runner.setEngineOptions(LoadTest::quickOptions());
    if (!LoadTest::runToEnd(runner, 90000, &run->result))
        return false;
    // The simulator files a request in its ledger just after the last bytes leave it: on a
    // busy machine the client can see the end first. Wait (bounded) for every answered one.
    const auto fetch = [&] {
        run->truthById.clear();
        for (const SimRequestTruth& truth : sim.requests())
            run->truthById.insert(QString::number(truth.id), truth);
        for (const RequestRecord& r : run->result.records) {
            if (r.ok() && !r.serverRequestId.isEmpty() &&
                !run->truthById.contains(r.serverRequestId))
                return false;
        }
        return true;
    };
    QDeadlineTimer deadline(5000);
    while (!fetch() && !deadline.hasExpired())
        QTest::qWait(20);
    return true;
}

Profile conversations(const QUrl& url, const QList<int>& users, int requests) {
    Profile profile = LoadTest::profileFor(url, users, requests, 6);
    profile.workload.kind = WorkloadSettings::Kind::Conversations;
    profile.workload.conversations.turns = kTurns;
    profile.plan.seed = 16;
    return profile;
}

// Every conversation's records by turn index.
QMap<qint64, QMap<int, RequestRecord>> byConversation(const RunResult& result) {
    QMap<qint64, QMap<int, RequestRecord>> out;
    for (const RequestRecord& r : result.records) {
        if (r.conversationId >= 0)
            out[r.conversationId].insert(r.turnIndex, r);
    }
    return out;
}
} // namespace

class TstConversationRun : public QObject {
    Q_OBJECT
private:
    // Turn k of every conversation carried exactly the answers the simulator gave to turns
    // 0..k-1 of the same conversation; returns the turns checked that way.
    int checkHistories(const Run& run) {
        int checked = 0;
        const auto conversations = byConversation(run.result);
        for (auto c = conversations.cbegin(); c != conversations.cend(); ++c) {
            QStringList answers;
            for (auto t = c.value().cbegin(); t != c.value().cend(); ++t) {
                const RequestRecord& r = t.value();
                if (t.key() != answers.size() || !r.ok())
                    break; // the turns so far were checked; a failed one ends it
                const auto truth = run.truthById.constFind(r.serverRequestId);
                if (truth == run.truthById.cend()) {
                    qWarning("no ground truth for request %s", qPrintable(r.serverRequestId));
                    return -1;
                }
                if (truth->historyDigests != answers) {
                    qWarning("conversation %lld turn %d: history %s, answers given %s", c.key(),
                             t.key(), qPrintable(truth->historyDigests.join(u',')),
                             qPrintable(answers.join(u',')));
                    return -1;
                }
                checked += t.key() > 0 ? 1 : 0;
                answers << truth->answerDigest;
            }
        }
        return checked;
    }

private Q_SLOTS:
    void everyTurnCarriesTheRealAnswers() {
        auto sim = LoadTest::startSim(LoadTest::fastSim());
        QVERIFY(sim);
        Profile profile = conversations(sim->baseUrl(), {1, 3}, 24);
        profile.workload.conversations.thinkTimeMs = 20.0;
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("run.jsonl"));
        Run run;
        QVERIFY(runAgainst(*sim, profile, &run, journal));
        QCOMPARE(run.result.stopReason, StopReason::Completed);
        QCOMPARE(run.result.records.size(), 48);
        QVERIFY2(checkHistories(run) >= 24, "too few later turns were checked");

        for (const RequestRecord& r : run.result.records) {
            QVERIFY(r.ok());
            QVERIFY(r.answerText.isEmpty()); // transient: never kept in the results
            QVERIFY(r.conversationId >= 0);
            QVERIFY(r.turnIndex >= 0 && r.turnIndex < kTurns);
        }
        // Think time: turn k is due no earlier than the think time after turn k-1 ended, and
        // queue_ms stays "due -> sent" (the pause is not queue time).
        const qint64 thinkNs = 20'000'000;
        QList<double> queueMs;
        for (const auto& turns : byConversation(run.result)) {
            for (auto t = turns.cbegin(); t != turns.cend(); ++t) {
                if (t.key() == 0 || !turns.contains(t.key() - 1))
                    continue;
                QVERIFY(t.value().tSchedNs - turns.value(t.key() - 1).tEndNs >= thinkNs);
                queueMs << t.value().queueMs();
            }
        }
        QVERIFY(queueMs.size() >= 24);
        std::sort(queueMs.begin(), queueMs.end());
        QVERIFY2(queueMs.at(queueMs.size() / 2) < 20.0, "the think time counted as queue time");

        // Per level: TTFT by turn, the conversations counted; one user alone: 6 whole ones.
        const QList<LevelSummary>& levels = run.result.summary.levels;
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels[0].conversationsStarted, 6);
        QCOMPARE(levels[0].conversationsCompleted, 6);
        for (const LevelSummary& level : levels) {
            QCOMPARE(level.ttftByTurn.size(), kTurns);
            for (int k = 0; k < kTurns; ++k) {
                QCOMPARE(level.ttftByTurn[k].turn, k);
                QVERIFY(level.ttftByTurn[k].requests > 0);
                QVERIFY(level.ttftByTurn[k].ttftP50Ms > 0.0);
            }
            // The history grows: the last turn's prompt is longer than the first's.
            QVERIFY(level.ttftByTurn[kTurns - 1].inputTokensMean >
                    level.ttftByTurn[0].inputTokensMean);
        }
        QVERIFY(levels[1].conversationsStarted >= 6);

        // Recovered from the journal: the same conversations and rows per turn (the answer
        // texts were never written).
        QString error;
        const std::optional<RunResult> rebuilt = JournalReader::read(journal, &error);
        QVERIFY2(rebuilt, qPrintable(error));
        QCOMPARE(rebuilt->summary.levels.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const LevelSummary& level = rebuilt->summary.levels[i];
            QCOMPARE(level.conversationsStarted, levels[i].conversationsStarted);
            QCOMPARE(level.conversationsCompleted, levels[i].conversationsCompleted);
            QCOMPARE(level.ttftByTurn.size(), kTurns);
            QCOMPARE(level.ttftByTurn[kTurns - 1].requests,
                     levels[i].ttftByTurn[kTurns - 1].requests);
        }
        QFile file(journal);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("answer"));
    }

    void aFailedTurnEndsItsConversation() {
        SimConfig config = LoadTest::fastSim();
        config.rate500 = 0.3;
        auto sim = LoadTest::startSim(config);
        QVERIFY(sim);
        Run run;
        QVERIFY(runAgainst(*sim, conversations(sim->baseUrl(), {2}, 60), &run));
        int failed = 0;
        const auto all = byConversation(run.result);
        for (const auto& turns : all) {
            for (auto t = turns.cbegin(); t != turns.cend(); ++t) {
                if (t.value().ok())
                    continue;
                ++failed;
                // Nothing after the failed turn: the conversation ended there.
                QCOMPARE(turns.lastKey(), t.key());
            }
        }
        QVERIFY2(failed > 0, "the simulator failed no request: nothing was tested");
        QVERIFY(checkHistories(run) > 0);
        const LevelSummary& level = run.result.summary.levels.constFirst();
        QVERIFY(level.conversationsCompleted < level.conversationsStarted);
    }

    void aShareGptFileRunsItsConversations() {
        auto sim = LoadTest::startSim(LoadTest::fastSim());
        QVERIFY(sim);
        Profile profile = conversations(sim->baseUrl(), {2}, 30);
        profile.workload.dataset.path = QStringLiteral(PLATEAU_CONVERSATIONS_FILE);
        Run run;
        QVERIFY(runAgainst(*sim, profile, &run));
        QCOMPARE(run.result.stopReason, StopReason::Completed);
        QVERIFY(checkHistories(run) >= 10);
        int maxTurn = 0;
        for (const RequestRecord& r : run.result.records) {
            QVERIFY(r.ok());
            QVERIFY(r.sourceIndex >= 1); // the entry it came from
            maxTurn = std::max(maxTurn, r.turnIndex);
        }
        QCOMPARE(maxTurn, kTurns - 1); // entries with more turns are capped at --turns
        QCOMPARE(run.result.summary.levels.constFirst().ttftByTurn.size(), kTurns);
    }

    void rateLevelsAreRefused() {
        Profile profile = conversations(QUrl(QStringLiteral("http://127.0.0.1:9")), {1}, 4);
        profile.plan.mode = SweepPlan::Mode::Rate;
        profile.plan.rates = {5.0};
        SweepRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        RunResult result;
        QVERIFY(LoadTest::runToEnd(runner, 30000, &result));
        QCOMPARE(result.stopReason, StopReason::InvalidProfile);
        QVERIFY2(result.stopDetail.contains(QStringLiteral("rate levels cannot run them")),
                 qPrintable(result.stopDetail));
    }
};

QTEST_GUILESS_MAIN(TstConversationRun)
#include "tst_conversationrun.moc"
