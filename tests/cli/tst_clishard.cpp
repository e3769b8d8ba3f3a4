#include "cliprocess.h"
#include "groundtruth.h"
#include "shardtestfiles.h"
#include "simprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>

// Issue 15 end to end: two plateau-cli processes as shards of one plan against ONE simulator,
// on a wall-clock schedule, merged; the simulator's ledger decides. Shard 1's clock is 1.5 s
// ahead (PLATEAU_TEST_CLOCK_SHIFT_MS): its offset estimate must find it and the merge correct it.
namespace {
constexpr qint64 kShiftMs = 1500;
} // namespace

using namespace ShardTestFiles;

class TestCliShard : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString shardFile(int i, const char* suffix) const {
        return path(QStringLiteral("shard-%1%2").arg(i).arg(QLatin1String(suffix)));
    }

    CliRun merge(const QStringList& extra) {
        return CliProcess::run(QStringList{QStringLiteral("merge")} + extra, m_dir.path(), 30000);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=5"),
                              QStringLiteral("--set"), QStringLiteral("decode_per_seq_ms=0.05"),
                              QStringLiteral("--set"), QStringLiteral("max_batch=64")},
                             &error),
                 qPrintable(error));
        // Levels c=2 and c=5 (shares 1+1 and 3+2), 2 s each, 1 s apart, 4 s from now.
        const qint64 startAt = QDateTime::currentMSecsSinceEpoch() + 4000;
        QList<QProcess*> shards;
        for (int i = 0; i < 2; ++i) {
            auto* process = new QProcess(this);
            QProcessEnvironment env = CliProcess::environment(m_dir.path());
            if (i == 1)
                env.insert(QStringLiteral("PLATEAU_TEST_CLOCK_SHIFT_MS"),
                           QString::number(kShiftMs));
            process->setProcessEnvironment(env);
            process->start(CliProcess::program(),
                           {QStringLiteral("run"),
                            QStringLiteral("--url"),
                            m_sim.baseUrl().toString(),
                            QStringLiteral("-c"),
                            QStringLiteral("2,5"),
                            QStringLiteral("--duration-per-level"),
                            QStringLiteral("2"),
                            QStringLiteral("--output-tokens"),
                            QStringLiteral("16"),
                            QStringLiteral("--input-tokens"),
                            QStringLiteral("16"),
                            QStringLiteral("--seed"),
                            QStringLiteral("7"),
                            QStringLiteral("--shard"),
                            QStringLiteral("%1/2").arg(i),
                            QStringLiteral("--start-at"),
                            QString::number(double(startAt) / 1000.0, 'f', 3),
                            QStringLiteral("--level-gap"),
                            QStringLiteral("1"),
                            QStringLiteral("--out"),
                            shardFile(i, ".json"),
                            QStringLiteral("--journal"),
                            shardFile(i, ".journal.jsonl"),
                            QStringLiteral("--quiet")});
            shards.append(process);
        }
        for (QProcess* process : std::as_const(shards)) {
            QVERIFY(process->waitForFinished(40000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        const CliRun run = merge({shardFile(0, ".json"), shardFile(1, ".journal.jsonl"),
                                  QStringLiteral("--out"), path(QStringLiteral("merged.json"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }
    void cleanupTestCase() { QCOMPARE(m_sim.stop(), 0); }

    void eachShardRecordsItsShareAndClock() {
        const QJsonObject zero =
            readObject(shardFile(0, ".json")).value(QLatin1String("shard")).toObject();
        const QJsonObject one =
            readObject(shardFile(1, ".json")).value(QLatin1String("shard")).toObject();
        QCOMPARE(zero.value(QLatin1String("index")).toInt(), 0);
        QCOMPARE(one.value(QLatin1String("count")).toInt(), 2);
        const QJsonArray levels =
            readObject(shardFile(0, ".json")).value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels.at(1).toObject().value(QLatin1String("concurrency")).toInt(), 3);
        // The simulator's Date ticks once a second: the probe finds the tick.
        const QJsonObject clock = one.value(QLatin1String("clock")).toObject();
        QCOMPARE(clock.value(QLatin1String("source")).toString(), QStringLiteral("date_tick"));
        const double offset = clock.value(QLatin1String("offset_ms")).toDouble();
        QVERIFY2(std::abs(offset + kShiftMs) <= 100, qPrintable(QString::number(offset)));
        QVERIFY(std::abs(zero.value(QLatin1String("clock"))
                             .toObject()
                             .value(QLatin1String("offset_ms"))
                             .toDouble()) <= 100);
        // Both started their levels on the (corrected) schedule.
        for (const QJsonObject& shard : {zero, one}) {
            for (const QJsonValue& entry : shard.value(QLatin1String("schedule")).toArray())
                QVERIFY2(std::abs(entry.toObject().value(QLatin1String("lateness_ms")).toDouble()) <
                             600,
                         qPrintable(QString::fromUtf8(QJsonDocument(entry.toObject()).toJson())));
        }
    }

    void mergedMatchesTheSimulatorsLedger() {
        const QJsonObject merged = readObject(path(QStringLiteral("merged.json")));
        QCOMPARE(
            merged.value(QLatin1String("shard")).toObject().value(QLatin1String("merged")).toBool(),
            true);
        QCOMPARE(merged.value(QLatin1String("shard"))
                     .toObject()
                     .value(QLatin1String("shards"))
                     .toArray()
                     .size(),
                 2);
        QString error;
        const auto doc = m_sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(doc, qPrintable(error));
        const QList<SimRequestTruth> ledger = GroundTruth::parse(*doc);
        // Shard 0's journal holds raw monotonic times, which the simulator shares.
        const MergedClock clock = MergedClock::of(shardFile(0, ".journal.jsonl"), merged);
        auto toMonotonic = [&](double mergedMs) { return clock.toMonotonic(mergedMs); };
        const QJsonArray levels = merged.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        int mergedRequests = 0;
        for (const QJsonValue& value : levels) {
            const QJsonObject level = value.toObject();
            mergedRequests += level.value(QLatin1String("requests")).toInt() +
                              level.value(QLatin1String("warmup_requests")).toInt();
            const int total = level.value(QLatin1String("concurrency")).toInt();
            QCOMPARE(level.value(QLatin1String("max_in_flight")).toInt(), total);
            const qint64 from =
                toMonotonic(level.value(QLatin1String("window_start_ms")).toDouble());
            const qint64 to = toMonotonic(level.value(QLatin1String("window_end_ms")).toDouble());
            QVERIFY(to > from);
            double served = 0;
            for (const SimRequestTruth& r : ledger)
                served += r.fault.isEmpty() ? shareInside(r, from, to) : 0.0;
            const double ledgerRps = served / (double(to - from) / 1e9);
            const double rps = level.value(QLatin1String("request_throughput_rps")).toDouble();
            QVERIFY2(std::abs(rps - ledgerRps) <= 0.02 * ledgerRps,
                     qPrintable(QStringLiteral("c=%1: merged %2 req/s, ledger %3")
                                    .arg(total)
                                    .arg(rps)
                                    .arg(ledgerRps)));
        }
        // Every request the shards sent during their levels reached the simulator, and no
        // other did then (the calibration probes came before the start time).
        qint64 first = std::numeric_limits<qint64>::max();
        qint64 last = 0;
        for (int i = 0; i < 2; ++i) {
            QFile journal(shardFile(i, ".journal.jsonl"));
            QVERIFY(journal.open(QIODevice::ReadOnly));
            while (!journal.atEnd()) {
                const QJsonObject line = QJsonDocument::fromJson(journal.readLine()).object();
                if (line.value(QLatin1String("type")).toString() != QLatin1String("level_end"))
                    continue;
                first = std::min(first, line.value(QLatin1String("start_ns")).toInteger());
                last = std::max(last, line.value(QLatin1String("end_ns")).toInteger());
            }
        }
        int ledgerCount = 0;
        for (const SimRequestTruth& r : ledger)
            ledgerCount += r.arrivalNs >= first && r.arrivalNs <= last ? 1 : 0;
        QCOMPARE(merged.value(QLatin1String("requests")).toArray().size(), mergedRequests);
        QCOMPARE(ledgerCount, mergedRequests);
    }

    void theClockOffsetIsCorrected() {
        // Without the correction shard 1's requests land 1.5 s late: the common window of each
        // 2 s level shrinks to about half a second.
        const CliRun run =
            merge({shardFile(0, ".json"), shardFile(1, ".json"), QStringLiteral("--clock-offset"),
                   QStringLiteral("1=0"), QStringLiteral("--out"),
                   path(QStringLiteral("uncorrected.json"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonArray wrong = readObject(path(QStringLiteral("uncorrected.json")))
                                     .value(QLatin1String("levels"))
                                     .toArray();
        const QJsonArray right = readObject(path(QStringLiteral("merged.json")))
                                     .value(QLatin1String("levels"))
                                     .toArray();
        for (qsizetype i = 0; i < right.size(); ++i) {
            const double good = right.at(i).toObject().value(QLatin1String("window_s")).toDouble();
            const double bad = wrong.at(i).toObject().value(QLatin1String("window_s")).toDouble();
            QVERIFY2(good >= 1.5 && bad <= good - 1.0,
                     qPrintable(QStringLiteral("level %1: corrected %2 s, uncorrected %3 s")
                                    .arg(i)
                                    .arg(good)
                                    .arg(bad)));
        }
    }

    void aShardGivenTwiceCountsOnce() {
        const CliRun run =
            merge({shardFile(0, ".json"), shardFile(0, ".journal.jsonl"), shardFile(1, ".json"),
                   QStringLiteral("--out"), path(QStringLiteral("twice.json"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("counted once")), qPrintable(run.errText()));
        QCOMPARE(readObject(path(QStringLiteral("twice.json")))
                     .value(QLatin1String("requests"))
                     .toArray()
                     .size(),
                 readObject(path(QStringLiteral("merged.json")))
                     .value(QLatin1String("requests"))
                     .toArray()
                     .size());
    }

    void aMissingShardIsReported() {
        const CliRun run = merge(
            {shardFile(0, ".json"), QStringLiteral("--out"), path(QStringLiteral("half.json"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QLatin1String("shard 1 of 2 is missing")),
                 qPrintable(run.errText()));
        QVERIFY(!QFile::exists(path(QStringLiteral("half.json"))));
    }
};

QTEST_GUILESS_MAIN(TestCliShard)
#include "tst_clishard.moc"
