// The simulator's /v1/embeddings route (issue 14) on the wire: one data entry per input,
// usage.prompt_tokens = the words of every input, the engine model's time (prefill of all the
// inputs, then one step) and the route's error shapes in OpenAI's JSON.
#include "sim/simembeddings.h"
#include "sim/simulatorthread.h"
#include "simtestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QByteArray embeddingsBody(int inputs, int wordsEach) {
    QJsonArray list;
    const QString text = QStringLiteral("w ").repeated(wordsEach).trimmed();
    for (int i = 0; i < inputs; ++i)
        list.append(text);
    return QJsonDocument(QJsonObject{{QStringLiteral("model"), QStringLiteral("e")},
                                     {QStringLiteral("input"), list}})
        .toJson(QJsonDocument::Compact);
}

SimConfig config() {
    SimConfig c;
    c.decodeBaseMs = 10.0;
    c.decodePerSeqMs = 0.0;
    c.prefillTokensPerS = 25600.0; // 256 words: 10 ms
    return c;
}

// The ledger records a request just after its last write: wait (bounded) for the first.
SimRequestTruth firstTruth(const SimulatorThread& sim) {
    for (int waited = 0; sim.requests().isEmpty() && waited < 5000; waited += 10)
        QTest::qWait(10);
    return sim.requests().value(0);
}

SimTestResponse post(const SimulatorThread& sim, const QByteArray& body) {
    return SimTestClient::exchange(sim.port(), SimTestClient::postRequest("/v1/embeddings", body));
}
} // namespace

class TestSimEmbeddings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void answerMatchesTheInputs();
    void timeIsPrefillPlusOneStep();
    void tooManyInputsIs400();
    void inputTooLongIs413();
    void badInputIs400_data();
    void badInputIs400();
};

void TestSimEmbeddings::answerMatchesTheInputs() {
    SimulatorThread sim(config());
    QVERIFY(sim.start());
    const SimTestResponse r = post(sim, embeddingsBody(3, 5));
    QCOMPARE(r.status, 200);
    const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
    const QJsonArray data = answer.value(u"data").toArray();
    QCOMPARE(data.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(data.at(i).toObject().value(u"index").toInt(), i);
        QCOMPARE(data.at(i).toObject().value(u"embedding").toArray().size(),
                 SimEmbeddings::kDimensions);
    }
    QCOMPARE(answer.value(u"usage").toObject().value(u"prompt_tokens").toInt(), 15);
    const SimRequestTruth truth = firstTruth(sim);
    QCOMPARE(truth.path, QStringLiteral("/v1/embeddings"));
    QCOMPARE(truth.promptTokens, 15);
    QCOMPARE(truth.tokensSent, 1); // the pooling step
    QCOMPARE(r.header("x-request-id"), QByteArray::number(truth.id));
}

void TestSimEmbeddings::timeIsPrefillPlusOneStep() {
    // 8 inputs of 32 words: 256 words at 25,600/s (10 ms) in a 10 ms step: 20 ms from
    // arrival to the answer, never less (the late timer only ever adds).
    SimulatorThread sim(config());
    QVERIFY(sim.start());
    QCOMPARE(post(sim, embeddingsBody(8, 32)).status, 200);
    const SimRequestTruth t = firstTruth(sim);
    const double ms = double(t.finishedNs - t.arrivalNs) / 1e6;
    QVERIFY2(ms >= 19.9 && ms < 20.0 + 200.0, qPrintable(QString::number(ms)));
    QCOMPARE(double(t.plannedFirstTokenNs - t.admittedNs) / 1e6, 20.0);
}

void TestSimEmbeddings::tooManyInputsIs400() {
    SimulatorThread sim(config());
    QVERIFY(sim.start());
    const SimTestResponse r = post(sim, embeddingsBody(SimEmbeddings::kMaxInputs + 1, 1));
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("at most 2048 inputs per request"), r.body.constData());
    QVERIFY(r.body.contains("\"invalid_request_error\""));
    QCOMPARE(firstTruth(sim).fault, QStringLiteral("bad_request"));
    const SimTestResponse ok = post(sim, embeddingsBody(SimEmbeddings::kMaxInputs, 1));
    QCOMPARE(ok.status, 200);
    QCOMPARE(QJsonDocument::fromJson(ok.body).object().value(u"data").toArray().size(),
             SimEmbeddings::kMaxInputs);
}

void TestSimEmbeddings::inputTooLongIs413() {
    SimulatorThread sim(config());
    QVERIFY(sim.start());
    const SimTestResponse r = post(sim, embeddingsBody(2, SimEmbeddings::kMaxInputTokens + 1));
    QCOMPARE(r.status, 413);
    QVERIFY2(r.body.contains("An input has 8193 tokens; the maximum per input is 8192"),
             r.body.constData());
    QCOMPARE(firstTruth(sim).fault, QStringLiteral("input_too_long"));
    QCOMPARE(post(sim, embeddingsBody(2, SimEmbeddings::kMaxInputTokens)).status, 200);
}

void TestSimEmbeddings::badInputIs400_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("missing") << QByteArray(R"({"model":"e"})");
    QTest::newRow("empty") << QByteArray(R"({"input":[]})");
    QTest::newRow("not text") << QByteArray(R"({"input":["a",3]})");
}

void TestSimEmbeddings::badInputIs400() {
    QFETCH(QByteArray, body);
    SimulatorThread sim(config());
    QVERIFY(sim.start());
    const SimTestResponse r = post(sim, body);
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("'input'"));
}

QTEST_GUILESS_MAIN(TestSimEmbeddings)
#include "tst_simembeddings.moc"
