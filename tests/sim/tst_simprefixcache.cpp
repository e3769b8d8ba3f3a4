// SimPrefixCache: the LRU itself, then the simulator end to end on loopback: a shared
// prefix is counted as hits and skips its prefill (a lower planned TTFT), a conversation's
// next turn finds its own history, and the least recently used blocks go at capacity.
#include "sim/simprefixcache.h"
#include "sim/simpromptwords.h"
#include "sim/simulatorthread.h"
#include "simloaddriver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QString numbered(const char* stem, int count) {
    QStringList words;
    for (int i = 0; i < count; ++i)
        words.append(QLatin1String(stem) + QString::number(i));
    return words.join(QLatin1Char(' '));
}

QJsonObject message(const char* role, const QString& content) {
    return {{QStringLiteral("role"), QLatin1String(role)}, {QStringLiteral("content"), content}};
}

SimConfig cacheConfig(int blocks, int blockWords) {
    SimConfig c;
    c.maxBatch = 8;
    c.decodeBaseMs = 5.0;
    c.decodePerSeqMs = 0.0;
    c.prefillTokensPerS = 20000.0; // 1,000 words: 50 ms
    c.prefixCacheBlocks = blocks;
    c.prefixBlockWords = blockWords;
    return c;
}

// Sends one non-streamed chat and waits for its ground truth; the answer's text in *answer.
SimRequestTruth ask(const SimulatorThread& sim, const QJsonArray& messages, int maxTokens,
                    QString* answer = nullptr) {
    const SimTestResponse r = SimTestClient::exchange(
        sim.port(),
        SimTestClient::postRequest("/v1/chat/completions",
                                   SimTestClient::chatBody(messages, maxTokens, false)));
    if (answer)
        *answer = QJsonDocument::fromJson(r.body)[u"choices"][0][u"message"][u"content"].toString();
    const quint64 id = r.header("x-request-id").toULongLong();
    for (int i = 0; i < 500; ++i) { // the ledger records it just after the last bytes
        const QList<SimRequestTruth> truth = sim.requests();
        for (const SimRequestTruth& t : truth) {
            if (t.id == id)
                return t;
        }
        QTest::qWait(10);
    }
    return {};
}

double plannedTtftMs(const SimRequestTruth& t) {
    return double(t.plannedFirstTokenNs - t.admittedNs) / 1e6;
}
} // namespace

class TestSimPrefixCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lookupStopsAtTheFirstMiss();
    void leastRecentlyUsedGoesFirst();
    void aPrefixLosesItsTailFirst();
    void zeroCapacityCachesNothing();
    void samePrefixTwiceHitsAndSkipsPrefill_data();
    void samePrefixTwiceHitsAndSkipsPrefill();
    void nextTurnFindsItsHistory();
    void evictsAtCapacityEndToEnd();
};

void TestSimPrefixCache::lookupStopsAtTheFirstMiss() {
    SimPrefixCache cache(16);
    cache.insert({1, 2, 3}, 3);
    QCOMPARE(cache.lookup({1, 2, 3, 4}, 4), 3);
    QCOMPARE(cache.lookup({1, 2, 3, 4}, 2), 2); // the caller's limit
    QCOMPARE(cache.lookup({1, 9, 3}, 3), 1);    // 3 is cached but follows a miss
    QCOMPARE(cache.lookup({9, 1}, 2), 0);
    QCOMPARE(cache.size(), 3);
}

void TestSimPrefixCache::leastRecentlyUsedGoesFirst() {
    SimPrefixCache cache(4);
    cache.insert({10, 11}, 2);              // A
    cache.insert({20, 21}, 2);              // B: full
    QCOMPARE(cache.lookup({10, 11}, 2), 2); // A used again: B is now the oldest
    cache.insert({30}, 1);
    QCOMPARE(cache.evictions(), 1);
    QCOMPARE(cache.size(), 4);
    QCOMPARE(cache.lookup({10, 11}, 2), 2);
    QCOMPARE(cache.lookup({20, 21}, 2), 1); // B lost its tail
    QCOMPARE(cache.lookup({30}, 1), 1);
}

void TestSimPrefixCache::aPrefixLosesItsTailFirst() {
    SimPrefixCache cache(2);
    cache.insert({1, 2, 3}, 3); // too long: the head stays, serving every prompt sharing it
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.lookup({1, 2, 3}, 3), 2);
}

void TestSimPrefixCache::zeroCapacityCachesNothing() {
    SimPrefixCache cache(0);
    QVERIFY(!cache.enabled());
    cache.insert({1, 2}, 2);
    QCOMPARE(cache.lookup({1, 2}, 2), 0);
    QCOMPARE(cache.size(), 0);
}

void TestSimPrefixCache::samePrefixTwiceHitsAndSkipsPrefill_data() {
    QTest::addColumn<int>("capacity");
    QTest::newRow("cache of 256 blocks") << 256;
    QTest::newRow("no cache") << 0;
}

