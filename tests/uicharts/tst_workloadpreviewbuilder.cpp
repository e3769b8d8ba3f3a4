#include "models/workloadpreviewbuilder.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using Kind = WorkloadSettings::Kind;

namespace {
QString words(int count, const QString& word) {
    QStringList list;
    for (int i = 0; i < count; ++i)
        list << word;
    return list.join(u' ');
}

// A ShareGPT entry whose question has `question` words and answer `answer` words.
QByteArray shareGpt(int question, int answer) {
    return QStringLiteral(R"({"conversations": [{"from": "human", "value": "%1"},)"
                          R"( {"from": "gpt", "value": "%2"}]})")
        .arg(words(question, QStringLiteral("ask")), words(answer, QStringLiteral("say")))
        .toUtf8();
}

Profile profileOf(Kind kind) {
    Profile profile = Profile::defaultProfile();
    profile.plan.seed = 42;
    profile.workload.kind = kind;
    return profile;
}
} // namespace

class TstWorkloadPreviewBuilder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixedLengthsFromTheSweepTab();
    void distributionsAreDrawnWithTheSeed();
    void sharedPrefixAddsThePrefix();
    void datasetShowsItsRealLengths();
    void datasetWithoutReferenceUsesTheOutputDistribution();
    void malformedEntriesAreCountedWithReasons();
    void datasetWithoutUsableEntryIsAClearError();
    void missingFileIsAnError();
    void cancelledReadIsReported();
    void syntheticConversationsGrowWithTheHistory();
    void traceLengthsAndRate();

private:
    QString write(const QString& name, const QByteArray& data);
    QTemporaryDir m_dir;
};

void TstWorkloadPreviewBuilder::initTestCase() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
}

QString TstWorkloadPreviewBuilder::write(const QString& name, const QByteArray& data) {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write the fixture");
    return path;
}

void TstWorkloadPreviewBuilder::fixedLengthsFromTheSweepTab() {
    Profile profile = profileOf(Kind::Synthetic);
    profile.prompts.inputTokens = 300;
    profile.prompts.outputTokens = 70;
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile, {}, 500);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.input.count(), 500);
    QCOMPARE(preview.input.bins().size(), 1);
    QCOMPARE(preview.input.p50(), 300);
    QCOMPARE(preview.output.p90(), 70);
    QCOMPARE(preview.samples.size(), WorkloadPreviewBuilder::kSamples);
    // Uncalibrated synthetic text: one word per token.
    QVERIFY2(preview.samples.constFirst().startsWith(QStringLiteral("300 words: ")),
             qPrintable(preview.samples.constFirst()));
}

void TstWorkloadPreviewBuilder::distributionsAreDrawnWithTheSeed() {
    Profile profile = profileOf(Kind::Synthetic);
    profile.workload.input = LengthDistribution::uniform(100, 900);
    profile.workload.output = LengthDistribution::normal(200.0, 50.0, 1, 1000);
    const WorkloadPreview a = WorkloadPreviewBuilder::build(profile);
    QCOMPARE(a.input.count(), WorkloadPreviewBuilder::kDraws);
    QVERIFY(a.input.min() >= 100 && a.input.max() <= 900);
    QVERIFY(a.input.bins().size() > 10);
    QVERIFY2(std::abs(a.input.mean() - 500.0) < 25.0, qPrintable(QString::number(a.input.mean())));
    QVERIFY2(std::abs(a.output.mean() - 200.0) < 6.0, qPrintable(QString::number(a.output.mean())));
    // The same seed draws the same lengths; another seed others.
    const WorkloadPreview same = WorkloadPreviewBuilder::build(profile);
    QCOMPARE(same.input.bins(), a.input.bins());
    QCOMPARE(same.samples, a.samples);
    profile.plan.seed = 43;
    QVERIFY(WorkloadPreviewBuilder::build(profile).input.bins() != a.input.bins());
}

