// End to end: the figures and conclusions plateau-cli prints and writes for levels that
// cannot be measured the normal way (issue 10, items 7 and 8, and "everything failed").
#include "cliprocess.h"
#include "simprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {
QJsonObject readResults(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject onlyLevel(const QJsonObject& results) {
    const QJsonArray levels = results.value(QLatin1String("levels")).toArray();
    return levels.size() == 1 ? levels.first().toObject() : QJsonObject();
}
} // namespace

class TestCliFigures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    // One request per worker of 4 tokens 100 ms apart: the steady window (all in flight,
    // until the first finishes) is at most one request long, under 10 token gaps, so it
    // cannot carry a rate. The level reports its wall-time figure, flagged, never the
    // sliver's (which read 0 tok/s in the issue).
    void slimWindowFallsBackToWallTime() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=100"),
                            QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-n"), QStringLiteral("2"),
             QStringLiteral("--output-tokens"), QStringLiteral("4"),
             QStringLiteral("--input-tokens"), QStringLiteral("8"), QStringLiteral("--out"),
             path("slim.json")},
            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject level = onlyLevel(readResults(path("slim.json")));
        QCOMPARE(level.value(QLatin1String("throughput_source")).toString(),
                 QStringLiteral("wall_time"));
        QVERIFY2(level.value(QLatin1String("throughput_note"))
                     .toString()
                     .contains(QLatin1String("shorter than 10 inter-token gaps")),
                 qPrintable(level.value(QLatin1String("throughput_note")).toString()));
        const double tps = level.value(QLatin1String("output_throughput_tps")).toDouble();
        const double total = level.value(QLatin1String("output_throughput_total_tps")).toDouble();
        QVERIFY2(tps > 0, qPrintable(QString::number(tps)));
        QCOMPARE(tps, total);
        QVERIFY2(run.outText().contains(QLatin1String("tok/s over wall time")),
                 qPrintable(run.outText()));
        QCOMPARE(sim.stop(), 0);
    }

    // Every stream fails after some tokens: they were not delivered output (the issue's
    // "2 of 2 failed, 111 tok/s"), and the summary says what happened rather than "still
    // rising; try higher concurrency".
    void everyRequestFailed() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start({QStringLiteral("--set"), QStringLiteral("rate_error_event=1"),
                            QStringLiteral("--set"), QStringLiteral("decode_base_ms=5")},
                           &error),
                 qPrintable(error));
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), sim.baseUrl().toString(),
             QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-n"), QStringLiteral("2"),
             QStringLiteral("--output-tokens"), QStringLiteral("32"), QStringLiteral("--out"),
             path("failed.json")},
            m_dir.path(), 60000);
        QCOMPARE(run.exitCode, 4); // the endpoint answered, nothing succeeded
        const QJsonObject level = onlyLevel(readResults(path("failed.json")));
        QCOMPARE(level.value(QLatin1String("successes")).toInt(-1), 0);
        QCOMPARE(level.value(QLatin1String("output_throughput_tps")).toDouble(-1), 0.0);
        const QString out = run.outText();
        QVERIFY2(out.contains(QStringLiteral("c=2: every request failed (stream_error_event ×2)")),
                 qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("still rising")), qPrintable(out));
        QCOMPARE(sim.stop(), 0);
    }

    // Fewer requests per level than workers can never put the level's concurrency in
    // flight: refused before anything is sent, with a way out (the issue's
    // `-c 1..100000 -n 2` "plateaued at c=128").
    void planShortOfRequestsIsRefused() {
        const CliRun run =
            CliProcess::run({QStringLiteral("run"), QStringLiteral("-c"), QStringLiteral("1,4"),
                             QStringLiteral("-n"), QStringLiteral("2"), QStringLiteral("--quiet")},
                            m_dir.path(), 60000);
        QCOMPARE(run.exitCode, 2);
        const QString err = run.errText();
        QVERIFY2(err.contains(QLatin1String("plan.requests_per_level")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("cannot put 4 requests in flight")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("duration per level")), qPrintable(err));
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliFigures)
#include "tst_clifigures.moc"
