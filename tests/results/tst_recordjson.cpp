#include "resultfixtures.h"
#include "results/recordjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>

Q_DECLARE_METATYPE(RequestRecord)

namespace {
bool sameRecord(const RequestRecord& a, const RequestRecord& b) {
    return a.id == b.id && a.level == b.level && a.warmup == b.warmup && a.tSchedNs == b.tSchedNs &&
           a.tSendNs == b.tSendNs && a.tHeadersNs == b.tHeadersNs &&
           a.tFirstEventNs == b.tFirstEventNs && a.tFirstContentNs == b.tFirstContentNs &&
           a.tLastContentNs == b.tLastContentNs && a.tEndNs == b.tEndNs &&
           a.contentEventNs == b.contentEventNs && a.outputTokens == b.outputTokens &&
           a.outputTokensSource == b.outputTokensSource && a.inputTokens == b.inputTokens &&
           a.inputTokensSource == b.inputTokensSource && a.httpStatus == b.httpStatus &&
           a.finishReason == b.finishReason && a.error == b.error &&
           a.errorMessage == b.errorMessage && a.serverTotalNs == b.serverTotalNs &&
           a.serverLoadNs == b.serverLoadNs && a.serverPromptEvalNs == b.serverPromptEvalNs &&
           a.serverEvalNs == b.serverEvalNs;
}

// Through text, as the files do: what matters is what survives serialisation.
QJsonObject viaText(const QJsonObject& object) {
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}
} // namespace

class TestRecordJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void journalIsLossless();
    void journalIsLossless_data() { roundTrip_data(); }
    void resultsFormRoundTrip();
    void resultsFormRoundTrip_data() { roundTrip_data(); }
    void resultsFieldNamesAndUnits();
    void undefinedIsNull();
    void hostileJournalLineDoesNotCrash();
};

void TestRecordJson::roundTrip_data() {
    using namespace ResultFixtures;
    QTest::addColumn<RequestRecord>("record");
    QTest::newRow("success") << success(7, 2, 1234.5678, 25, 4.2, 30);
    RequestRecord warm = success(8, 0, 0, 10, 1, 1);
    warm.warmup = true;
    QTest::newRow("warm-up, one token") << warm;
    QTest::newRow("failure") << failure(9, 1, 77);
    RequestRecord events = success(10, 3, 10, 5, 2, 4);
    events.outputTokensSource = TokenSource::Events;
    events.inputTokensSource = TokenSource::Unknown;
    events.finishReason = QStringLiteral("stop");
    events.tLastContentNs += 999; // a finish-only event after the last content
    QTest::newRow("events source, finish after content") << events;
    RequestRecord huge = success(18446744073709551ULL, 1, 3.6e9, 100, 0.001, 3); // 41 days in
    QTest::newRow("long run, big id") << huge;
    QTest::newRow("default (nothing happened)") << RequestRecord{};
    RequestRecord ollama = success(11, 0, 40, 30, 6, 12);
    ollama.serverTotalNs = 97'123'457; // the server's own timings (issue 14), ns
    ollama.serverLoadNs = 0;
    ollama.serverPromptEvalNs = 21'000'003;
    ollama.serverEvalNs = 66'000'001;
    QTest::newRow("ollama server timings") << ollama;
}

void TestRecordJson::journalIsLossless() {
    QFETCH(RequestRecord, record);
    const RequestRecord back =
        RecordJson::fromJournalJson(viaText(RecordJson::toJournalJson(record)));
    QVERIFY(sameRecord(back, record));
}

void TestRecordJson::resultsFormRoundTrip() {
    QFETCH(RequestRecord, record);
    using namespace ResultFixtures;
    const QJsonObject json = viaText(RecordJson::toResultsJson(record, kRunStartNs));
    const RequestRecord back = RecordJson::fromResultsJson(json, kRunStartNs);
    // Everything the results form carries comes back to the nanosecond.
    QCOMPARE(back.tSendNs, record.tSendNs);
    QCOMPARE(back.tSchedNs, record.tSchedNs);
    QCOMPARE(back.tHeadersNs, record.tHeadersNs);
    QCOMPARE(back.tFirstEventNs, record.tFirstEventNs);
    QCOMPARE(back.tFirstContentNs, record.tFirstContentNs);
    QCOMPARE(back.tLastContentNs, record.tLastContentNs);
    QCOMPARE(back.tEndNs, record.tEndNs);
    QCOMPARE(back.contentEventNs, record.contentEventNs);
    QCOMPARE(RecordJson::toResultsJson(back, kRunStartNs),
             RecordJson::toResultsJson(record, kRunStartNs));
    QVERIFY(sameRecord(back, record));
}

