// PrometheusParser: the text exposition format 0.0.4 on the format's own example and on
// scrapes written from each engine's documented output, escapes, special values, timestamps,
// CRLF, bad lines (counted, reported escaped, the rest still read) and the caps.
#include "servermetrics/prometheusline.h"
#include "servermetrics/prometheusparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <cmath>

namespace {
QByteArray sample(const char* name) {
    QFile file(QStringLiteral(PLATEAU_TEST_DATA_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

const MetricSample* find(const MetricFamily* family, const QString& name,
                         const QMap<QString, QString>& labels = {}) {
    if (!family)
        return nullptr;
    for (const MetricSample& s : family->samples) {
        if (s.name == name && s.labels == labels)
            return &s;
    }
    return nullptr;
}

QString issues(const PrometheusScrape& s) {
    return s.issueSummary() + s.error;
}
} // namespace

class TestPrometheusParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expositionExample();
    void crlfReadsTheSame();
    void engineSamples_data();
    void engineSamples();
    void values_data();
    void values();
    void labelEscapes();
    void whitespaceAndEmptyLabels();
    void openMetricsCounterGrouping();
    void badLinesAreCountedAndTheRestRead();
    void reasonsAreOneEscapedLine();
    void typeAndHelpMisuse();
    void byteCap();
    void lineCap();
    void seriesCap();
    void labelCap();
    void aMegabyteScrape();
};

void TestPrometheusParser::expositionExample() {
    const PrometheusScrape s = PrometheusParser().parse(sample("exposition-example.txt"));
    QVERIFY2(s.ok() && s.badLines == 0, qPrintable(issues(s)));
    QCOMPARE(s.families.size(), 6);
    const MetricFamily* requests = s.family(QStringLiteral("http_requests_total"));
    QVERIFY(requests);
    QCOMPARE(requests->type, MetricType::Counter);
    QCOMPARE(requests->help, QStringLiteral("The total number of HTTP requests."));
    const MetricSample* bad = find(requests, QStringLiteral("http_requests_total"),
                                   {{QStringLiteral("method"), QStringLiteral("post")},
                                    {QStringLiteral("code"), QStringLiteral("400")}});
    QVERIFY(bad);
    QCOMPARE(bad->value, 3.0);
    QVERIFY(bad->hasTimestamp);
    QCOMPARE(bad->timestampMs, Q_INT64_C(1395066363000));

    const MetricSample* msdos =
        find(s.family(QStringLiteral("msdos_file_access_time_seconds")),
             QStringLiteral("msdos_file_access_time_seconds"),
             {{QStringLiteral("path"), QStringLiteral("C:\\DIR\\FILE.TXT")},
              {QStringLiteral("error"), QStringLiteral("Cannot find file:\n\"FILE.TXT\"")}});
    QVERIFY(msdos);
    QCOMPARE(msdos->value, 1.458255915e9);
    QCOMPARE(s.family(QStringLiteral("msdos_file_access_time_seconds"))->type, MetricType::Untyped);

    const MetricSample* weird =
        find(s.family(QStringLiteral("something_weird")), QStringLiteral("something_weird"),
             {{QStringLiteral("problem"), QStringLiteral("division by zero")}});
    QVERIFY(weird && std::isinf(weird->value) && weird->value > 0);
    QCOMPARE(weird->timestampMs, Q_INT64_C(-3982045));

    const MetricFamily* histogram = s.family(QStringLiteral("http_request_duration_seconds"));
    QVERIFY(histogram);
    QCOMPARE(histogram->type, MetricType::Histogram);
    QCOMPARE(histogram->samples.size(), 8);
    QCOMPARE(find(histogram, QStringLiteral("http_request_duration_seconds_bucket"),
                  {{QStringLiteral("le"), QStringLiteral("+Inf")}})
                 ->value,
             144320.0);
    QCOMPARE(find(histogram, QStringLiteral("http_request_duration_seconds_sum"))->value, 53423.0);

    const MetricFamily* summary = s.family(QStringLiteral("rpc_duration_seconds"));
    QVERIFY(summary);
    QCOMPARE(summary->type, MetricType::Summary);
    QCOMPARE(summary->samples.size(), 7);
    QCOMPARE(find(summary, QStringLiteral("rpc_duration_seconds_sum"))->value, 1.7560473e+07);
    QCOMPARE(s.series, qint64(2 + 1 + 1 + 1 + 8 + 7));
}

void TestPrometheusParser::crlfReadsTheSame() {
    QByteArray text = sample("exposition-example.txt");
    const PrometheusScrape lf = PrometheusParser().parse(text);
    text.replace("\n", "\r\n");
    const PrometheusScrape crlf = PrometheusParser().parse(text);
    QVERIFY2(crlf.ok() && crlf.badLines == 0, qPrintable(issues(crlf)));
    QCOMPARE(crlf.families.size(), lf.families.size());
    for (qsizetype i = 0; i < lf.families.size(); ++i) {
        QCOMPARE(crlf.families[i].name, lf.families[i].name);
        QCOMPARE(crlf.families[i].help, lf.families[i].help);
        QCOMPARE(crlf.families[i].samples.size(), lf.families[i].samples.size());
        for (qsizetype j = 0; j < lf.families[i].samples.size(); ++j)
            QCOMPARE(crlf.families[i].samples[j].labels, lf.families[i].samples[j].labels);
    }
    // No final newline: the last line still counts.
    const PrometheusScrape unterminated = PrometheusParser().parse("a 1\nb 2");
    QCOMPARE(unterminated.series, 2);
}

void TestPrometheusParser::engineSamples_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("families");
    QTest::addColumn<QString>("histogram");
    QTest::addColumn<int>("histogramSamples");
    // vLLM: 8 families + request_success + 3 histograms; 2 engines.
    QTest::newRow("vllm") << QByteArray("vllm.txt") << 12
                          << QStringLiteral("vllm:time_to_first_token_seconds") << 2 * (23 + 2);
    QTest::newRow("vllm-v0") << QByteArray("vllm-v0.txt") << 8
                             << QStringLiteral("vllm:time_per_output_token_seconds") << 6;
    QTest::newRow("sglang") << QByteArray("sglang.txt") << 9
                            << QStringLiteral("sglang:e2e_request_latency_seconds") << 13;
    QTest::newRow("tgi") << QByteArray("tgi.txt") << 9
                         << QStringLiteral("tgi_request_generated_tokens") << 14;
    QTest::newRow("llamacpp") << QByteArray("llamacpp.txt") << 12 << QString() << 0;
}

void TestPrometheusParser::engineSamples() {
    QFETCH(QByteArray, file);
    QFETCH(int, families);
    QFETCH(QString, histogram);
    QFETCH(int, histogramSamples);
    const PrometheusScrape s = PrometheusParser().parse(sample(file.constData()));
    QVERIFY2(s.ok() && s.badLines == 0, qPrintable(issues(s)));
    QCOMPARE(s.families.size(), families);
    if (!histogram.isEmpty()) {
        const MetricFamily* h = s.family(histogram);
        QVERIFY(h);
        QCOMPARE(h->type, MetricType::Histogram);
        QCOMPARE(h->samples.size(), histogramSamples);
    }
    for (const MetricFamily& f : s.families) {
        QVERIFY2(!f.samples.isEmpty(), qPrintable(f.name));
        QVERIFY2(f.type != MetricType::Untyped, qPrintable(f.name)); // every engine types them
    }
}

void TestPrometheusParser::values_data() {
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("integer") << QByteArray("12") << true << 12.0;
    QTest::newRow("float") << QByteArray("12.47") << true << 12.47;
    QTest::newRow("negative") << QByteArray("-0.5") << true << -0.5;
    QTest::newRow("plus") << QByteArray("+3") << true << 3.0;
    QTest::newRow("exponent") << QByteArray("1.458255915e9") << true << 1.458255915e9;
    QTest::newRow("exponent+") << QByteArray("1.7560473e+07") << true << 1.7560473e+07;
    QTest::newRow("exponent-") << QByteArray("2.5E-3") << true << 0.0025;
    QTest::newRow("leading dot") << QByteArray(".5") << true << 0.5;
    QTest::newRow("+Inf") << QByteArray("+Inf") << true << inf;
    QTest::newRow("-Inf") << QByteArray("-Inf") << true << -inf;
    QTest::newRow("Inf") << QByteArray("Inf") << true << inf;
    QTest::newRow("inf lower") << QByteArray("+inf") << true << inf;
    QTest::newRow("NaN") << QByteArray("NaN") << true << qQNaN();
    QTest::newRow("empty") << QByteArray("") << false << 0.0;
    QTest::newRow("sign only") << QByteArray("-") << false << 0.0;
    QTest::newRow("two signs") << QByteArray("+-1") << false << 0.0;
    QTest::newRow("word") << QByteArray("abc") << false << 0.0;
    QTest::newRow("trailing") << QByteArray("1x") << false << 0.0;
    QTest::newRow("hex") << QByteArray("0x10") << false << 0.0;
    QTest::newRow("out of range") << QByteArray("1e999") << false << 0.0;
    QTest::newRow("nan payload") << QByteArray("nan(1)") << false << 0.0;
}

void TestPrometheusParser::values() {
    QFETCH(QByteArray, token);
    QFETCH(bool, ok);
    QFETCH(double, value);
    double parsed = 0.0;
    QCOMPARE(PrometheusLine::parseValue(token, &parsed), ok);
    if (!ok)
        return;
    if (std::isnan(value))
        QVERIFY(std::isnan(parsed));
    else
        QCOMPARE(parsed, value);
}

void TestPrometheusParser::labelEscapes() {
    const PrometheusScrape s = PrometheusParser().parse(
        "m{a=\"back\\\\slash\",b=\"quote\\\"d\",c=\"new\\nline\",d=\"utf8 \xc3\xa9\"} 1\n"
        "# HELP m help with \\\\ and \\n and \\t kept\n");
    QVERIFY2(s.badLines == 0, qPrintable(issues(s)));
    const MetricSample& m = s.families.first().samples.first();
    QCOMPARE(m.labels.value(QStringLiteral("a")), QStringLiteral("back\\slash"));
    QCOMPARE(m.labels.value(QStringLiteral("b")), QStringLiteral("quote\"d"));
    QCOMPARE(m.labels.value(QStringLiteral("c")), QStringLiteral("new\nline"));
    QCOMPARE(m.labels.value(QStringLiteral("d")), QStringLiteral("utf8 \u00e9"));
    QCOMPARE(s.families.first().help, QStringLiteral("help with \\ and \n and \\t kept"));
    // Any other escape in a label value is malformed, as in Prometheus.
    QCOMPARE(PrometheusParser().parse("m{a=\"x\\ty\"} 1\n").badLines, 1);
}

void TestPrometheusParser::whitespaceAndEmptyLabels() {
    const PrometheusScrape s =
        PrometheusParser().parse("  \t\n"
                                 "#\n"
                                 "# just a comment\n"
                                 "#HELP spaced   lots of   space  \n"
                                 "#\tTYPE spaced gauge\t\n"
                                 "spaced { a = \"1\" , b=\"2\", } \t 5 \t 1000 \n"
                                 "spaced{} 6\n"
                                 "spaced{c=\"\"}7\n");
    QVERIFY2(s.badLines == 0, qPrintable(issues(s)));
    QCOMPARE(s.families.size(), 1);
    const MetricFamily& f = s.families.first();
    QCOMPARE(f.type, MetricType::Gauge);
    QCOMPARE(f.help, QStringLiteral("lots of   space  "));
    QCOMPARE(f.samples.size(), 3);
    QCOMPARE(f.samples[0].labels.size(), 2);
    QCOMPARE(f.samples[0].value, 5.0);
    QCOMPARE(f.samples[0].timestampMs, 1000);
    QVERIFY(f.samples[1].labels.isEmpty());
    QCOMPARE(f.samples[2].labels.value(QStringLiteral("c")), QString());
    QCOMPARE(f.samples[2].value, 7.0);
}

void TestPrometheusParser::openMetricsCounterGrouping() {
    const PrometheusScrape s = PrometheusParser().parse("# TYPE requests counter\n"
                                                        "requests_total{a=\"1\"} 5\n"
                                                        "requests_total{a=\"2\"} 6\n"
                                                        "# TYPE other_total counter\n"
                                                        "other_total 1\n");
    QVERIFY2(s.badLines == 0, qPrintable(issues(s)));
    QCOMPARE(s.families.size(), 2);
    QCOMPARE(s.families[0].name, QStringLiteral("requests"));
    QCOMPARE(s.families[0].samples.size(), 2);
    QCOMPARE(s.families[0].samples[0].name, QStringLiteral("requests_total"));
    QCOMPARE(s.families[1].name, QStringLiteral("other_total"));
}

void TestPrometheusParser::badLinesAreCountedAndTheRestRead() {
    const QByteArray text = "good 1\n"
                            "bad value here\n"
                            "{a=\"1\"} 2\n"
                            "m{a=1} 3\n"
                            "m{a=\"1\" 4\n"
                            "m{a=\"1\",a=\"2\"} 5\n"
                            "m 6 notatimestamp\n"
                            "m 7 8 9\n"
                            "m\n"
                            "9leading 1\n"
                            "good 2\n";
    const PrometheusScrape s = PrometheusParser().parse(text);
    QVERIFY(s.ok());
    QCOMPARE(s.badLines, 9);
    QCOMPARE(s.firstIssues.size(), PrometheusScrape::kKeptIssues);
    QCOMPARE(s.firstIssues.first().line, 2);
    QCOMPARE(s.series, 2);
    QCOMPARE(s.family(QStringLiteral("good"))->samples.size(), 2);
    QVERIFY(s.issueSummary().startsWith(QStringLiteral("9 bad lines (line 2: bad value")));
    QVERIFY(s.issueSummary().endsWith(QStringLiteral("; ...)")));
}

void TestPrometheusParser::reasonsAreOneEscapedLine() {
    const PrometheusScrape s = PrometheusParser().parse(
        "m \x1b[31mred\x07\n# TYPE x \xe2\x80\xae\r\nm{a=\"\x1b\\q\"} 1\n");
    QCOMPARE(s.badLines, 3);
    for (const ParseIssue& issue : s.firstIssues) {
        for (const QChar c : issue.reason)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(issue.reason));
    }
    QVERIFY(s.firstIssues[0].reason.contains(QStringLiteral("\\x1b[31mred\\x07")));
}