void TestSimPrefixCache::samePrefixTwiceHitsAndSkipsPrefill() {
    // A 1,000-word system prompt, then 10 words of question, twice with other questions.
    // Blocks of 16 words: 63 full blocks looked up per request ((1010 - 1) / 16); the
    // second finds the 62 made only of the system prompt (block 63 mixes in the question).
    QFETCH(int, capacity);
    const SimConfig config = cacheConfig(capacity, 16);
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const QString system = numbered("s", 1000);
    const SimRequestTruth first =
        ask(sim, {message("system", system), message("user", numbered("a", 10))}, 4);
    const SimRequestTruth second =
        ask(sim, {message("system", system), message("user", numbered("b", 10))}, 4);
    QCOMPARE(first.promptTokens, 1010);
    QCOMPARE(second.promptTokens, 1010);
    QCOMPARE(first.cachedWords, 0);
    const int cached = capacity > 0 ? 992 : 0;
    QCOMPARE(second.cachedWords, cached);
    const SimStats s = sim.stats();
    QCOMPARE(s.prefixQueriedBlocks, capacity > 0 ? 126 : 0);
    QCOMPARE(s.prefixHitBlocks, capacity > 0 ? 62 : 0);
    QCOMPARE(s.prefixQueriedWords, capacity > 0 ? 2020 : 0);
    QCOMPARE(s.prefixHitWords, cached);
    // The engine's own schedule: one 5 ms step plus the prefill of the uncached words.
    const double full = config.stepMs(1) + config.prefillMs(1010);
    QVERIFY2(qAbs(plannedTtftMs(first) - full) < 0.001,
             qPrintable(QString::number(plannedTtftMs(first))));
    const double expected = config.stepMs(1) + config.prefillMs(1010 - cached);
    QVERIFY2(qAbs(plannedTtftMs(second) - expected) < 0.001,
             qPrintable(QString::number(plannedTtftMs(second))));
    if (capacity > 0)
        QVERIFY(plannedTtftMs(second) < plannedTtftMs(first) - 40.0);
}

void TestSimPrefixCache::nextTurnFindsItsHistory() {
    // Turn 2 resends turn 1 with the answer the simulator gave: 40 + 5 + 20 words of
    // history, 4 full blocks of 16. Without the answer's blocks it would find only 2 (the
    // 45 words of turn 1's prompt).
    SimulatorThread sim(cacheConfig(64, 16));
    QVERIFY(sim.start());
    const QJsonObject system = message("system", numbered("s", 40));
    const QJsonObject user1 = message("user", numbered("a", 5));
    QString answer;
    const SimRequestTruth turn1 = ask(sim, {system, user1}, 20, &answer);
    QCOMPARE(turn1.tokensSent, 20);
    QCOMPARE(SimPromptWords::count(answer), 20);
    const SimRequestTruth turn2 = ask(
        sim, {system, user1, message("assistant", answer), message("user", numbered("b", 5))}, 3);
    QCOMPARE(turn2.promptTokens, 70);
    QCOMPARE(turn2.cachedWords, 64);
}

void TestSimPrefixCache::evictsAtCapacityEndToEnd() {
    // Blocks of 4 words, room for 4: each 9-word prompt (+1 answer word) stores 2 blocks.
    // A, B fill it; C evicts A; B hits both its blocks; A misses and evicts C.
    SimulatorThread sim(cacheConfig(4, 4));
    QVERIFY(sim.start());
    QList<int> cached;
    for (const char* stem : {"a", "b", "c", "b", "a"})
        cached.append(ask(sim, {message("user", numbered(stem, 9))}, 1).cachedWords);
    QCOMPARE(cached, (QList<int>{0, 0, 0, 8, 0}));
    const SimStats s = sim.stats();
    QCOMPARE(s.prefixCachedBlocks, 4);
    QCOMPARE(s.prefixEvictedBlocks, 4);
    QCOMPARE(s.prefixHitBlocks, 2);
    QCOMPARE(s.prefixQueriedBlocks, 10);
    // The same truth over HTTP.
    const QJsonArray requests =
        QJsonDocument::fromJson(
            SimTestClient::exchange(sim.port(), SimTestClient::getRequest("/sim/requests")).body)
            .object()[u"requests"]
            .toArray();
    QCOMPARE(requests.size(), 5);
    QCOMPARE(requests[3][u"cached_words"].toInt(), 8);
    const QJsonObject stats =
        QJsonDocument::fromJson(
            SimTestClient::exchange(sim.port(), SimTestClient::getRequest("/sim/stats")).body)
            .object();
    QCOMPARE(stats[u"prefix_hit_words"].toInt(), 8);
    QCOMPARE(stats[u"prefix_evicted_blocks"].toInt(), 4);
}

QTEST_GUILESS_MAIN(TestSimPrefixCache)
#include "tst_simprefixcache.moc"
