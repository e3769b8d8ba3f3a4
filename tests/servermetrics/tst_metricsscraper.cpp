// MetricsScraper on its ScraperThread against a real loopback server: scrapes parsed,
// recognised and stamped on the client's clock; the Authorization header sent; refused, 401,
// 404, a hanging server, an oversize answer and garbage each reported once as one escaped line,
// scraping going on; stop() prompt whatever the server does; bounds on the config.
#include "scrapetestserver.h"
#include "servermetrics/metricsscraper.h"
#include "servermetrics/scraperthread.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <chrono>

namespace {
QByteArray vllmBody(int request) {
    return "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{engine=\"0\"} " +
           QByteArray::number(request % 5) +
           "\n# TYPE vllm:generation_tokens_total counter\n"
           "vllm:generation_tokens_total{engine=\"0\"} " +
           QByteArray::number(request * 100) + "\n";
}

ScraperConfig config(const QUrl& url, int intervalMs = 300) {
    ScraperConfig c;
    c.url = url;
    c.intervalMs = intervalMs;
    c.originNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count();
    return c;
}

// The warnings seen, by kind, and each message one printable line without the key.
struct Warnings {
    explicit Warnings(ScraperThread* thread)
        : spy(thread, &ScraperThread::warning) {}
    QSignalSpy spy;
    int count(ScrapeWarning kind) const {
        int n = 0;
        for (const QList<QVariant>& args : spy)
            n += args.at(0).value<ScrapeWarning>() == kind ? 1 : 0;
        return n;
    }
    QString firstMessage() const {
        return spy.isEmpty() ? QString() : spy.first().at(1).toString();
    }
    QString message(ScrapeWarning kind) const {
        for (const QList<QVariant>& args : spy) {
            if (args.at(0).value<ScrapeWarning>() == kind)
                return args.at(1).toString();
        }
        return {};
    }
    // Warnings other than timeouts (a loaded machine may miss one 240 ms timeout).
    int besidesTimeouts() const { return int(spy.size()) - count(ScrapeWarning::Timeout); }
    bool allOneLine(const QByteArray& secret) const {
        for (const QList<QVariant>& args : spy) {
            const QString text = args.at(1).toString();
            if (text.contains(QLatin1String(secret)))
                return false;
            for (const QChar c : text) {
                if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                    return false;
            }
        }
        return true;
    }
};
} // namespace

class TestMetricsScraper : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scrapesParsedRecognisedAndStamped();
    void authorizationHeaderSent();
    void refused();
    void unauthorized();
    void notFound();
    void hangingServerTimesOutAndStopIsPrompt();
    void oversizeAnswer_data();
    void oversizeAnswer();
    void garbage();
    void configBounds();
};

