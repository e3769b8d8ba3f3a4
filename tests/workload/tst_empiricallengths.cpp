#include "workload/empiricallengths.h"
#include "workload/lengthsampler.h"
#include "workload/workload.h" // the umbrella header compiles on its own

#include <QTemporaryDir>
#include <QTest>

namespace {
QString writeFile(const QTemporaryDir& dir, const QByteArray& data) {
    const QString path = dir.filePath(QStringLiteral("lengths.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(data);
    return path;
}
} // namespace

class TestEmpiricalLengths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void promptAndAnswerLengths();
    void sampledFromTheFile();
    void errors();
};

void TestEmpiricalLengths::promptAndAnswerLengths() {
    QTemporaryDir dir;
    const QString path = writeFile(dir, R"({"prompt": "a b c", "completion": "d e"}
{"prompt": "one"}
{"prompt": "x y", "completion": "z"}
)");
    LengthDistribution input = LengthDistribution::empiricalFile(path);
    QString error;
    QVERIFY2(EmpiricalLengths::load(&input, EmpiricalLengths::Field::Prompt, {}, &error),
             qPrintable(error));
    QCOMPARE(input.values, (QList<int>{3, 1, 2}));
    QVERIFY(input.readyToSample());
    LengthDistribution output = LengthDistribution::empiricalFile(path);
    QVERIFY(EmpiricalLengths::load(&output, EmpiricalLengths::Field::Answer, {}, &error));
    QCOMPARE(output.values, (QList<int>{2, 1})); // no answer, no output length
}

void TestEmpiricalLengths::sampledFromTheFile() {
    QTemporaryDir dir;
    QByteArray data;
    for (int i = 1; i <= 100; ++i)
        data += "{\"prompt\": \"" + QByteArray("w ").repeated(i) + "\"}\n";
    LengthDistribution d = LengthDistribution::empiricalFile(writeFile(dir, data));
    QString error;
    QVERIFY(EmpiricalLengths::load(&d, EmpiricalLengths::Field::Prompt, {}, &error));
    QCOMPARE(d.values.size(), 100);
    QCOMPARE(d.quantile(0.5), 51);
    LengthSampler sampler(d, 1);
    for (int i = 0; i < 1000; ++i) {
        const int length = sampler.next();
        QVERIFY(length >= 1 && length <= 100);
    }
}

void TestEmpiricalLengths::errors() {
    QTemporaryDir dir;
    QString error;
    LengthDistribution fixed = LengthDistribution::fixed(3);
    QVERIFY(!EmpiricalLengths::load(&fixed, EmpiricalLengths::Field::Prompt, {}, &error));
    QCOMPARE(error, QStringLiteral("not an empirical length distribution with a file"));

    LengthDistribution missing =
        LengthDistribution::empiricalFile(dir.filePath(QStringLiteral("no.json")));
    QVERIFY(!EmpiricalLengths::load(&missing, EmpiricalLengths::Field::Prompt, {}, &error));
    QCOMPARE(error, QStringLiteral("\"no.json\": no such file"));

    LengthDistribution noAnswers = LengthDistribution::empiricalFile(writeFile(dir, "q1\nq2\n"));
    QVERIFY(!EmpiricalLengths::load(&noAnswers, EmpiricalLengths::Field::Answer, {}, &error));
    QCOMPARE(error, QStringLiteral("no entry of the dataset has a reference answer to take "
                                   "output lengths from"));
    QVERIFY(noAnswers.values.isEmpty());
}

QTEST_GUILESS_MAIN(TestEmpiricalLengths)
#include "tst_empiricallengths.moc"
