// The network threads on their own, against the real simulator: jobs come back as
// records on the pool's thread, spread over threads and managers without ever putting
// more than 6 on one manager, and abortAll() cancels everything at once. The threads run
// EpollEventDispatcher unless PLATEAU_EPOLL_DISPATCHER=0.

#include "envguard.h"
#include "loadtestsupport.h"
#include "transport/epolleventdispatcher.h"
#include "transport/networkpool.h"

#include <QSet>
#include <QTest>
#include <QThread>

namespace {
RequestJob job(const std::shared_ptr<const RunContext>& context, quint64 id, qint64 cookie) {
    RequestJob j;
    j.seed.id = id;
    j.seed.level = 0;
    j.seed.tSchedNs = 1;
    j.promptIndex = id;
    j.cookie = cookie;
    j.context = context;
    return j;
}

std::shared_ptr<const RunContext> contextFor(const QUrl& url, int maxTokens) {
    auto context = std::make_shared<RunContext>();
    context->endpoint.url = url;
    context->maxTokens = maxTokens;
    PromptSource source;
    source.inputTokens = 16;
    context->prompts = std::make_shared<PromptGenerator>(source, 3);
    return context;
}
} // namespace

class TestNetworkPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase_data();
    void recordsComeBack_data();
    void recordsComeBack();
    void abortAllCancelsEverything();
    void networkThreadsRunTheEpollDispatcher();
};

void TestNetworkPool::initTestCase_data() {
    // Every case on both transports: Qt's managers and the direct HTTP/1.1 client.
    QTest::addColumn<bool>("direct");
    QTest::newRow("qt") << false;
    QTest::newRow("direct") << true;
}

void TestNetworkPool::recordsComeBack_data() {
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("jobs");
    QTest::newRow("1 thread, 20 at once") << 1 << 20;
    QTest::newRow("3 threads, 100 at once") << 3 << 100;
}

void TestNetworkPool::recordsComeBack() {
    QFETCH(int, threads);
    QFETCH(int, jobs);
    SimConfig config = LoadTest::fastSim();
    // 20 tokens at 100 ms: ~2 s per stream, far longer than opening 100 connections takes
    // even on a loaded machine, so every job overlaps every other.
    config.decodeBaseMs = 100.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    NetworkPool::Config poolConfig;
    poolConfig.threads = threads;
    poolConfig.noProxy = true;
    QFETCH_GLOBAL(bool, direct);
    poolConfig.directHttp = direct;
    NetworkPool pool(poolConfig);
    QCOMPARE(pool.threadCount(), threads);
    QSignalSpy finished(&pool, &NetworkPool::requestFinished);
    QThread* const self = QThread::currentThread();
    int wrongThread = 0;
    connect(&pool, &NetworkPool::requestFinished, this,
            [&] { wrongThread += QThread::currentThread() != self; });
    const auto context = contextFor(sim->baseUrl(), 20);
    for (int i = 0; i < jobs; ++i)
        pool.submit(job(context, quint64(i + 1), 1000 + i));
    QCOMPARE(pool.inFlight(), jobs);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), jobs, 30000);
    QCOMPARE(pool.inFlight(), 0);
    QCOMPARE(wrongThread, 0);
    QSet<qint64> cookies;
    QSet<quint64> ids;
    for (const QList<QVariant>& args : finished) {
        cookies.insert(args.at(0).toLongLong());
        const RequestRecord record = args.at(1).value<RequestRecord>();
        QVERIFY2(record.ok(), qPrintable(record.errorMessage));
        QCOMPARE(record.outputTokens, 20);
        QCOMPARE(record.inputTokensSource, TokenSource::Usage);
        QVERIFY(record.tSendNs >= record.tSchedNs);
        ids.insert(record.id);
    }
    QCOMPARE(cookies.size(), qsizetype(jobs));
    QCOMPARE(ids.size(), qsizetype(jobs));
    QCOMPARE(sim->stats().maxInFlight, jobs);
    QCOMPARE(pool.contentEvents(), qint64(20) * jobs);
    if (poolConfig.directHttp) {
        // One connection per concurrent stream, no manager at all.
        QCOMPARE(pool.connectionsOpened(), jobs);
        QCOMPARE(pool.managerCount(), 0);
    } else {
        // Qt's per-host cap is never relied upon: at most 6 per manager, enough managers.
        QVERIFY(pool.peakPerManager() <= 6);
        QVERIFY(pool.managerCount() >= (jobs + 5) / 6);
    }
    QVERIFY(pool.takeLagP99Ms() >= 0.0);
}

void TestNetworkPool::abortAllCancelsEverything() {
    SimConfig config = LoadTest::fastSim();
    config.decodeBaseMs = 10.0;
    auto sim = LoadTest::startSim(config);
    QVERIFY(sim);
    NetworkPool::Config poolConfig;
    poolConfig.threads = 2;
    poolConfig.noProxy = true;
    QFETCH_GLOBAL(bool, direct);
    poolConfig.directHttp = direct;
    NetworkPool pool(poolConfig);
    QSignalSpy finished(&pool, &NetworkPool::requestFinished);
    const auto context = contextFor(sim->baseUrl(), 5000); // 50 s streams
    for (int i = 0; i < 12; ++i)
        pool.submit(job(context, quint64(i + 1), i));
    QTRY_VERIFY_WITH_TIMEOUT(pool.contentEvents() >= 12, 20000);
    pool.abortAll(QStringLiteral("stop"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 12, 5000);
    for (const QList<QVariant>& args : finished) {
        const RequestRecord record = args.at(1).value<RequestRecord>();
        QCOMPARE(record.error, ErrorClass::Cancelled);
        QCOMPARE(record.errorMessage, QStringLiteral("stop"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(sim->stats().inFlight, 0, 5000);
}

void TestNetworkPool::networkThreadsRunTheEpollDispatcher() {
    NetworkPool::Config poolConfig;
    poolConfig.threads = 2;
    {
        const NetworkPool pool(poolConfig);
        for (int i = 0; i < pool.threadCount(); ++i)
            QVERIFY(qobject_cast<EpollEventDispatcher*>(pool.thread(i)->eventDispatcher()));
    }
    const EnvGuard qtOwn("PLATEAU_EPOLL_DISPATCHER", "0");
    const NetworkPool pool(poolConfig);
    QTRY_VERIFY_WITH_TIMEOUT(pool.thread(0)->eventDispatcher() != nullptr, 10000);
    QVERIFY(!qobject_cast<EpollEventDispatcher*>(pool.thread(0)->eventDispatcher()));
}

QTEST_GUILESS_MAIN(TestNetworkPool)
#include "tst_networkpool.moc"