void TestRecordJson::resultsFieldNamesAndUnits() {
    using namespace ResultFixtures;
    const RequestRecord r = success(1, 0, 100, 20, 5, 3);
    const QJsonObject o = RecordJson::toResultsJson(r, kRunStartNs);
    QStringList keys = o.keys();
    QStringList expected = RecordJson::resultsFields();
    keys.sort();
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(o.value(QStringLiteral("t_send_ms")).toDouble(), 100.0);
    QCOMPARE(o.value(QStringLiteral("queue_ms")).toDouble(), 0.25);
    QCOMPARE(o.value(QStringLiteral("ttft_ms")).toDouble(), 20.0);
    QCOMPARE(o.value(QStringLiteral("ttfb_ms")).toDouble(), 10.0);
    QCOMPARE(o.value(QStringLiteral("ttfe_ms")).toDouble(), 19.999);
    QCOMPARE(o.value(QStringLiteral("e2e_ms")).toDouble(), 30.000014);
    QCOMPARE(o.value(QStringLiteral("tpot_ms")).toDouble(), 5.000007);
    QCOMPARE(o.value(QStringLiteral("itl_ms")).toArray(), (QJsonArray{5.000007, 5.000007}));
    QCOMPARE(o.value(QStringLiteral("output_tokens_source")).toString(), QStringLiteral("usage"));
    QCOMPARE(o.value(QStringLiteral("http_status")).toInt(), 200);
    QCOMPARE(o.value(QStringLiteral("error")).toString(), QString());
}

void TestRecordJson::undefinedIsNull() {
    using namespace ResultFixtures;
    const QJsonObject o = RecordJson::toResultsJson(failure(3, 1, 50), kRunStartNs);
    for (const char* key : {"ttft_ms", "ttfe_ms", "e2e_ms", "tpot_ms"})
        QVERIFY2(o.value(QLatin1String(key)).isNull(), key);
    QCOMPARE(o.value(QStringLiteral("ttfb_ms")).toDouble(), 2.0);
    QCOMPARE(o.value(QStringLiteral("itl_ms")).toArray().size(), 0);
    QCOMPARE(o.value(QStringLiteral("error")).toString(), QStringLiteral("http_5xx"));
    const QJsonObject none = RecordJson::toResultsJson(RequestRecord{}, kRunStartNs);
    QVERIFY(none.value(QStringLiteral("t_send_ms")).isNull());
    QVERIFY(none.value(QStringLiteral("queue_ms")).isNull());
}

void TestRecordJson::hostileJournalLineDoesNotCrash() {
    // Wrong types, huge numbers, overflowing deltas: defaults or garbage, never UB.
    const QByteArray line = R"({"id":"x","level":1e300,"t_send_ns":9.2e18,"content_event_deltas_ns":
        [9223372036854775807, 9223372036854775807, "a", null, -5],"output_tokens":-1e20,
        "output_tokens_source":7,"error":[]})";
    const RequestRecord r = RecordJson::fromJournalJson(QJsonDocument::fromJson(line).object());
    QCOMPARE(r.level, -1);
    QCOMPARE(r.contentEventNs.size(), 5);
    QCOMPARE(r.outputTokens, 0);
    QCOMPARE(r.outputTokensSource, TokenSource::Unknown);
    const RequestRecord s = RecordJson::fromResultsJson(
        QJsonDocument::fromJson(R"({"t_send_ms":1e300,"ttft_ms":-1e300,"itl_ms":[1e308,1]})")
            .object(),
        ResultFixtures::kRunStartNs);
    QCOMPARE(s.tSendNs, -1);
    QVERIFY(s.contentEventNs.isEmpty());
    const RequestRecord t = RecordJson::fromResultsJson(
        QJsonDocument::fromJson(R"({"server_eval_ms":-3,"server_total_ms":1e300,)"
                                R"("server_load_ms":"7","server_prompt_eval_ms":12.5})")
            .object(),
        ResultFixtures::kRunStartNs);
    QCOMPARE(t.serverEvalNs, -1);
    QCOMPARE(t.serverTotalNs, -1);
    QCOMPARE(t.serverLoadNs, -1);
    QCOMPARE(t.serverPromptEvalNs, 12'500'000);
}

QTEST_GUILESS_MAIN(TestRecordJson)
#include "tst_recordjson.moc"
