#include "metrics/windowadequacy.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
LevelSummary levelWith(double itlMean, double e2eMean) {
    LevelSummary s;
    s.itlMs.mean = itlMean;
    s.e2eMs.mean = e2eMean;
    return s;
}
} // namespace

class TestWindowAdequacy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eventPeriod() {
        QCOMPARE(WindowAdequacy::eventPeriodMs(levelWith(6, 800)), 6.0);
        // One-token answers have no gap: each stream yields one event per request.
        QCOMPARE(WindowAdequacy::eventPeriodMs(levelWith(qQNaN(), 800)), 800.0);
        QVERIFY(std::isnan(WindowAdequacy::eventPeriodMs(levelWith(qQNaN(), qQNaN()))));
    }

    void shortfall_data() {
        QTest::addColumn<double>("windowS");
        QTest::addColumn<double>("itlMean");
        QTest::addColumn<double>("e2eMean");
        QTest::addColumn<QString>("expected"); // a part of the reason; empty = adequate

        // The level: 0.4 ms against 6 ms gaps (60 ms needed).
        QTest::newRow("sliver") << 0.0004 << 6.0 << 200.0
                                << u"steady window 0.4 ms is shorter than 10 inter-token gaps "
                                   u"(60 ms)"_s;
        QTest::newRow("exactly 10 gaps") << 0.060 << 6.0 << 200.0 << QString();
        QTest::newRow("just under") << 0.0599 << 6.0 << 200.0 << u"59.9 ms"_s;
        // Slow streams: a 4 s window of 300 ms gaps is 13 gaps: fine, though shorter than
        // three e2e lengths (a rule in e2e lengths would have rejected it).
        QTest::newRow("slow streams, long window") << 4.0 << 300.0 << 30000.0 << QString();
        QTest::newRow("one event per request") << 2.0 << qQNaN() << 500.0 << u"5000 ms"_s;
        // Nothing succeeded: no period to compare with, any window will do.
        QTest::newRow("no success") << 0.0004 << qQNaN() << qQNaN() << QString();
        QTest::newRow("no window") << 0.0 << 6.0 << 200.0 << u"no steady window"_s;
    }
    void shortfall() {
        QFETCH(double, windowS);
        QFETCH(double, itlMean);
        QFETCH(double, e2eMean);
        QFETCH(QString, expected);
        const QString why = WindowAdequacy::shortfall(windowS, levelWith(itlMean, e2eMean));
        if (expected.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(expected), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestWindowAdequacy)
#include "tst_windowadequacy.moc"