void TstWorkloadPreviewBuilder::sharedPrefixAddsThePrefix() {
    Profile profile = profileOf(Kind::Synthetic);
    profile.workload.input = LengthDistribution::fixed(50);
    profile.workload.sharedPrefix.enabled = true;
    profile.workload.sharedPrefix.groups = 4;
    profile.workload.sharedPrefix.prefixTokens = 200;
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile, {}, 100);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.input.p50(), 250);
    QVERIFY(preview.note.contains(QStringLiteral("4 shared prefixes of 200 tokens")));
    QCOMPARE(preview.samples.size(), 3);
    QVERIFY2(preview.samples.constFirst().startsWith(QStringLiteral("250 words")),
             qPrintable(preview.samples.constFirst()));
}

void TstWorkloadPreviewBuilder::datasetShowsItsRealLengths() {
    Profile profile = profileOf(Kind::Dataset);
    profile.workload.dataset.path =
        write(QStringLiteral("lengths.json"),
              "[" + shareGpt(10, 100) + ",\n" + shareGpt(20, 200) + ",\n" + shareGpt(30, 300) +
                  ",\n" + shareGpt(40, 400) + ",\n" + shareGpt(1000, 5) + "]");
    profile.workload.dataset.maxPromptWords = 100; // leaves the 1,000-word entry out
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.input.count(), 4);
    QCOMPARE(preview.input.min(), 10);
    QCOMPARE(preview.input.max(), 40);
    QCOMPARE(preview.input.mean(), 25.0);
    QCOMPARE(preview.output.count(), 4); // the reference answers
    QCOMPARE(preview.output.p90(), 400);
    QVERIFY(preview.inputTitle.contains(QStringLiteral("lengths.json")));
    QVERIFY2(preview.note.startsWith(QStringLiteral("4 usable entries (ShareGPT JSON)")),
             qPrintable(preview.note));
    QVERIFY(preview.note.contains(QStringLiteral("1 outside the prompt length filter")));
    QCOMPARE(preview.samples.size(), 3);
    for (const QString& sample : preview.samples)
        QVERIFY2(sample.contains(QStringLiteral("words: ask ask")), qPrintable(sample));
}

void TstWorkloadPreviewBuilder::datasetWithoutReferenceUsesTheOutputDistribution() {
    Profile profile = profileOf(Kind::Dataset);
    profile.workload.dataset.path = write(QStringLiteral("noref.json"),
                                          "[" + shareGpt(10, 100) + "," + shareGpt(20, 200) + "]");
    profile.workload.dataset.outputFromReference = false;
    profile.workload.output = LengthDistribution::fixed(64);
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile, {}, 300);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.output.count(), 300);
    QCOMPARE(preview.output.p50(), 64);
    QVERIFY(preview.outputTitle.startsWith(QStringLiteral("Output tokens asked for")));
}

void TstWorkloadPreviewBuilder::malformedEntriesAreCountedWithReasons() {
    Profile profile = profileOf(Kind::Dataset);
    profile.workload.dataset.path =
        write(QStringLiteral("bad.json"),
              "[" + shareGpt(5, 5) + ",\n42,\n{\"id\": \"x\"},\n" + shareGpt(6, 6) + ",\nnull]");
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.input.count(), 2);
    QVERIFY2(preview.note.contains(QStringLiteral("3 malformed entries skipped (entry 2: an entry "
                                                  "must be an object, not a number")),
             qPrintable(preview.note));
}

void TstWorkloadPreviewBuilder::datasetWithoutUsableEntryIsAClearError() {
    Profile profile = profileOf(Kind::Dataset);
    profile.workload.dataset.path =
        write(QStringLiteral("none.json"), R"([{"id": 1}, {"conversations": []}])");
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile);
    QVERIFY(!preview.ok());
    QVERIFY(!preview.cancelled);
    QVERIFY2(preview.error.startsWith(QStringLiteral("none.json: ")), qPrintable(preview.error));
    QVERIFY2(preview.error.contains(QStringLiteral("2 malformed entries skipped")),
             qPrintable(preview.error));
    QVERIFY(preview.input.isEmpty());
}

