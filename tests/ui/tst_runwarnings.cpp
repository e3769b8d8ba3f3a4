#include "run/runwarnings.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
LevelSummary level(int index, int concurrency, int requests, int successes) {
    LevelSummary s;
    s.index = index;
    s.concurrency = concurrency;
    s.requests = requests;
    s.successes = successes;
    return s;
}
} // namespace

class TstRunWarnings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthyRunHasNone();
    void clientBoundLevelsNamed();
    void errorRateOverLimit();
    void journalFailureIsAWarning();
    void interleaveStepsAreNoWarnings();
};

void TstRunWarnings::healthyRunHasNone() {
    RunResult run;
    run.summary.levels = {level(0, 1, 10, 10), level(1, 2, 20, 19)};
    QVERIFY(RunWarnings::fromResult(run).isEmpty());
}

void TstRunWarnings::clientBoundLevelsNamed() {
    RunResult run;
    run.summary.levels = {level(0, 256, 100, 100), level(1, 512, 100, 100)};
    for (LevelSummary& s : run.summary.levels) {
        s.clientBound = true;
        s.clientBoundReason = u"event loop lag p99 80 ms"_s;
    }
    const auto warnings = RunWarnings::fromResult(run);
    QCOMPARE(warnings.size(), 1);
    const QString text = warnings.value(u"client_bound"_s);
    QVERIFY2(text.contains(u"c=256, c=512"_s), qPrintable(text));
    QVERIFY(text.contains(u"event loop lag p99 80 ms"_s));
}

void TstRunWarnings::errorRateOverLimit() {
    RunResult run;
    run.profile.plan.maxErrorRate = 0.1;
    run.summary.levels = {level(0, 1, 10, 10), level(1, 2, 10, 8), level(2, 4, 10, 9)};
    const QString text = RunWarnings::fromResult(run).value(u"error_rate"_s);
    QVERIFY2(text.contains(u"c=2 (20"_s), qPrintable(text)); // 20% failed > 10% limit
    QVERIFY(!text.contains(u"c=4"_s));                       // exactly 10% is not over
    QVERIFY(!text.contains(u"c=1"_s));
}

void TstRunWarnings::journalFailureIsAWarning() {
    RunResult run;
    run.journal.path = u"/tmp/r.jsonl"_s;
    QVERIFY(RunWarnings::fromResult(run).isEmpty()); // a journal that is fine says nothing
    run.journal.error = u"/tmp/r.jsonl: cannot write: No space left on device"_s;
    const QString text = RunWarnings::fromResult(run).value(u"journal"_s);
    QVERIFY2(text.contains(u"No space left on device"_s), qPrintable(text));
    QVERIFY(text.contains(u"the run goes on"_s));
    QVERIFY(RunWarnings::keys().contains(u"journal"_s));
    run.journal.recovered = true; // a recovered run's journal is history, not news
    QVERIFY(RunWarnings::fromResult(run).isEmpty());
}

// An A/B run's step notices go to the status line, not the warning banner (issue 13).
void TstRunWarnings::interleaveStepsAreNoWarnings() {
    QVERIFY(!RunWarnings::isWarningNotice(u"interleave 3/6: B at level 2"_s));
    QVERIFY(RunWarnings::isWarningNotice(u"c=8: 12% of requests failed"_s));
}

QTEST_GUILESS_MAIN(TstRunWarnings)
#include "tst_runwarnings.moc"
