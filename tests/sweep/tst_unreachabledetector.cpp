#include "sweep/unreachabledetector.h"

#include <QTest>

namespace {
RequestRecord failed(const QString& errorClass, const QString& message = QString()) {
    RequestRecord record;
    record.error = errorClass;
    record.errorMessage = message.isEmpty() ? QStringLiteral("Connection refused") : message;
    return record;
}
} // namespace

class TestUnreachableDetector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decides();
};

void TestUnreachableDetector::decides() {
    {
        UnreachableDetector detector(3);
        QVERIFY(!detector.feed(failed(ErrorClass::Connect)));
        QVERIFY(!detector.feed(failed(ErrorClass::Tls, QStringLiteral("handshake failed"))));
        QVERIFY(detector.feed(failed(ErrorClass::Connect)));
        QVERIFY(detector.settled());
        QCOMPARE(detector.lastError(), QStringLiteral("Connection refused"));
        QVERIFY(!detector.feed(failed(ErrorClass::Connect))); // true exactly once
    }
    {
        // One answer from the server settles it: reachable, whatever follows.
        UnreachableDetector detector(2);
        QVERIFY(!detector.feed(failed(ErrorClass::Connect)));
        QVERIFY(!detector.feed(failed(ErrorClass::Http5xx, QStringLiteral("HTTP 500"))));
        QVERIFY(detector.settled());
        QVERIFY(!detector.feed(failed(ErrorClass::Connect)));
        QVERIFY(!detector.feed(failed(ErrorClass::Connect)));
    }
    {
        // Cancelled records are no evidence either way.
        UnreachableDetector detector(1);
        QVERIFY(!detector.feed(failed(ErrorClass::Cancelled, QStringLiteral("stopped"))));
        QVERIFY(!detector.settled());
        // A connect-phase timeout (no headers) counts; a first-token timeout does not.
        QVERIFY(UnreachableDetector::isConnectFailure(
            failed(ErrorClass::Timeout, QStringLiteral("connect timeout: no connection"))));
        RequestRecord late = failed(ErrorClass::Timeout, QStringLiteral("first-token timeout"));
        QVERIFY(!UnreachableDetector::isConnectFailure(late));
        QVERIFY(detector.feed(failed(ErrorClass::Connect)));
    }
}

QTEST_GUILESS_MAIN(TestUnreachableDetector)
#include "tst_unreachabledetector.moc"
