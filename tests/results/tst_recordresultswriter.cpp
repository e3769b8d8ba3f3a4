// RecordResultsWriter must write byte for byte what the QJsonObject route wrote
// (QJsonDocument(RecordJson::toResultsJson(...)).toJson(Compact)): results files stay the
// same, only faster to save (issue 17).
#include "results/recordjson.h"
#include "results/recordresultswriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <cmath>
#include <limits>

class TstRecordResultsWriter : public QObject {
    Q_OBJECT
private:
    static constexpr qint64 kRunStartNs = 1'000'000'000;

    static QByteArray viaQt(const RequestRecord& r) {
        return QJsonDocument(RecordJson::toResultsJson(r, kRunStartNs))
            .toJson(QJsonDocument::Compact);
    }
    static QByteArray viaWriter(const RequestRecord& r) {
        QByteArray out = "prefix";
        RecordResultsWriter::append(r, kRunStartNs, &out);
        return out.mid(6);
    }
    static RequestRecord success() {
        RequestRecord r;
        r.id = 42;
        r.level = 3;
        r.tSchedNs = kRunStartNs + 1'234'567;
        r.tSendNs = kRunStartNs + 1'300'001;
        r.tHeadersNs = r.tSendNs + 2'000'003;
        r.tFirstEventNs = r.tHeadersNs + 17;
        r.tFirstContentNs = r.tFirstEventNs + 1'000'000;
        r.contentEventNs = {r.tFirstContentNs, r.tFirstContentNs + 333'333,
                            r.tFirstContentNs + 1'000'000};
        r.tLastContentNs = r.contentEventNs.last();
        r.tEndNs = r.tLastContentNs + 5;
        r.outputTokens = 3;
        r.outputTokensSource = TokenSource::Usage;
        r.inputTokens = 128;
        r.inputTokensSource = TokenSource::Estimate;
        r.httpStatus = 200;
        r.finishReason = QStringLiteral("length");
        r.requestedOutputTokens = 3;
        return r;
    }

