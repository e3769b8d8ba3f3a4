// SimRouter: every path, every error shape, authentication, the queue bound and fault
// injection at the requested rates (fixed seed, statistical bounds), end to end.
#include "common/monotonicclock.h"
#include "sim/simulatorthread.h"
#include "simloaddriver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <map>

namespace {
SimConfig fastConfig() {
    SimConfig c;
    c.decodeBaseMs = 2.0;
    c.decodePerSeqMs = 0.0;
    return c;
}

QJsonObject json(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

SimTestResponse exchange(quint16 port, const QByteArray& raw) {
    return SimTestClient::exchange(port, raw);
}

void verifyErrorShape(const SimTestResponse& r, int status, const QString& type) {
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    const QJsonObject error = json(r.body)[u"error"].toObject();
    QVERIFY2(!error[u"message"].toString().isEmpty(), r.body.constData());
    QCOMPARE(error[u"type"].toString(), type);
    QCOMPARE(error[u"code"].toInt(), status);
}
} // namespace

class TestSimRouter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void malformedRequestsGetJsonErrors_data();
    void malformedRequestsGetJsonErrors();
    void garbageNeverHangsTheServer_data();
    void garbageNeverHangsTheServer();
    void bearerAndApiKey_data();
    void bearerAndApiKey();
    void modelsHealthAndSimEndpoints();
    void queueBoundAnswers429WithRetryAfter();
    void faultsAtTheRequestedRates();
    void faultsAreReproducibleWithTheSeed();
    void earlyStopsAtTheConfiguredRate();
    void ignoreEosAndMinTokensAreHonoured_data();
    void ignoreEosAndMinTokensAreHonoured();
    void contextBeyondTheKvCacheIsRefused();
};

void TestSimRouter::malformedRequestsGetJsonErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    const QByteArray chat = "/v1/chat/completions";
    const QString invalid = QStringLiteral("invalid_request_error");
    QTest::newRow("not json") << SimTestClient::postRequest(chat, "{not json") << 400 << invalid;
    QTest::newRow("json array") << SimTestClient::postRequest(chat, "[1,2]") << 400 << invalid;
    QTest::newRow("no messages") << SimTestClient::postRequest(chat, R"({"model":"m"})") << 400
                                 << invalid;
    QTest::newRow("empty messages")
        << SimTestClient::postRequest(chat, R"({"messages":[]})") << 400 << invalid;
    QTest::newRow("message without role")
        << SimTestClient::postRequest(chat, R"({"messages":[{"content":"x"}]})") << 400 << invalid;
    QTest::newRow("max_tokens 0")
        << SimTestClient::postRequest(
               chat, R"({"messages":[{"role":"user","content":"x"}],"max_tokens":0})")
        << 400 << invalid;
    QTest::newRow("max_tokens text")
        << SimTestClient::postRequest(
               chat, R"({"messages":[{"role":"user","content":"x"}],"max_tokens":"9"})")
        << 400 << invalid;
    QTest::newRow("stream not bool")
        << SimTestClient::postRequest(
               chat, R"({"messages":[{"role":"user","content":"x"}],"stream":"yes"})")
        << 400 << invalid;
    QTest::newRow("completions without prompt")
        << SimTestClient::postRequest("/v1/completions", R"({"max_tokens":3})") << 400 << invalid;
    QTest::newRow("empty body") << SimTestClient::postRequest(chat, "") << 400 << invalid;
    QTest::newRow("GET on a POST path") << SimTestClient::getRequest(chat) << 405 << invalid;
    QTest::newRow("unknown path") << SimTestClient::getRequest("/v2/whatever") << 404
                                  << QStringLiteral("not_found_error");
    QTest::newRow("chunked request body")
        << QByteArray(
               "POST /v1/chat/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 411 << invalid;
    QTest::newRow("huge content-length")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
        << 413 << invalid;
    QTest::newRow("bad content-length")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 12x\r\n\r\n") << 400
        << invalid;
    QTest::newRow("oversized headers")
        << ("GET /health HTTP/1.1\r\nX-Big: " + QByteArray(40000, 'a') + "\r\n\r\n") << 431
        << invalid;
    QTest::newRow("bad request line") << QByteArray("HELLO\r\n\r\n") << 400 << invalid;
    QTest::newRow("HTTP/2 preface")
        << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505 << invalid;
}

