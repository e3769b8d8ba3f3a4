#include "loadtestsupport.h"
#include "results/journalreader.h"
#include "results/resultsjson.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

// "until stable" levels against the simulator (issue 13): a level whose latencies are
// steady ends once its intervals are narrow enough; one whose latencies are spread wide
// runs to its maximum; both stay within their bounds. Bounds are loose enough for a busy
// machine and the sanitizers: the claims are the order and the bounds, not a time.
class TestUntilStable : public QObject {
    Q_OBJECT
private:
    static constexpr double kMinS = 2.0;
    static constexpr double kMaxS = 20.0;

    static double issuingSeconds(const LevelRunInfo& level) {
        return double(level.issueStopNs - level.startNs) / 1e9;
    }

    // One closed-loop level of 8 workers, until e2e p99 and throughput are known to
    // +-10% and +-5%; `spread`: output lengths from a wide log-normal instead of fixed.
    // How each level ended, as the results file and the journal's rebuild have it.
    static void checkRecorded(const RunResult& live, const QString& journal, const QString& ended) {
        QCOMPARE(live.levels.constFirst().stability.ended, ended);
        QCOMPARE(live.levels.constFirst().stability.latency, QStringLiteral("e2e:p99"));
        const QJsonObject level =
            ResultsJson::toJson(live).value(u"levels").toArray().at(0).toObject();
        const QJsonObject stability = level.value(u"stability").toObject();
        QCOMPARE(stability.value(u"ended").toString(), ended);
        QVERIFY(stability.contains(u"throughput_half_width_pct"));
        QString error;
        const std::optional<RunResult> back =
            ResultsJson::fromJson(ResultsJson::toJson(live), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->levels.constFirst().stability.ended, ended);
        const std::optional<RunResult> rebuilt = JournalReader::read(journal, &error);
        QVERIFY2(rebuilt, qPrintable(error));
        const LevelRunInfo::Stability& s = rebuilt->levels.constFirst().stability;
        QCOMPARE(s.ended, ended);
        const LevelRunInfo::Stability& l = live.levels.constFirst().stability;
        QCOMPARE(std::isfinite(s.throughputHalfWidth), std::isfinite(l.throughputHalfWidth));
        if (std::isfinite(l.throughputHalfWidth))
            QVERIFY(std::fabs(s.throughputHalfWidth - l.throughputHalfWidth) < 1e-9);
    }

    static bool run(bool spread, RunResult* result, const QString& journal) {
        // The default model (its decode steps take milliseconds, so the client's own jitter
        // on a busy machine is small beside them), not the tests' 2 ms fast one.
        auto sim = LoadTest::startSim(SimConfig{});
        if (!sim)
            return false;
        Profile profile = LoadTest::profileFor(sim->baseUrl(), {8}, 0, 16);
        profile.plan.requestsPerLevel = 0;
        profile.plan.untilStable = {true,  0.05, 0.10, LatencyMetric::E2e, LatencyStat::P99,
                                    kMinS, kMaxS};
        if (spread) // e2e follows the answer's length: a heavy tail needs many samples
            profile.workload.output = LengthDistribution::logNormal(16, 1.2, 1, 2000);
        SweepRunner runner;
        runner.setProfile(profile);
        runner.setEngineOptions(LoadTest::quickOptions());
        runner.setJournalPath(journal);
        QObject::connect(&runner, &SweepRunner::notice, &runner,
                         [](const QString& text) { qInfo("%s", qPrintable(text)); });
        const bool ended = LoadTest::runToEnd(runner, 90000, result);
        sim->stop();
        return ended && result->levels.size() == 1 && result->summary.levels.size() == 1;
    }

private Q_SLOTS:
    void steadyLevelEndsBeforeANoisyOne() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString steadyJournal = dir.filePath(QStringLiteral("steady.jsonl"));
        const QString noisyJournal = dir.filePath(QStringLiteral("noisy.jsonl"));
        RunResult steady;
        QVERIFY(run(false, &steady, steadyJournal));
        RunResult noisy;
        QVERIFY(run(true, &noisy, noisyJournal));
        const double steadyS = issuingSeconds(steady.levels.constFirst());
        const double noisyS = issuingSeconds(noisy.levels.constFirst());
        qInfo("steady level issued for %.2f s, noisy for %.2f s (bounds %.0f-%.0f s)", steadyS,
              noisyS, kMinS, kMaxS);
        // Both within the bounds (a tick, 200 ms, of slack on each side).
        QVERIFY(steadyS >= kMinS - 0.01);
        QVERIFY(noisyS <= kMaxS + 0.5);
        // The steady one was sure well before the maximum; the noisy one never was.
        QVERIFY2(steadyS < kMaxS - 2.0, qPrintable(QString::number(steadyS)));
        QVERIFY2(noisyS > steadyS, qPrintable(QString::number(noisyS)));
        QVERIFY(noisyS >= kMaxS - 0.5);
        QVERIFY(steady.levels.constFirst().complete);
        QVERIFY(steady.summary.levels.constFirst().successes > 0);
        // How each ended is a results field (and in the journal), not only a notice.
        checkRecorded(steady, steadyJournal, QStringLiteral("stable"));
        checkRecorded(noisy, noisyJournal, QStringLiteral("max_time"));
    }
};

QTEST_GUILESS_MAIN(TestUntilStable)
#include "tst_untilstable.moc"
