#include "metrics/inconclusivelevels.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
LevelSummary measured(int index, int concurrency, double tps) {
    LevelSummary l;
    l.index = index;
    l.concurrency = concurrency;
    l.complete = true;
    l.requests = 60;
    l.successes = 60;
    l.outputThroughputTps = tps;
    return l;
}

LevelSummary allFailed(int index, int concurrency) {
    LevelSummary l = measured(index, concurrency, 0.0);
    l.successes = 0;
    l.errors = {{u"http_429"_s, 54}, {u"reset"_s, 6}};
    return l;
}

LevelSummary shortOfRequests(int index, int concurrency) {
    LevelSummary l = measured(index, concurrency, 100.0);
    l.requests = 2;
    l.successes = 2;
    l.targetUnreachable = u"plan"_s;
    l.maxInFlight = 2;
    return l;
}

QString label(const LevelSummary& l) {
    return l.label();
}
} // namespace

class TestInconclusiveLevels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyLevelConclusive() {
        QCOMPARE(InconclusiveLevels::sentence({measured(0, 1, 100), measured(1, 2, 190)}, label),
                 QString());
    }

    // The "everything failed" level is named with what happened, most frequent
    // class first.
    void everyRequestFailed() {
        QCOMPARE(InconclusiveLevels::sentence({measured(0, 32, 900), allFailed(1, 64)}, label),
                 u"c=64: every request failed (http_429 ×54, reset ×6); left out of the "
                 u"conclusions."_s);
    }

    // `-c 1..128 -n 2`: the levels short of requests merge into one clause.
    void shortOfRequestsMerges() {
        QList<LevelSummary> levels = {measured(0, 1, 100), measured(1, 2, 190)};
        for (int c = 4, i = 2; c <= 128; c *= 2, ++i)
            levels.append(shortOfRequests(i, c));
        QCOMPARE(InconclusiveLevels::sentence(levels, label),
                 u"c=4 to c=128: only 2 requests for 4 to 128 workers; left out of the "
                 u"conclusions."_s);
        // A single one keeps its own words.
        QCOMPARE(InconclusiveLevels::sentence({shortOfRequests(0, 8)}, label),
                 u"c=8: only 2 requests for 8 workers, never 8 in flight; left out of the "
                 u"conclusions."_s);
    }

    void mixedCausesInSweepOrder() {
        LevelSummary client = measured(2, 64, 500);
        client.targetUnreachable = u"client"_s;
        client.maxInFlight = 40;
        const QString text = InconclusiveLevels::sentence(
            {measured(0, 16, 400), allFailed(1, 32), client, shortOfRequests(3, 128)}, label);
        QCOMPARE(text, u"c=32: every request failed (http_429 ×54, reset ×6); c=64: never 64 in "
                       u"flight (at most 40); c=128: only 2 requests for 128 workers, never 128 "
                       u"in flight; left out of the conclusions."_s);
    }

    // A level still running with nothing measured yet is not a finding.
    void runningLevelWithNothingYet() {
        LevelSummary running;
        running.index = 1;
        running.concurrency = 8;
        QCOMPARE(InconclusiveLevels::sentence({measured(0, 4, 100), running}, label), QString());
    }
};

QTEST_GUILESS_MAIN(TestInconclusiveLevels)
#include "tst_inconclusivelevels.moc"