void TestSimRouter::malformedRequestsGetJsonErrors() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, type);
    SimulatorThread sim(fastConfig());
    QVERIFY(sim.start());
    verifyErrorShape(exchange(sim.port(), request), status, type);
    // Still serving afterwards.
    QCOMPARE(exchange(sim.port(), SimTestClient::getRequest("/health")).status, 200);
}

void TestSimRouter::garbageNeverHangsTheServer_data() {
    QTest::addColumn<QByteArray>("bytes");
    QByteArray binary;
    for (int i = 0; i < 5000; ++i)
        binary.append(char((i * 7919) & 0xff));
    QTest::newRow("binary") << binary;
    QTest::newRow("endless header") << ("GET / HTTP/1.1\r\nX: " + QByteArray(100000, 'x'));
    QTest::newRow("half a request")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
    QTest::newRow("tls client hello") << QByteArray::fromHex("160301020001000100030300");
}

void TestSimRouter::garbageNeverHangsTheServer() {
    QFETCH(QByteArray, bytes);
    SimulatorThread sim(fastConfig());
    QVERIFY(sim.start());
    {
        SimTestClient client(sim.port());
        client.sendRaw(bytes);
        client.waitForResponses(1, 300); // may or may not answer: it must not matter
        client.close();
    }
    // Other clients are served meanwhile and afterwards; the half request's connection is
    // simply closed when its client goes away.
    QCOMPARE(exchange(sim.port(), SimTestClient::getRequest("/health")).status, 200);
    const SimTestResponse r =
        exchange(sim.port(), SimTestClient::postRequest("/v1/chat/completions",
                                                        SimTestClient::chatBody(3, true, true)));
    QCOMPARE(r.contentEvents(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().openConnections, 0, 10000);
}

void TestSimRouter::bearerAndApiKey_data() {
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("wrong bearer") << QByteArray("Authorization: Bearer nope\r\n") << 401;
    QTest::newRow("bearer") << QByteArray("Authorization: Bearer s3cret\r\n") << 200;
    QTest::newRow("lower-case scheme") << QByteArray("authorization: bearer s3cret\r\n") << 200;
    QTest::newRow("azure api-key") << QByteArray("api-key: s3cret\r\n") << 200;
}

void TestSimRouter::bearerAndApiKey() {
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    SimConfig config = fastConfig();
    config.apiKey = QStringLiteral("s3cret");
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const SimTestResponse r = exchange(
        sim.port(), SimTestClient::postRequest("/serving-endpoints/ep/invocations",
                                               SimTestClient::chatBody(2, false, false), headers));
    if (status == 401) {
        verifyErrorShape(r, 401, QStringLiteral("invalid_request_error"));
        QCOMPARE(sim.requests().first().fault, QStringLiteral("unauthorized"));
        QVERIFY(!r.body.contains("s3cret"));
    } else {
        QCOMPARE(r.status, 200);
    }
    // /health needs no key.
    QCOMPARE(exchange(sim.port(), SimTestClient::getRequest("/health")).status, 200);
}

void TestSimRouter::modelsHealthAndSimEndpoints() {
    SimConfig config = fastConfig();
    config.model = QStringLiteral("my-model");
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const QJsonObject models =
        json(exchange(sim.port(), SimTestClient::getRequest("/v1/models")).body);
    QCOMPARE(models[u"object"].toString(), QStringLiteral("list"));
    QCOMPARE(models[u"data"].toArray()[0].toObject()[u"id"].toString(), QStringLiteral("my-model"));
    QCOMPARE(
        json(exchange(sim.port(), SimTestClient::getRequest("/health")).body)[u"status"].toString(),
        QStringLiteral("ok"));
    // HEAD: the headers of a GET (Content-Length included) and no body.
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, sim.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray bytes;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
            bytes += socket.readAll();
        bytes += socket.readAll();
        QVERIFY2(bytes.startsWith("HTTP/1.1 200 OK\r\n"), bytes.constData());
        QVERIFY(bytes.contains("Content-Length: 15\r\n"));
        QVERIFY2(bytes.endsWith("\r\n\r\n"), bytes.constData());
    }
    for (int i = 0; i < 3; ++i)
        exchange(sim.port(), SimTestClient::postRequest("/v1/completions",
                                                        R"({"prompt":"a b","max_tokens":2})"));
    const QJsonObject stats =
        json(exchange(sim.port(), SimTestClient::getRequest("/sim/stats")).body);
    QCOMPARE(stats[u"requests_completed"].toInt(), 3);
    QCOMPARE(stats[u"tokens_emitted"].toInt(), 6);
    const QJsonArray all =
        json(exchange(sim.port(), SimTestClient::getRequest("/sim/requests")).body)[u"requests"]
            .toArray();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].toObject()[u"prompt_tokens"].toInt(), 2);
    QVERIFY(all[0].toObject()[u"first_token_ns"].toInteger() > 0);
    const QJsonArray last =
        json(exchange(sim.port(), SimTestClient::getRequest("/sim/requests?limit=1"))
                 .body)[u"requests"]
            .toArray();
    QCOMPARE(last.size(), 1);
    QCOMPARE(last[0].toObject()[u"id"].toInt(), 3);
    const QJsonArray after =
        json(exchange(sim.port(), SimTestClient::getRequest("/sim/requests?after=1"))
                 .body)[u"requests"]
            .toArray();
    QCOMPARE(after.size(), 2);
    QCOMPARE(json(exchange(sim.port(), SimTestClient::getRequest("/sim/config")).body)[u"model"]
                 .toString(),
             QStringLiteral("my-model"));
    QCOMPARE(exchange(sim.port(), SimTestClient::postRequest("/sim/reset", "{}")).status, 200);
    QCOMPARE(sim.stats().requestsCompleted, 0);
    QVERIFY(sim.requests().isEmpty());
}

