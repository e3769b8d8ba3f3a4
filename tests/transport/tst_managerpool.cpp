#include "transport/managerpool.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTest>

class TestManagerPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void neverMoreThanTheCapPerManager_data();
    void neverMoreThanTheCapPerManager();
    void releasedSlotsAreReusedLowestFirst();
};

void TestManagerPool::neverMoreThanTheCapPerManager_data() {
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("expectedManagers");
    QTest::newRow("one request") << 6 << 1 << 1;
    QTest::newRow("exactly six") << 6 << 6 << 1;
    QTest::newRow("seven needs two") << 6 << 7 << 2;
    QTest::newRow("256 http/1.1") << 6 << 256 << 43;
    QTest::newRow("1000 http/1.1") << 6 << 1000 << 167;
    QTest::newRow("256 http/2") << 100 << 256 << 3;
}

void TestManagerPool::neverMoreThanTheCapPerManager() {
    QFETCH(int, cap);
    QFETCH(int, requests);
    QFETCH(int, expectedManagers);
    QObject owner;
    ManagerPool pool(cap, true, &owner);
    QHash<QNetworkAccessManager*, int> perManager;
    for (int i = 0; i < requests; ++i)
        ++perManager[pool.acquire()];
    QCOMPARE(pool.managerCount(), expectedManagers);
    QCOMPARE(pool.inFlight(), requests);
    QVERIFY(pool.peakPerManager() <= cap);
    for (auto it = perManager.cbegin(); it != perManager.cend(); ++it) {
        QVERIFY(it.value() <= cap);
        QCOMPARE(it.key()->parent(), &owner);
        QCOMPARE(it.key()->proxy().type(), QNetworkProxy::NoProxy);
    }
}

void TestManagerPool::releasedSlotsAreReusedLowestFirst() {
    QObject owner;
    ManagerPool pool(6, false, &owner);
    QList<QNetworkAccessManager*> taken;
    for (int i = 0; i < 18; ++i)
        taken.append(pool.acquire());
    QCOMPARE(pool.managerCount(), 3);
    QNetworkAccessManager* first = taken.first();
    QNetworkAccessManager* last = taken.last();
    QVERIFY(first != last);
    pool.release(last);
    pool.release(first);
    QCOMPARE(pool.inFlight(), 16);
    // The first manager (whose keep-alive connections are the oldest) is refilled first.
    QCOMPARE(pool.acquire(), first);
    QCOMPARE(pool.acquire(), last);
    QCOMPARE(pool.managerCount(), 3);
    QCOMPARE(pool.peakPerManager(), 6);
}

QTEST_GUILESS_MAIN(TestManagerPool)
#include "tst_managerpool.moc"