void TestPrometheusParser::typeAndHelpMisuse() {
    const PrometheusScrape s = PrometheusParser().parse("# TYPE m gauge\n"
                                                        "# TYPE m counter\n"
                                                        "# HELP m one\n"
                                                        "# HELP m two\n"
                                                        "m 1\n"
                                                        "late 1\n"
                                                        "# TYPE late gauge\n"
                                                        "# TYPE weird histogramm\n"
                                                        "# TYPE h histogram\n"
                                                        "h 1\n"
                                                        "h_bucket 1\n"
                                                        "h_bucket{le=\"x\"} 1\n"
                                                        "h_bucket{le=\"+Inf\"} 1\n"
                                                        "# TYPE s summary\n"
                                                        "s 1\n"
                                                        "s{quantile=\"0.5\"} 1\n"
                                                        "# HELP\n");
    QCOMPARE(s.badLines, 9);
    QCOMPARE(s.family(QStringLiteral("m"))->type, MetricType::Gauge);
    QCOMPARE(s.family(QStringLiteral("m"))->help, QStringLiteral("one"));
    QCOMPARE(s.family(QStringLiteral("late"))->type, MetricType::Untyped);
    QCOMPARE(s.family(QStringLiteral("h"))->samples.size(), 1);
    QCOMPARE(s.family(QStringLiteral("s"))->samples.size(), 1);
    QVERIFY(!s.family(QStringLiteral("weird"))); // no samples: dropped
}