void TestSimRouter::queueBoundAnswers429WithRetryAfter() {
    SimConfig config = fastConfig();
    config.maxBatch = 4;
    config.maxQueue = 2;
    config.decodeBaseMs = 20.0;
    config.retryAfterS = 3;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    // 10 long streams: 4 run, 2 wait, 4 are turned away at once.
    SimLoadDriver driver(sim.port(), [](int) {
        return SimTestClient::postRequest("/v1/chat/completions",
                                          SimTestClient::chatBody(20, true, false), {}, false);
    });
    driver.run(10, 10);
    QVERIFY(driver.waitDone(30000));
    int ok = 0;
    int rejected = 0;
    for (const SimLoadResult& r : driver.results()) {
        if (r.response.status == 200) {
            ++ok;
            QCOMPARE(r.response.contentEvents(), 20);
        } else {
            ++rejected;
            verifyErrorShape(r.response, 429, QStringLiteral("rate_limit_error"));
            QCOMPARE(r.response.header("retry-after"), QByteArray("3"));
        }
    }
    QCOMPARE(ok, 6);
    QCOMPARE(rejected, 4);
    QCOMPARE(sim.stats().maxInFlight, 6);
    int queueFull = 0;
    for (const SimRequestTruth& t : sim.requests())
        queueFull += t.fault == QLatin1String("queue_full");
    QCOMPARE(queueFull, 4);
}

