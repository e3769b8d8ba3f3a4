#include "record/requestrecord.h"

#include <QTest>
#include <cmath>

class TestRequestRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void derivedMetrics() {
        RequestRecord r;
        r.tSchedNs = 1'000'000;
        r.tSendNs = 3'000'000;
        r.tHeadersNs = 4'000'000;
        r.tFirstEventNs = 5'000'000;
        r.tFirstContentNs = 13'000'000;
        r.tLastContentNs = 53'000'000;
        r.contentEventNs = {13'000'000, 23'000'000, 53'000'000};
        r.outputTokens = 5;
        QCOMPARE(r.queueMs(), 2.0);
        QCOMPARE(r.ttfbMs(), 1.0);
        QCOMPARE(r.ttfeMs(), 2.0);
        QCOMPARE(r.ttftMs(), 10.0);
        QCOMPARE(r.e2eMs(), 50.0);
        QCOMPARE(r.tpotMs(), 10.0); // (53-13) / (5-1)
        QCOMPARE(r.itlMs(), (QList<double>{10.0, 30.0}));
    }
    void undefinedIsNaN() {
        RequestRecord r;
        r.tSendNs = 1;
        r.outputTokens = 1;
        r.tFirstContentNs = 2;
        r.tLastContentNs = 2;
        QVERIFY(std::isnan(r.tpotMs())); // needs more than one token
        QVERIFY(std::isnan(r.ttfbMs()));
        QVERIFY(r.itlMs().isEmpty());
        QVERIFY(r.ok());
        r.error = ErrorClass::Reset;
        QVERIFY(!r.ok());
    }
    void tokenSourceNames() {
        for (auto s : {TokenSource::Usage, TokenSource::Events, TokenSource::Estimate})
            QCOMPARE(tokenSourceFromName(tokenSourceName(s)), s);
        QCOMPARE(tokenSourceFromName(QStringLiteral("bogus")), TokenSource::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestRequestRecord)
#include "tst_requestrecord.moc"