void TstWorkloadPreviewBuilder::missingFileIsAnError() {
    Profile profile = profileOf(Kind::Trace);
    profile.workload.trace.path = m_dir.filePath(QStringLiteral("missing.jsonl"));
    QVERIFY(!WorkloadPreviewBuilder::build(profile).error.isEmpty());
    profile.workload.trace.path.clear();
    QCOMPARE(WorkloadPreviewBuilder::build(profile).error,
             QStringLiteral("Choose a trace file to see its requests."));
}

void TstWorkloadPreviewBuilder::cancelledReadIsReported() {
    Profile profile = profileOf(Kind::Dataset);
    profile.workload.dataset.path =
        write(QStringLiteral("cancel.json"), "[" + shareGpt(10, 10) + "]");
    int calls = 0;
    const WorkloadPreview preview =
        WorkloadPreviewBuilder::build(profile, [&calls](qint64, qint64) {
            ++calls;
            return false;
        });
    QVERIFY(calls > 0);
    QVERIFY(preview.cancelled);
    QVERIFY(!preview.ok());
}

void TstWorkloadPreviewBuilder::syntheticConversationsGrowWithTheHistory() {
    Profile profile = profileOf(Kind::Conversations);
    profile.workload.conversations.turns = 3;
    profile.workload.input = LengthDistribution::fixed(10);
    profile.workload.output = LengthDistribution::fixed(20);
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile, {}, 300);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    // Turn 1 sends 10 words, turn 2: 10 + 20 + 10, turn 3: 40 + 20 + 10.
    QCOMPARE(preview.input.count(), 300);
    QCOMPARE(preview.input.min(), 10);
    QCOMPARE(preview.input.max(), 70);
    QCOMPARE(preview.input.mean(), 40.0);
    QCOMPARE(preview.output.p50(), 20);
}

void TstWorkloadPreviewBuilder::traceLengthsAndRate() {
    Profile profile = profileOf(Kind::Trace);
    QByteArray trace;
    for (int i = 0; i < 11; ++i)
        trace += QStringLiteral(R"({"timestamp": %1, "input_length": %2, "output_length": %3})")
                     .arg(i * 100)
                     .arg(100 + 10 * i)
                     .arg(50)
                     .toUtf8() +
                 "\n";
    trace += "not json\n";
    profile.workload.trace.path = write(QStringLiteral("trace.jsonl"), trace);
    profile.workload.trace.speed = 2.0; // 11 requests over 0.5 s: 20 req/s
    const WorkloadPreview preview = WorkloadPreviewBuilder::build(profile);
    QVERIFY2(preview.ok(), qPrintable(preview.error));
    QCOMPARE(preview.input.count(), 11);
    QCOMPARE(preview.input.min(), 100);
    QCOMPARE(preview.input.max(), 200);
    QCOMPARE(preview.output.p50(), 50);
    QVERIFY2(preview.note.startsWith(QStringLiteral("11 requests over 0.5 s (20.0 req/s)")),
             qPrintable(preview.note));
    QVERIFY(preview.note.contains(QStringLiteral("1 malformed entry skipped")));
    QCOMPARE(preview.samples.size(), 3);
    QVERIFY2(preview.samples.constFirst().startsWith(QStringLiteral("100 words")),
             qPrintable(preview.samples.constFirst()));
    // A window with nothing in it.
    profile.workload.trace.windowStartS = 100.0;
    QVERIFY(WorkloadPreviewBuilder::build(profile).error.contains(QStringLiteral("window")));
}

QTEST_GUILESS_MAIN(TstWorkloadPreviewBuilder)
#include "tst_workloadpreviewbuilder.moc"
