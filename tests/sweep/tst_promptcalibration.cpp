// PromptCalibration's decisions from given probe records: the two-point fit, each
// fallback to one factor, the estimate when no probe is usable, and the probe lengths.

#include "sweep/promptcalibration.h"

#include <QTest>

namespace {
PromptSource synthetic(int tokens) {
    PromptSource source;
    source.kind = PromptSource::Kind::Synthetic;
    source.inputTokens = tokens;
    return source;
}

RequestRecord answered(int promptTokens) {
    RequestRecord record;
    record.level = -1;
    record.httpStatus = 200;
    record.inputTokens = promptTokens;
    record.inputTokensSource = TokenSource::Usage;
    return record;
}

RequestRecord noUsage(int estimate) {
    RequestRecord record = answered(estimate);
    record.inputTokensSource = TokenSource::Estimate;
    return record;
}

RequestRecord failed() {
    RequestRecord record;
    record.level = -1;
    record.httpStatus = 500;
    record.error = ErrorClass::Http5xx;
    record.errorMessage = QStringLiteral("HTTP 500");
    return record;
}
} // namespace

class TestPromptCalibration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void probeLengths_data();
    void probeLengths();
    void decisions_data();
    void decisions();
    void abandonKeepsTheProbes();
};

void TestPromptCalibration::probeLengths_data() {
    QTest::addColumn<int>("target");
    QTest::addColumn<QList<int>>("words");
    QTest::newRow("1") << 1 << QList<int>{1, 65};
    QTest::newRow("32") << 32 << QList<int>{32, 128};
    QTest::newRow("1024") << 1024 << QList<int>{1024, 4096};
    QTest::newRow("8000: a quarter, never beyond the context") << 8000 << QList<int>{8000, 2000};
}

void TestPromptCalibration::probeLengths() {
    QFETCH(int, target);
    QFETCH(QList<int>, words);
    QCOMPARE(PromptCalibration::probeWordsFor(target), words);
    const PromptCalibration calibration(synthetic(target), 9);
    for (int i = 0; i < PromptCalibration::kProbes; ++i) {
        const Prompt prompt = calibration.probePrompts(i)->prompt(calibration.probePromptIndex(i));
        QCOMPARE(PromptGenerator::wordCount(prompt.text), words.at(i));
        QCOMPARE(prompt.estimatedTokens, words.at(i)); // uncalibrated: the estimate is the words
        QVERIFY(calibration.probePromptIndex(i) >= PromptCalibration::kFirstProbeIndex);
    }
}

void TestPromptCalibration::decisions_data() {
    QTest::addColumn<QList<RequestRecord>>("probes");
    QTest::addColumn<QString>("method");
    QTest::addColumn<double>("overhead");
    QTest::addColumn<double>("slope");
    QTest::addColumn<int>("words");      // synthetic prompt words for the 32-token target
    QTest::addColumn<QString>("reason"); // in the message
    // Target 32: probes of 32 and 128 words.
    QTest::newRow("two-point") << QList<RequestRecord>{answered(48), answered(144)} << "two_point"
                               << 16.0 << 1.0 << 16 << "16.000 + 1.000 tokens per word";
    QTest::newRow("second probe failed: one factor from the first")
        << QList<RequestRecord>{answered(48), failed()} << "factor" << 0.0 << 1.5 << 21
        << "probe 2 failed (http_5xx";
    QTest::newRow("first probe failed: one factor from the second")
        << QList<RequestRecord>{failed(), answered(256)} << "factor" << 0.0 << 2.0 << 16
        << "probe 1 failed (http_5xx";
    QTest::newRow("no usage on the second probe")
        << QList<RequestRecord>{answered(48), noUsage(128)} << "factor" << 0.0 << 1.5 << 21
        << "probe 2 reported no usage.prompt_tokens";
    QTest::newRow("degenerate fit: one factor")
        << QList<RequestRecord>{answered(48), answered(40)} << "factor" << 0.0 << 1.5 << 21
        << "the two-point fit was degenerate";
    QTest::newRow("both failed: the estimate")
        << QList<RequestRecord>{failed(), failed()} << "none" << 0.0 << 1.0 << 32
        << "prompt calibration skipped (probe 1 failed";
    QTest::newRow("no usage at all: the estimate")
        << QList<RequestRecord>{noUsage(32), noUsage(128)} << "none" << 0.0 << 1.0 << 32
        << "input tokens are estimates";
}

void TestPromptCalibration::decisions() {
    QFETCH(QList<RequestRecord>, probes);
    QFETCH(QString, method);
    QFETCH(double, overhead);
    QFETCH(double, slope);
    QFETCH(int, words);
    QFETCH(QString, reason);
    PromptCalibration calibration(synthetic(32), 5);
    for (const RequestRecord& probe : probes)
        calibration.addProbe(probe);
    PromptGenerator generator(synthetic(32), 5);
    const CalibrationInfo info = calibration.finish(&generator);
    QCOMPARE(info.method, method);
    QCOMPARE(info.overheadTokens, overhead);
    QCOMPARE(info.tokensPerEstimatedToken, slope);
    QCOMPARE(generator.syntheticWords(), words);
    QCOMPARE(info.probes.size(), probes.size());
    QCOMPARE(info.probeEstimatedTokens, (QList<int>{32, 128}));
    QVERIFY2(info.message.contains(reason), qPrintable(info.message));
}

void TestPromptCalibration::abandonKeepsTheProbes() {
    PromptCalibration calibration(synthetic(32), 5);
    calibration.addProbe(failed());
    const CalibrationInfo info = calibration.abandon(QStringLiteral("stopped"));
    QCOMPARE(info.method, QStringLiteral("none"));
    QCOMPARE(info.message, QStringLiteral("stopped"));
    QCOMPARE(info.probes.size(), qsizetype(1));
    QCOMPARE(info.probes.first().error, ErrorClass::Http5xx);
}

QTEST_GUILESS_MAIN(TestPromptCalibration)
#include "tst_promptcalibration.moc"