void TestMetricsScraper::scrapesParsedRecognisedAndStamped() {
    ScrapeTestServer server([](int r) { return ScrapeTestServer::ok(vllmBody(r)); });
    QVERIFY(server.listen());
    ScraperThread thread;
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    Warnings warnings(&thread);
    QVERIFY(thread.start(config(server.metricsUrl())));
    QVERIFY(thread.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(scrapes.size() >= 4, 20000);
    thread.stop();
    QVERIFY(!thread.isRunning());
    const int seen = int(scrapes.size());
    QTest::qWait(300);
    QCOMPARE(scrapes.size(), seen); // nothing after stop()
    qint64 previousT = -1;
    for (int i = 0; i < seen; ++i) {
        const ServerScrape s = scrapes.at(i).at(0).value<ServerScrape>();
        QCOMPARE(s.metrics.engine, ServerEngine::Vllm);
        // Request r served running r % 5 and r * 100 tokens (a timed-out request skips one).
        const double request = s.metrics.value(ServerMetric::GenerationTokens) / 100;
        QVERIFY(request >= i);
        QCOMPARE(s.metrics.value(ServerMetric::Running), double(int(request) % 5));
        QVERIFY(s.tMs > previousT && s.tMs >= 0);
        QVERIFY(s.durationMs >= 0);
        QCOMPARE(s.badLines, 0);
        previousT = s.tMs;
    }
    QVERIFY2(warnings.besidesTimeouts() == 0, qPrintable(warnings.firstMessage()));
    QVERIFY(server.requestsSeen() >= seen);
}

void TestMetricsScraper::authorizationHeaderSent() {
    ScrapeTestServer server([](int r) { return ScrapeTestServer::ok(vllmBody(r)); });
    QVERIFY(server.listen());
    ScraperThread thread;
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    ScraperConfig c = config(server.metricsUrl());
    c.authorization = "Bearer s3cret-key";
    QVERIFY(thread.start(c));
    QTRY_VERIFY_WITH_TIMEOUT(!scrapes.isEmpty(), 20000);
    thread.stop();
    QVERIFY(server.lastHead().contains("\r\nAuthorization: Bearer s3cret-key"));
    QVERIFY(server.lastHead().startsWith("GET /metrics HTTP/1.1\r\n"));
    QVERIFY(server.lastHead().contains("\r\nAccept: text/plain; version=0.0.4"));
}

void TestMetricsScraper::refused() {
    ScraperThread thread;
    Warnings warnings(&thread);
    QVERIFY(thread.start(config(QUrl(
        QStringLiteral("http://127.0.0.1:%1/metrics").arg(ScrapeTestServer::refusingPort())))));
    QTRY_VERIFY_WITH_TIMEOUT(warnings.count(ScrapeWarning::Refused) == 1, 20000);
    QTest::qWait(1000); // several more refused scrapes: still one warning
    thread.stop();
    QCOMPARE(warnings.besidesTimeouts(), 1);
    QVERIFY(warnings.message(ScrapeWarning::Refused)
                .endsWith(QStringLiteral("/metrics: connection refused")));
}

void TestMetricsScraper::unauthorized() {
    ScrapeTestServer server([](int) { return ScrapeTestServer::status(401, "Unauthorized"); });
    QVERIFY(server.listen());
    ScraperThread thread;
    Warnings warnings(&thread);
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    ScraperConfig c = config(server.metricsUrl());
    c.authorization = "Bearer wrong-key";
    QVERIFY(thread.start(c));
    QTRY_VERIFY_WITH_TIMEOUT(server.requestsSeen() >= 3, 20000);
    thread.stop();
    QCOMPARE(warnings.count(ScrapeWarning::Unauthorized), 1);
    QCOMPARE(warnings.besidesTimeouts(), 1);
    QVERIFY(warnings.message(ScrapeWarning::Unauthorized).contains(QStringLiteral("HTTP 401")));
    QVERIFY(warnings.allOneLine("wrong-key"));
    QVERIFY(scrapes.isEmpty());
}

void TestMetricsScraper::notFound() {
    ScrapeTestServer server([](int) { return ScrapeTestServer::status(404, "Not Found"); });
    QVERIFY(server.listen());
    ScraperThread thread;
    Warnings warnings(&thread);
    QVERIFY(thread.start(config(server.metricsUrl())));
    QTRY_VERIFY_WITH_TIMEOUT(server.requestsSeen() >= 3, 20000);
    thread.stop();
    QCOMPARE(warnings.count(ScrapeWarning::NotFound), 1);
    QCOMPARE(warnings.besidesTimeouts(), 1);
}

void TestMetricsScraper::hangingServerTimesOutAndStopIsPrompt() {
    // The first answer never comes; later ones do: a timeout warning, then scrapes.
    ScrapeTestServer server(
        [](int r) { return r == 0 ? QByteArray() : ScrapeTestServer::ok(vllmBody(r)); });
    QVERIFY(server.listen());
    ScraperThread thread;
    Warnings warnings(&thread);
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    ScraperConfig c = config(server.metricsUrl(), 200);
    c.timeoutMs = 100;
    QVERIFY(thread.start(c));
    QTRY_VERIFY_WITH_TIMEOUT(warnings.count(ScrapeWarning::Timeout) == 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!scrapes.isEmpty(), 20000);
    thread.stop();
    QVERIFY(warnings.message(ScrapeWarning::Timeout).contains(QStringLiteral("within 100 ms")));

    // A server that never answers at all, a long timeout: stop() does not wait for it.
    ScrapeTestServer silent([](int) { return QByteArray(); });
    QVERIFY(silent.listen());
    ScraperThread hanging;
    ScraperConfig slow = config(silent.metricsUrl(), 60'000);
    QVERIFY(hanging.start(slow));
    QTRY_COMPARE_WITH_TIMEOUT(silent.requestsSeen(), 1, 20000);
    QElapsedTimer clock;
    clock.start();
    hanging.stop();
    qInfo("stop() with a scrape in flight took %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 40'000); // far below the 48 s timeout, whatever the machine's load
}

void TestMetricsScraper::oversizeAnswer_data() {
    QTest::addColumn<bool>("declared");
    QTest::newRow("Content-Length over the cap") << true;
    QTest::newRow("close-delimited, no length") << false;
}

void TestMetricsScraper::oversizeAnswer() {
    QFETCH(bool, declared);
    const QByteArray body = "m 1\n" + QByteArray(200'000, '#') + '\n';
    ScrapeTestServer server([&](int) {
        return declared ? ScrapeTestServer::ok(body)
                        : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body;
    });
    QVERIFY(server.listen());
    ScraperThread thread;
    Warnings warnings(&thread);
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    ScraperConfig c = config(server.metricsUrl());
    c.maxBytes = 64 * 1024;
    QVERIFY(thread.start(c));
    QTRY_VERIFY_WITH_TIMEOUT(warnings.count(ScrapeWarning::TooLarge) == 1, 20000);
    thread.stop();
    QVERIFY(scrapes.isEmpty());
    QVERIFY(warnings.message(ScrapeWarning::TooLarge).contains(QStringLiteral("65536 bytes")));
}

void TestMetricsScraper::garbage() {
    ScrapeTestServer server([](int r) {
        return ScrapeTestServer::ok(r % 2 == 0 ? QByteArray("<html>\x1b]0;pwned\x07</html>\n")
                                               : QByteArray("# TYPE x gauge\nx 1\n"));
    });
    QVERIFY(server.listen());
    ScraperThread thread;
    Warnings warnings(&thread);
    QSignalSpy scrapes(&thread, &ScraperThread::scraped);
    QVERIFY(thread.start(config(server.metricsUrl())));
    QTRY_VERIFY_WITH_TIMEOUT(server.requestsSeen() >= 4 && scrapes.size() >= 2, 20000);
    thread.stop();
    QCOMPARE(warnings.count(ScrapeWarning::Garbage), 1);
    QCOMPARE(warnings.count(ScrapeWarning::Unrecognized), 1); // "x" is no engine's
    QVERIFY(warnings.allOneLine("pwned\x07"));
    QVERIFY(
        warnings.message(ScrapeWarning::Garbage).contains(QStringLiteral("\\x1b]0;pwned\\x07")));
    QCOMPARE(scrapes.first().at(0).value<ServerScrape>().metrics.engine, ServerEngine::Unknown);
}

void TestMetricsScraper::configBounds() {
    ScraperConfig c = config(QUrl(QStringLiteral("http://127.0.0.1:1/metrics")));
    QString error;
    QVERIFY(c.validate(&error));
    c.intervalMs = 99;
    QVERIFY(!c.validate(&error));
    QCOMPARE(c.clamped().intervalMs, ScraperConfig::kMinIntervalMs);
    c.intervalMs = 60'001;
    QVERIFY(!c.validate(&error));
    QCOMPARE(c.clamped().intervalMs, ScraperConfig::kMaxIntervalMs);
    c.intervalMs = 1000;
    QCOMPARE(c.effectiveTimeoutMs(), 800);
    c.timeoutMs = 1000; // not below the interval
    QVERIFY(!c.validate(&error));
    QCOMPARE(c.clamped().timeoutMs, 999);
    c.timeoutMs = 0;
    c.maxBytes = qint64(1) << 40;
    QVERIFY(!c.validate(&error));
    c.maxBytes = ScraperConfig::kDefaultMaxBytes;
    c.authorization = "Bearer x\r\nX-Injected: 1";
    QVERIFY(!c.validate(&error));
    QVERIFY(c.clamped().authorization.isEmpty());
    c.authorization.clear();
    c.url = QUrl(QStringLiteral("ftp://host/metrics"));
    QVERIFY(!c.validate(&error));
    ScraperThread thread;
    QVERIFY(!thread.start(c, &error));
    QVERIFY(error.contains(QStringLiteral("http://")));
    QVERIFY(!thread.isRunning());
    c.url = QUrl(QStringLiteral("http://user:pw@host:9/metrics?token=abc"));
    QCOMPARE(c.displayUrl(), QStringLiteral("http://host:9/metrics"));
}

QTEST_GUILESS_MAIN(TestMetricsScraper)
#include "tst_metricsscraper.moc"