void TestSimRouter::faultsAtTheRequestedRates() {
    // 600 streamed requests, each fault kind at 8%: expected 48 of each, binomial
    // sd 6.6; bounds [24, 72] (3.6 sd). The seed is fixed, so the outcome is too; the
    // bounds say the rate is right, and every client-side observation must match the
    // server's own record of the fault it injected, request by request.
    SimConfig config = fastConfig();
    config.seed = 20240611;
    config.rate429 = config.rate500 = config.rateDrop = config.rateErrorEvent = config.rateStall =
        0.08;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const int total = 600;
    const int tokens = 6;
    SimLoadDriver driver(sim.port(), [&](int) {
        return SimTestClient::postRequest("/v1/chat/completions",
                                          SimTestClient::chatBody(tokens, true, true), {}, false);
    });
    // The stall detector: generous, so a busy machine that is slow to answer is not
    // mistaken for a stall (a stalled stream never sends again, however long we wait).
    driver.setIdleTimeoutMs(3000);
    driver.run(100, total);
    QVERIFY(driver.waitDone(90000));
    QCOMPARE(int(driver.results().size()), total);
    // The ledger records a request just after its last bytes reach the socket.
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().inFlight, 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(sim.requests().size(), total, 10000);

    std::map<quint64, QString> truthFault;
    for (const SimRequestTruth& t : sim.requests())
        truthFault[t.id] = t.fault;
    std::map<QString, int> seen;
    for (const SimLoadResult& r : driver.results()) {
        const SimTestResponse& resp = r.response;
        QString kind;
        if (resp.status == 429) {
            verifyErrorShape(resp, 429, QStringLiteral("rate_limit_error"));
            QVERIFY(!resp.header("retry-after").isEmpty());
            kind = QStringLiteral("429");
        } else if (resp.status == 500) {
            verifyErrorShape(resp, 500, QStringLiteral("server_error"));
            kind = QStringLiteral("500");
        } else if (resp.status == 200 && resp.complete && !resp.events.isEmpty() &&
                   json(resp.events.value(resp.events.size() - 2)).contains(u"error")) {
            QCOMPARE(resp.events.last(), QByteArray("[DONE]"));
            kind = QStringLiteral("error_event");
        } else if (resp.status == 200 && !resp.complete && r.timedOut) {
            kind = QStringLiteral("stall");
        } else if (resp.status == 200 && !resp.complete && r.disconnected) {
            kind = QStringLiteral("drop");
        } else if (resp.status == 200 && resp.complete) {
            QCOMPARE(resp.contentEvents(), tokens);
            kind = QString();
        } else {
            QFAIL(qPrintable(QStringLiteral("unexpected outcome: status %1, timed out %2, "
                                            "disconnected %3")
                                 .arg(resp.status)
                                 .arg(r.timedOut)
                                 .arg(r.disconnected)));
        }
        // Mid-stream faults strike after 1..tokens-1 tokens.
        if (kind == QLatin1String("drop") || kind == QLatin1String("stall") ||
            kind == QLatin1String("error_event")) {
            QVERIFY(resp.contentEvents() >= 1 && resp.contentEvents() <= tokens - 1);
        }
        QCOMPARE(truthFault.at(r.requestId()), kind);
        ++seen[kind];
    }
    const QStringList kinds{QStringLiteral("429"), QStringLiteral("500"), QStringLiteral("drop"),
                            QStringLiteral("error_event"), QStringLiteral("stall")};
    for (const QString& kind : kinds) {
        const int n = seen[kind];
        QVERIFY2(n >= 24 && n <= 72, qPrintable(QStringLiteral("%1: %2 of 600").arg(kind).arg(n)));
    }
    const SimStats s = sim.stats();
    QCOMPARE(s.requestsStarted, total);
    QCOMPARE(s.requestsCompleted, seen[QString()]);
    QCOMPARE(s.requestsFailed, total - seen[QString()]);
    QCOMPARE(s.inFlight, 0);
}

void TestSimRouter::faultsAreReproducibleWithTheSeed() {
    // The same seed gives the same fault to the same request id, whatever the timing.
    auto faults = [](quint64 seed) {
        SimConfig config = fastConfig();
        config.seed = seed;
        config.rate429 = 0.3;
        config.rate500 = 0.3;
        SimulatorThread sim(config);
        sim.start();
        QStringList list;
        for (int i = 0; i < 30; ++i)
            exchange(sim.port(), SimTestClient::postRequest("/v1/completions",
                                                            R"({"prompt":"x","max_tokens":1})"));
        const QList<SimRequestTruth> truth = sim.requests();
        for (const SimRequestTruth& t : truth)
            list.append(QString::number(t.id) + u':' + t.fault);
        list.sort();
        return list;
    };
    const QStringList a = faults(7);
    QCOMPARE(a.size(), 30);
    QCOMPARE(faults(7), a);
    QVERIFY(faults(8) != a);
}

namespace {
// The finish_reason of a stream's last choice event.
QString finishReason(const SimTestResponse& r) {
    QString reason;
    for (const QByteArray& e : r.events) {
        const QJsonValue v = json(e)[u"choices"][0][u"finish_reason"];
        if (v.isString())
            reason = v.toString();
    }
    return reason;
}
} // namespace

