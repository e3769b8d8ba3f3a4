// SimMetricsText and GET /metrics: the Prometheus text format line by line (a small check
// written here, not the core parser), vLLM's names, and values equal to the simulator's
// ground truth: the gauges under load, the counters after it, the KV cache when it binds.
#include "sim/simmetricstext.h"
#include "sim/simulatorthread.h"
#include "simloaddriver.h"

#include <QRegularExpression>
#include <QTest>
#include <map>

namespace {
// One scrape: "name" or "name|label value" (le, finished_reason) -> value.
struct Scrape {
    std::map<QString, double> values;
    std::map<QString, QString> types;
    QStringList errors;
    double value(const QString& key) const {
        const auto found = values.find(key);
        return found == values.end() ? qQNaN() : found->second;
    }
};

QString familyOf(const QString& name, const std::map<QString, QString>& types) {
    for (const QLatin1String suffix :
         {QLatin1String("_bucket"), QLatin1String("_count"), QLatin1String("_sum")}) {
        if (!name.endsWith(suffix))
            continue;
        const QString base = name.chopped(suffix.size());
        if (types.count(base) && types.at(base) == QLatin1String("histogram"))
            return base;
    }
    return name;
}

double parseValue(const QString& text, bool* ok) {
    *ok = true;
    if (text == QLatin1String("+Inf"))
        return qInf();
    if (text == QLatin1String("NaN"))
        return qQNaN();
    return text.toDouble(ok);
}

// The exposition format as vLLM's client writes it: "# HELP" then "# TYPE" once per family,
// before its samples; samples "name{labels} value"; every line ends with \n.
Scrape parse(const QByteArray& text) {
    static const QRegularExpression sampleLine(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)\{((?:[a-zA-Z_]\w*="(?:[^"\\]|\\.)*",?)*)\} (\S+)$)"));
    static const QRegularExpression label(QStringLiteral(R"(([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)\")"));
    static const QRegularExpression typeLine(
        QStringLiteral(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)"));
    Scrape s;
    if (!text.endsWith('\n'))
        s.errors.append(QStringLiteral("no final newline"));
    QString lastHelp;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("# HELP "))) {
            lastHelp = line.section(QLatin1Char(' '), 2, 2);
            continue;
        }
        const QRegularExpressionMatch type = typeLine.match(line);
        if (type.hasMatch()) {
            if (type.captured(1) != lastHelp || s.types.count(lastHelp))
                s.errors.append(QStringLiteral("TYPE without its HELP or repeated: ") + line);
            s.types[type.captured(1)] = type.captured(2);
            continue;
        }
        const QRegularExpressionMatch m = sampleLine.match(line);
        bool ok = false;
        const double value = m.hasMatch() ? parseValue(m.captured(3), &ok) : 0.0;
        if (!ok) {
            s.errors.append(QStringLiteral("not a sample: ") + line);
            continue;
        }
        const QString family = familyOf(m.captured(1), s.types);
        if (!s.types.count(family))
            s.errors.append(QStringLiteral("sample before its TYPE: ") + line);
        if (s.types[family] == QLatin1String("counter") &&
            !family.endsWith(QLatin1String("_total")))
            s.errors.append(QStringLiteral("counter without _total: ") + family);
        QString key = m.captured(1);
        QStringList names;
        auto labels = label.globalMatch(m.captured(2));
        while (labels.hasNext()) {
            const QRegularExpressionMatch l = labels.next();
            names.append(l.captured(1));
            if (l.captured(1) == QLatin1String("le") ||
                l.captured(1) == QLatin1String("finished_reason"))
                key += u'|' + l.captured(2);
        }
        if (names.value(0) != QLatin1String("model_name") ||
            names.value(1) != QLatin1String("engine"))
            s.errors.append(QStringLiteral("labels model_name, engine missing: ") + line);
        s.values[key] = value;
    }
    return s;
}

Scrape scrape(quint16 port) {
    const SimTestResponse r = SimTestClient::exchange(port, SimTestClient::getRequest("/metrics"));
    Scrape s = parse(r.body);
    if (r.status != 200)
        s.errors.append(QStringLiteral("status %1").arg(r.status));
    if (r.header("content-type") != QByteArray(SimMetricsText::kContentType))
        s.errors.append(QStringLiteral("content type ") +
                        QString::fromLatin1(r.header("content-type")));
    return s;
}