void TestPrometheusParser::byteCap() {
    PrometheusLimits limits;
    limits.maxBytes = 100;
    const PrometheusScrape s = PrometheusParser(limits).parse(QByteArray(101, '\n'));
    QVERIFY(!s.ok());
    QVERIFY(s.error.contains(QStringLiteral("101 bytes")));
    QVERIFY(s.families.isEmpty());
    QVERIFY(PrometheusParser(limits).parse(QByteArray(100, '\n')).ok());
}

void TestPrometheusParser::lineCap() {
    PrometheusLimits limits;
    limits.maxLineBytes = 50;
    const QByteArray text = "m{a=\"" + QByteArray(60, 'x') + "\"} 1\nm 2\n";
    const PrometheusScrape s = PrometheusParser(limits).parse(text);
    QVERIFY(s.ok());
    QCOMPARE(s.badLines, 1);
    QVERIFY(s.firstIssues.first().reason.contains(QStringLiteral("over the cap")));
    QCOMPARE(s.series, 1);
}

void TestPrometheusParser::seriesCap() {
    PrometheusLimits limits;
    limits.maxSeries = 1000;
    QByteArray text;
    for (int i = 0; i < 1000; ++i)
        text += "m{i=\"" + QByteArray::number(i) + "\"} 1\n";
    QCOMPARE(PrometheusParser(limits).parse(text).series, 1000);
    text += "m{i=\"last\"} 1\n";
    const PrometheusScrape s = PrometheusParser(limits).parse(text);
    QVERIFY(!s.ok());
    QVERIFY(s.error.contains(QStringLiteral("1000 series")));
    QVERIFY(s.families.isEmpty());
}