void TestSimRouter::earlyStopsAtTheConfiguredRate() {
    // The early-eos preset: 30% of 300 answers end before max_tokens (expected 90, binomial
    // sd 7.9; bounds [60, 120]), at a planned length in [1, 19], with finish_reason "stop";
    // the rest get their 20 tokens and "length". The client sees exactly the plan.
    SimConfig config = SimConfig::preset(QStringLiteral("early-eos"));
    config.decodeBaseMs = 2.0;
    config.decodePerSeqMs = 0.0;
    config.seed = 99;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const int total = 300;
    const int tokens = 20;
    SimLoadDriver driver(sim.port(), [&](int) {
        return SimTestClient::postRequest("/v1/chat/completions",
                                          SimTestClient::chatBody(tokens, true, true), {}, false);
    });
    driver.run(50, total);
    QVERIFY(driver.waitDone(60000));
    QTRY_COMPARE_WITH_TIMEOUT(sim.requests().size(), total, 10000);
    std::map<quint64, SimRequestTruth> truth;
    for (const SimRequestTruth& t : sim.requests())
        truth[t.id] = t;
    int early = 0;
    for (const SimLoadResult& r : driver.results()) {
        const SimRequestTruth& t = truth.at(r.requestId());
        QCOMPARE(r.response.contentEvents(), t.plannedTokens);
        QCOMPARE(t.tokensSent, t.plannedTokens);
        QCOMPARE(finishReason(r.response), t.finishReason);
        if (t.plannedEnd == QLatin1String("early_stop")) {
            ++early;
            QVERIFY(t.plannedTokens >= 1 && t.plannedTokens < tokens);
            QCOMPARE(t.finishReason, QStringLiteral("stop"));
        } else {
            QCOMPARE(t.plannedEnd, QStringLiteral("max_tokens"));
            QCOMPARE(t.plannedTokens, tokens);
            QCOMPARE(t.finishReason, QStringLiteral("length"));
        }
    }
    QVERIFY2(early >= 60 && early <= 120, qPrintable(QString::number(early)));
    QCOMPARE(sim.stats().earlyStops, early);
}

void TestSimRouter::ignoreEosAndMinTokensAreHonoured_data() {
    QTest::addColumn<QByteArray>("options"); // extra JSON fields
    QTest::addColumn<int>("fewest");         // fewest tokens an answer may have
    QTest::addColumn<bool>("early");         // every answer ends early (rate 1)
    QTest::newRow("neither") << QByteArray("{}") << 1 << true;
    QTest::newRow("ignore_eos") << QByteArray(R"({"ignore_eos":true})") << 20 << false;
    QTest::newRow("ignore_eos false") << QByteArray(R"({"ignore_eos":false})") << 1 << true;
    QTest::newRow("min_tokens 15") << QByteArray(R"({"min_tokens":15})") << 15 << true;
    QTest::newRow("min_tokens = max_tokens") << QByteArray(R"({"min_tokens":20})") << 20 << false;
}

void TestSimRouter::ignoreEosAndMinTokensAreHonoured() {
    // Every answer would end early (rate 1): only what the request forbids holds it back.
    QFETCH(QByteArray, options);
    QFETCH(int, fewest);
    QFETCH(bool, early);
    SimConfig config = fastConfig();
    config.earlyStopRate = 1.0;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), QStringLiteral("hi")}}};
    const QByteArray body = SimTestClient::chatBody(messages, 20, true, json(options));
    SimLoadDriver driver(sim.port(), [&](int) {
        return SimTestClient::postRequest("/v1/chat/completions", body, {}, false);
    });
    driver.run(10, 40);
    QVERIFY(driver.waitDone(30000));
    QTRY_COMPARE_WITH_TIMEOUT(sim.requests().size(), 40, 10000);
    for (const SimLoadResult& r : driver.results()) {
        const int n = r.response.contentEvents();
        QVERIFY2(n >= fewest && n <= 20, qPrintable(QString::number(n)));
        QCOMPARE(finishReason(r.response),
                 early ? QStringLiteral("stop") : QStringLiteral("length"));
    }
    for (const SimRequestTruth& t : sim.requests()) {
        QCOMPARE(t.plannedEnd, early ? QStringLiteral("early_stop") : QStringLiteral("max_tokens"));
        QCOMPARE(t.ignoreEos, options.contains("true"));
        QCOMPARE(t.minTokens, json(options)[u"min_tokens"].toInt());
    }
}

void TestSimRouter::contextBeyondTheKvCacheIsRefused() {
    SimConfig config = fastConfig();
    config.kvCacheTokens = 100;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const auto post = [&](int maxTokens) {
        return exchange(sim.port(), SimTestClient::postRequest(
                                        "/v1/chat/completions",
                                        SimTestClient::chatBody(maxTokens, false, false, 10)));
    };
    QCOMPARE(post(90).status, 200); // 10 + 90 fits exactly
    const SimTestResponse refused = post(91);
    verifyErrorShape(refused, 400, QStringLiteral("invalid_request_error"));
    QVERIFY(refused.body.contains(
        "you requested 101 tokens (10 in the messages, 91 in the completion)"));
    QTRY_COMPARE_WITH_TIMEOUT(sim.requests().size(), 2, 5000);
    QCOMPARE(sim.requests().last().fault, QStringLiteral("context_length"));
}

QTEST_GUILESS_MAIN(TestSimRouter)
#include "tst_simrouter.moc"