#define VERIFY_WELL_FORMED(s) QVERIFY2((s).errors.isEmpty(), qPrintable((s).errors.join(u'\n')))

SimConfig loadConfig() {
    SimConfig c;
    c.maxBatch = 4;
    c.decodeBaseMs = 20.0;
    c.decodePerSeqMs = 0.0;
    c.model = QStringLiteral("sim \"quoted\" model");
    return c;
}
} // namespace

class TestSimMetricsText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void numbers_data();
    void numbers();
    void labelsAreEscaped();
    void renderIsWellFormed();
    void gaugesMatchTheEngineUnderLoad();
    void countersEqualWhatWasSent();
    void kvCacheBindsAndPreempts();
};

void TestSimMetricsText::numbers_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("zero") << 0.0 << QByteArray("0.0");
    QTest::newRow("integer") << 3.0 << QByteArray("3.0");
    QTest::newRow("fraction") << 0.25 << QByteArray("0.25");
    QTest::newRow("bucket bound") << 0.001 << QByteArray("0.001");
    QTest::newRow("large") << 2560.0 << QByteArray("2560.0");
    QTest::newRow("exponent") << 1e21 << QByteArray("1e+21");
    QTest::newRow("inf") << qInf() << QByteArray("+Inf");
    QTest::newRow("nan") << qQNaN() << QByteArray("NaN");
}

void TestSimMetricsText::numbers() {
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(SimMetricsText::number(value), text);
}

void TestSimMetricsText::labelsAreEscaped() {
    QCOMPARE(SimMetricsText::escapeLabel(QStringLiteral("a\"b\\c\nd")),
             QByteArray("a\\\"b\\\\c\\nd"));
}

void TestSimMetricsText::renderIsWellFormed() {
    SimStats stats;
    stats.running = 3;
    stats.queued = 5;
    stats.kvCacheTokens = 1000;
    stats.kvTokensUsed = 250;
    SimServerCounters counters;
    counters.promptTokens = 77;
    counters.generationTokens = 99;
    counters.prefixQueries = 40;
    counters.prefixHits = 16;
    counters.preemptions = 2;
    counters.finishedStop = 1;
    counters.finishedLength = 4;
    counters.finishedAbort = 6;
    counters.timeToFirstToken.observe(0.003);
    counters.timeToFirstToken.observe(3000.0); // beyond every bound: +Inf only
    const Scrape s = parse(SimMetricsText::render(stats, counters, QStringLiteral("m \"x\"")));
    VERIFY_WELL_FORMED(s);
    QCOMPARE(s.value(QStringLiteral("vllm:num_requests_running")), 3.0);
    QCOMPARE(s.value(QStringLiteral("vllm:num_requests_waiting")), 5.0);
    QCOMPARE(s.value(QStringLiteral("vllm:kv_cache_usage_perc")), 0.25);
    QCOMPARE(s.value(QStringLiteral("vllm:gpu_cache_usage_perc")), 0.25);
    QCOMPARE(s.value(QStringLiteral("vllm:prompt_tokens_total")), 77.0);
    QCOMPARE(s.value(QStringLiteral("vllm:generation_tokens_total")), 99.0);
    QCOMPARE(s.value(QStringLiteral("vllm:prefix_cache_queries_total")), 40.0);
    QCOMPARE(s.value(QStringLiteral("vllm:prefix_cache_hits_total")), 16.0);
    QCOMPARE(s.value(QStringLiteral("vllm:num_preemptions_total")), 2.0);
    QCOMPARE(s.value(QStringLiteral("vllm:request_success_total|stop")), 1.0);
    QCOMPARE(s.value(QStringLiteral("vllm:request_success_total|length")), 4.0);
    QCOMPARE(s.value(QStringLiteral("vllm:request_success_total|abort")), 6.0);
    const QString ttft = QStringLiteral("vllm:time_to_first_token_seconds");
    QCOMPARE(s.value(ttft + QStringLiteral("_bucket|0.001")), 0.0);
    QCOMPARE(s.value(ttft + QStringLiteral("_bucket|0.005")), 1.0);
    QCOMPARE(s.value(ttft + QStringLiteral("_bucket|2560.0")), 1.0);
    QCOMPARE(s.value(ttft + QStringLiteral("_bucket|+Inf")), 2.0);
    QCOMPARE(s.value(ttft + QStringLiteral("_count")), 2.0);
    QCOMPARE(s.value(ttft + QStringLiteral("_sum")), 3000.003);
    for (const char* family :
         {"vllm:time_per_output_token_seconds", "vllm:inter_token_latency_seconds",
          "vllm:e2e_request_latency_seconds"}) {
        QCOMPARE(s.types.at(QLatin1String(family)), QStringLiteral("histogram"));
        QCOMPARE(s.value(QLatin1String(family) + QStringLiteral("_bucket|+Inf")), 0.0);
    }
    QCOMPARE(s.types.at(QStringLiteral("vllm:num_requests_running")), QStringLiteral("gauge"));
    QCOMPARE(s.types.at(QStringLiteral("vllm:prompt_tokens_total")), QStringLiteral("counter"));
}