void TestPrometheusParser::labelCap() {
    PrometheusLimits limits;
    limits.maxLabels = 3;
    const PrometheusScrape s =
        PrometheusParser(limits).parse("m{a=\"1\",b=\"2\",c=\"3\"} 1\n"
                                       "m{a=\"1\",b=\"2\",c=\"3\",d=\"4\"} 1\n");
    QCOMPARE(s.series, 1);
    QCOMPARE(s.badLines, 1);
}

void TestPrometheusParser::aMegabyteScrape() {
    // vLLM's exposition for 52 models (one family's label sets after another's would be the
    // real layout; model after model is the same work): about 1 MB, 9,800 series.
    const QByteArray one = sample("vllm.txt");
    QByteArray text;
    int copies = 0;
    while (text.size() < 1'000'000) {
        QByteArray copy = one;
        copy.replace("Llama-3.1-8B-Instruct", QByteArray("model-" + QByteArray::number(copies++)));
        text += copy;
    }
    QElapsedTimer clock;
    clock.start();
    const PrometheusScrape s = PrometheusParser().parse(text);
    const qint64 ns = clock.nsecsElapsed();
    qInfo("parsed %lld bytes, %lld series in %.1f ms", qint64(text.size()), s.series, ns / 1e6);
    QVERIFY(s.ok());
    // Each copy after the first repeats the HELP and TYPE lines (bad lines); every sample counts.
    QCOMPARE(s.families.size(), 12);
    QCOMPARE(s.series, qint64(copies) * PrometheusParser().parse(one).series);
}

QTEST_GUILESS_MAIN(TestPrometheusParser)
#include "tst_prometheusparser.moc"