    static QByteArray qtNumber(double value) {
        const QByteArray wrapped =
            QJsonDocument(QJsonArray{QJsonValue(value)}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }

private Q_SLOTS:
    // Every magnitude a time in ms can have (1 ns = 1e-6 ms up to months), and beyond.
    void numbersMatchQt() {
        QRandomGenerator random(1717);
        const QList<double> fixed = {0.0,   -0.0,   1e-6, 1e-5,  0.0001,  0.00012,
                                     0.001, 0.1,    0.5,  1.5,   100.25,  1e15,
                                     1e16,  1.5e16, 1e21, -1e-6, -0.0001, 123456789.000001};
        for (double d : fixed)
            QCOMPARE(RecordResultsWriter::number(d), qtNumber(d));
        for (int i = 0; i < 200000; ++i) {
            const double ns = double(qint64(random.generate64() >> random.bounded(1, 64)));
            const double ms = (random.bounded(2) ? ns : -ns) / 1e6;
            QCOMPARE(RecordResultsWriter::number(ms), qtNumber(ms));
            const double scaled = random.generateDouble() * std::pow(10.0, random.bounded(-8, 22));
            QCOMPARE(RecordResultsWriter::number(scaled), qtNumber(scaled));
        }
        QCOMPARE(RecordResultsWriter::number(qQNaN()), QByteArray("null"));
    }

    void successMatchesQt() { QCOMPARE(viaWriter(success()), viaQt(success())); }

    void ollamaTimingsMatchQt() {
        RequestRecord r = success();
        r.serverTotalNs = 198'123'456;
        r.serverLoadNs = 0;
        r.serverPromptEvalNs = 6'800'000;
        r.serverEvalNs = 170'500'001;
        r.serverRequestId = QStringLiteral("8");
        QCOMPARE(viaWriter(r), viaQt(r));
        QVERIFY(viaWriter(r).contains("\"server_prompt_eval_ms\":6.8"));
    }

    void defaultRecordMatchesQt() { QCOMPARE(viaWriter(RequestRecord()), viaQt(RequestRecord())); }

    void failureWithEscapedTextMatchesQt() {
        RequestRecord r = success();
        r.error = QStringLiteral("http_5xx");
        r.errorMessage =
            QStringLiteral("HTTP 503: \"busy\"\\ \t\n\x01 caf\u00e9 \u2603 \U0001F600");
        r.finishReason = QString();
        r.serverRequestId = QStringLiteral("req-\u00e9\x7f");
        r.warmup = true;
        r.earlyStop = true;
        r.conversationId = 9'007'199'254'740'993; // beyond a double's exact integers
        r.turnIndex = 2;
        r.prefixGroup = 0;
        r.sourceIndex = std::numeric_limits<qint64>::max();
        r.id = std::numeric_limits<quint64>::max();
        QCOMPARE(viaWriter(r), viaQt(r));
    }

    void extremeTimesMatchQt() {
        RequestRecord r = success();
        r.tSendNs = kRunStartNs + 4'000'000'000'000'000'000; // a huge offset in ms
        r.tEndNs = 0;                                        // before the run started
        r.tSchedNs = r.tSendNs - 1;                          // 1e-6 ms
        QCOMPARE(viaWriter(r), viaQt(r));
        r.tSendNs = kRunStartNs;                          // offset 0
        r.tEndNs = kRunStartNs + 100'000'000'000'000'000; // 1e11 ms, an integral double
        QCOMPARE(viaWriter(r), viaQt(r));
    }

    void randomRecordsMatchQt() {
        QRandomGenerator random(17); // fixed seed: the same records every run
        for (int i = 0; i < 2000; ++i) {
            RequestRecord r = success();
            r.id = random.generate64();
            r.level = int(random.bounded(64));
            r.tSendNs = random.bounded(2) ? -1 : kRunStartNs + qint64(random.bounded(1e13));
            r.tSchedNs = r.tSendNs < 0 ? -1 : r.tSendNs - qint64(random.bounded(1e7));
            r.tHeadersNs = r.tSendNs < 0 ? -1 : r.tSendNs + qint64(random.bounded(1e9));
            r.contentEventNs.clear();
            qint64 t = r.tHeadersNs + qint64(random.bounded(1e8));
            const int events = r.tHeadersNs < 0 ? 0 : int(random.bounded(6));
            for (int e = 0; e < events; ++e) {
                r.contentEventNs.append(t);
                t += qint64(random.bounded(1e8));
            }
            r.tFirstContentNs = events > 0 ? r.contentEventNs.first() : -1;
            r.tFirstEventNs = r.tFirstContentNs;
            r.tLastContentNs = events > 0 ? r.contentEventNs.last() : -1;
            r.tEndNs = random.bounded(4) == 0 ? -1 : t + 1;
            r.outputTokens = events == 0 ? 0 : int(random.bounded(10000));
            r.outputTokensSource = TokenSource(random.bounded(4));
            r.inputTokensSource = TokenSource(random.bounded(4));
            r.inputTokens = int(random.bounded(100000));
            r.httpStatus = int(random.bounded(600));
            // Optional fields: an embeddings request's inputs, the server's own timings and
            // request id (issue 14: the writer once dropped the timings).
            r.embeddingInputs = random.bounded(3) == 0 ? int(random.bounded(1, 100)) : 0;
            for (qint64* ns :
                 {&r.serverTotalNs, &r.serverLoadNs, &r.serverPromptEvalNs, &r.serverEvalNs})
                *ns = random.bounded(3) == 0 ? qint64(random.bounded(1e12)) : -1;
            r.serverRequestId = random.bounded(2) ? QString() : QString::number(i);
            QCOMPARE(viaWriter(r), viaQt(r));
        }
    }
};

QTEST_APPLESS_MAIN(TstRecordResultsWriter)
#include "tst_recordresultswriter.moc"