void TestSimMetricsText::gaugesMatchTheEngineUnderLoad() {
    // 10 endless streams, 4 slots: 4 running and 6 waiting for as long as they last.
    SimulatorThread sim(loadConfig());
    QVERIFY(sim.start());
    std::vector<std::unique_ptr<SimTestClient>> clients;
    for (int i = 0; i < 10; ++i) {
        clients.push_back(std::make_unique<SimTestClient>(sim.port()));
        clients.back()->send(SimTestClient::postRequest(
            "/v1/chat/completions", SimTestClient::chatBody(100000, true, false)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(sim.stats().running == 4 && sim.stats().queued == 6, 10000);
    const Scrape s = scrape(sim.port());
    VERIFY_WELL_FORMED(s);
    QCOMPARE(s.value(QStringLiteral("vllm:num_requests_running")), 4.0);
    QCOMPARE(s.value(QStringLiteral("vllm:num_requests_waiting")), 6.0);
    QCOMPARE(s.value(QStringLiteral("vllm:kv_cache_usage_perc")), 0.0); // unlimited cache
    QVERIFY(s.value(QStringLiteral("vllm:generation_tokens_total")) > 0);
    clients.clear(); // every stream is cut: the engine aborts all ten
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().inFlight, 0, 10000);
    const Scrape after = scrape(sim.port());
    VERIFY_WELL_FORMED(after);
    const SimStats truth = sim.stats();
    QCOMPARE(after.value(QStringLiteral("vllm:request_success_total|abort")), 10.0);
    QCOMPARE(after.value(QStringLiteral("vllm:num_requests_running")), 0.0);
    QCOMPARE(after.value(QStringLiteral("vllm:generation_tokens_total")),
             double(truth.tokensEmitted));
    QCOMPARE(after.value(QStringLiteral("vllm:prompt_tokens_total")), double(truth.promptTokens));
}

void TestSimMetricsText::countersEqualWhatWasSent() {
    SimConfig config = loadConfig();
    config.decodeBaseMs = 2.0;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const int total = 20;
    const int tokens = 5;
    const int promptWords = 7;
    SimLoadDriver driver(sim.port(), [&](int) {
        return SimTestClient::postRequest("/v1/chat/completions",
                                          SimTestClient::chatBody(tokens, true, false, promptWords),
                                          {}, false);
    });
    driver.run(4, total);
    QVERIFY(driver.waitDone(30000));
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().requestsCompleted, total, 5000);
    int received = 0;
    for (const SimLoadResult& r : driver.results())
        received += r.response.contentEvents();
    QCOMPARE(received, total * tokens);
    const Scrape s = scrape(sim.port());
    VERIFY_WELL_FORMED(s);
    QCOMPARE(s.value(QStringLiteral("vllm:prompt_tokens_total")), double(total * promptWords));
    QCOMPARE(s.value(QStringLiteral("vllm:generation_tokens_total")), double(received));
    QCOMPARE(s.value(QStringLiteral("vllm:request_success_total|length")), double(total));
    QCOMPARE(s.value(QStringLiteral("vllm:request_success_total|abort")), 0.0);
    QCOMPARE(s.value(QStringLiteral("vllm:time_to_first_token_seconds_count")), double(total));
    QCOMPARE(s.value(QStringLiteral("vllm:time_per_output_token_seconds_count")),
             double(total * (tokens - 1)));
    QCOMPARE(s.value(QStringLiteral("vllm:e2e_request_latency_seconds_count")), double(total));
    // The histogram's sum is the ground truth's own TTFTs (arrival to first token sent).
    double ttft = 0;
    for (const SimRequestTruth& t : sim.requests())
        ttft += double(t.firstTokenNs - t.arrivalNs) / 1e9;
    QVERIFY(qAbs(s.value(QStringLiteral("vllm:time_to_first_token_seconds_sum")) - ttft) < 1e-6);
    // /sim/reset clears the ground truth's counters, never a server's.
    QCOMPARE(
        SimTestClient::exchange(sim.port(), SimTestClient::postRequest("/sim/reset", "{}")).status,
        200);
    QCOMPARE(sim.stats().promptTokens, 0);
    QCOMPARE(scrape(sim.port()).value(QStringLiteral("vllm:prompt_tokens_total")),
             double(total * promptWords));
    QCOMPARE(
        SimTestClient::exchange(sim.port(), SimTestClient::postRequest("/metrics", "{}")).status,
        405);
}

void TestSimMetricsText::kvCacheBindsAndPreempts() {
    // 500 tokens of KV cache, 8 slots, 8 streams of 20 + 200 tokens: all 8 fit when
    // admitted (21 each) but not once they grow, so the latest admitted are preempted and
    // recomputed later; every stream still gets its 200 tokens in order.
    SimConfig config = loadConfig();
    config.maxBatch = 8;
    config.decodeBaseMs = 2.0;
    config.kvCacheTokens = 500;
    SimulatorThread sim(config);
    QVERIFY(sim.start());
    const SimTestResponse tooLong = SimTestClient::exchange(
        sim.port(), SimTestClient::postRequest("/v1/chat/completions",
                                               SimTestClient::chatBody(481, false, false, 20)));
    QCOMPARE(tooLong.status, 400);
    QVERIFY(tooLong.body.contains("maximum context length is 500 tokens"));
    SimLoadDriver driver(sim.port(), [](int) {
        return SimTestClient::postRequest("/v1/chat/completions",
                                          SimTestClient::chatBody(200, true, false, 20), {}, false);
    });
    driver.run(8, 8);
    qint64 maxUsed = 0;
    double maxUsage = 0;
    while (sim.stats().requestsCompleted < 8 && !QTest::currentTestFailed()) {
        const Scrape s = scrape(sim.port());
        VERIFY_WELL_FORMED(s);
        QCOMPARE(s.value(QStringLiteral("vllm:gpu_cache_usage_perc")),
                 s.value(QStringLiteral("vllm:kv_cache_usage_perc")));
        maxUsage = std::max(maxUsage, s.value(QStringLiteral("vllm:kv_cache_usage_perc")));
        maxUsed = std::max(maxUsed, sim.stats().kvTokensUsed);
        QTest::qWait(5);
    }
    QVERIFY(driver.waitDone(30000));
    for (const SimLoadResult& r : driver.results())
        QCOMPARE(r.response.contentEvents(), 200);
    QVERIFY2(maxUsed <= 500 && maxUsage <= 1.0, qPrintable(QString::number(maxUsed)));
    QTRY_COMPARE_WITH_TIMEOUT(sim.stats().inFlight, 0, 5000);
    const SimStats truth = sim.stats();
    QVERIFY(truth.preemptions > 0);
    QCOMPARE(truth.kvTokensUsed, 0);
    int preempted = 0;
    for (const SimRequestTruth& t : sim.requests()) {
        preempted += t.preemptions;
        if (t.fault == QLatin1String("context_length"))
            QCOMPARE(t.httpStatus, 400);
    }
    QCOMPARE(preempted, truth.preemptions);
    const Scrape s = scrape(sim.port());
    QCOMPARE(s.value(QStringLiteral("vllm:num_preemptions_total")), double(truth.preemptions));
    QCOMPARE(s.value(QStringLiteral("vllm:kv_cache_usage_perc")), 0.0);
    QCOMPARE(s.value(QStringLiteral("vllm:generation_tokens_total")), 8.0 * 200);
}

QTEST_GUILESS_MAIN(TestSimMetricsText)
#include "tst_simmetricstext.moc"
