#include "cliprocess.h"
#include "groundtruth.h"
#include "shardtestfiles.h"
#include "simprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ShardTestFiles;

// Issue 15, open loop end to end: two plateau-cli shards of a rate plan (--rate 16,32, each
// shard sending half with its own arrival seed) against one simulator, merged. The merged
// levels carry the plan's total rates, and their throughput over the common window matches
// the simulator's ledger: the window starts only once both shards were issuing (before that
// fix it started at the first shard's first arrival, counting a stretch where only one sent).
class TestCliShardRate : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SimProcess m_sim;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString shardFile(int i, const char* suffix) const {
        return path(QStringLiteral("rate-%1%2").arg(i).arg(QLatin1String(suffix)));
    }

    QStringList shardArgs(int i, qint64 startAtMs) const {
        return {QStringLiteral("run"),
                QStringLiteral("--url"),
                m_sim.baseUrl().toString(),
                QStringLiteral("--rate"),
                QStringLiteral("16,32"),
                QStringLiteral("--duration-per-level"),
                QStringLiteral("3"),
                QStringLiteral("--output-tokens"),
                QStringLiteral("8"),
                QStringLiteral("--input-tokens"),
                QStringLiteral("16"),
                QStringLiteral("--seed"),
                QStringLiteral("11"),
                QStringLiteral("--shard"),
                QStringLiteral("%1/2").arg(i),
                QStringLiteral("--start-at"),
                QString::number(double(startAtMs) / 1000.0, 'f', 3),
                QStringLiteral("--level-gap"),
                QStringLiteral("1"),
                QStringLiteral("--out"),
                shardFile(i, ".json"),
                QStringLiteral("--journal"),
                shardFile(i, ".journal.jsonl"),
                QStringLiteral("--quiet")};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start({QStringLiteral("--set"), QStringLiteral("decode_base_ms=5"),
                              QStringLiteral("--set"), QStringLiteral("max_batch=64")},
                             &error),
                 qPrintable(error));
        const qint64 startAt = QDateTime::currentMSecsSinceEpoch() + 4000;
        QList<QProcess*> shards;
        for (int i = 0; i < 2; ++i) {
            auto* process = new QProcess(this);
            process->setProcessEnvironment(CliProcess::environment(m_dir.path()));
            process->start(CliProcess::program(), shardArgs(i, startAt));
            shards.append(process);
        }
        for (QProcess* process : std::as_const(shards)) {
            QVERIFY(process->waitForFinished(40000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        const CliRun run =
            CliProcess::run({QStringLiteral("merge"), shardFile(0, ".json"), shardFile(1, ".json"),
                             QStringLiteral("--out"), path(QStringLiteral("merged.json"))},
                            m_dir.path(), 30000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }
    void cleanupTestCase() { QCOMPARE(m_sim.stop(), 0); }

    void eachShardSendsHalfTheRate() {
        for (int i = 0; i < 2; ++i) {
            const QJsonArray levels =
                readObject(shardFile(i, ".json")).value(QLatin1String("levels")).toArray();
            QCOMPARE(levels.size(), 2);
            QCOMPARE(levels.at(0).toObject().value(QLatin1String("rate")).toDouble(), 8.0);
            QCOMPARE(levels.at(1).toObject().value(QLatin1String("rate")).toDouble(), 16.0);
        }
    }

    void mergedRatesMatchTheLedger() {
        const QJsonObject merged = readObject(path(QStringLiteral("merged.json")));
        QString error;
        const auto doc = m_sim.get(QStringLiteral("/sim/requests"), &error);
        QVERIFY2(doc, qPrintable(error));
        const QList<SimRequestTruth> ledger = GroundTruth::parse(*doc);
        const MergedClock clock = MergedClock::of(shardFile(0, ".journal.jsonl"), merged);
        const QJsonArray levels = merged.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        const double planned[] = {16.0, 32.0};
        for (qsizetype i = 0; i < levels.size(); ++i) {
            const QJsonObject level = levels.at(i).toObject();
            QCOMPARE(level.value(QLatin1String("rate")).toDouble(), planned[i]);
            const qint64 from =
                clock.toMonotonic(level.value(QLatin1String("window_start_ms")).toDouble());
            const qint64 to =
                clock.toMonotonic(level.value(QLatin1String("window_end_ms")).toDouble());
            QVERIFY(to > from);
            // The common window: inside every shard's own window of the level.
            for (int shard = 0; shard < 2; ++shard) {
                const QJsonObject own = readObject(shardFile(shard, ".json"))
                                            .value(QLatin1String("levels"))
                                            .toArray()
                                            .at(i)
                                            .toObject();
                const double shift =
                    MergedClock::of(shardFile(shard, ".journal.jsonl"), merged).shift0Ms;
                const double start = own.value(QLatin1String("window_start_ms")).toDouble();
                const double end = own.value(QLatin1String("window_end_ms")).toDouble();
                QVERIFY2(
                    level.value(QLatin1String("window_start_ms")).toDouble() >=
                            start + shift - 1.0 &&
                        level.value(QLatin1String("window_end_ms")).toDouble() <= end + shift + 1.0,
                    qPrintable(QStringLiteral("rate %1, shard %2: window %3-%4 ms, the "
                                              "shard's %5-%6 ms")
                                   .arg(planned[i])
                                   .arg(shard)
                                   .arg(level.value(QLatin1String("window_start_ms")).toDouble())
                                   .arg(level.value(QLatin1String("window_end_ms")).toDouble())
                                   .arg(start + shift)
                                   .arg(end + shift)));
            }
            double served = 0;
            for (const SimRequestTruth& r : ledger)
                served += r.fault.isEmpty() ? shareInside(r, from, to) : 0.0;
            const double ledgerRps = served / (double(to - from) / 1e9);
            const double rps = level.value(QLatin1String("request_throughput_rps")).toDouble();
            const QString what = QStringLiteral("rate %1: merged %2 req/s, ledger %3")
                                     .arg(planned[i])
                                     .arg(rps)
                                     .arg(ledgerRps);
            QVERIFY2(std::abs(rps - ledgerRps) <= 0.02 * ledgerRps, qPrintable(what));
            // Poisson arrivals over a ~3 s window: the total rate within 35% of the plan.
            QVERIFY2(std::abs(rps - planned[i]) <= 0.35 * planned[i], qPrintable(what));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliShardRate)
#include "tst_clishardrate.moc"
