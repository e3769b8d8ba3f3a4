// End to end: `plateau-cli compare` on results made by the real binary against the built-in
// simulator. Two runs of the same preset differ by noise only: no gate fails (exit 0). The
// default preset delivers ~20% less than small-fast at c=2 and 4 (5.5 ms steps instead of
// 4): the plateau_tps gate fails with its distinct exit code (5), in every output format.
// Bad conditions are usage errors (2). Answers of 16 tokens keep each stream short, so an 8 s
// level holds enough independent stretches for a batch-means interval.
#include "cliprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {
constexpr int kExitRegression = 5; // documented in plateau-cli --help
constexpr int kExitUsage = 2;
} // namespace

class TestCliCompare : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

    // One run of `preset`; `assertion` is a --assert condition, `expectedExit` what it gives.
    void sweep(const QString& preset, const char* out, const QString& assertion, int expectedExit) {
        // Two levels of 8 s: long enough for a batch-means interval at both.
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("sim:") + preset,
             QStringLiteral("--concurrency"), QStringLiteral("2,4"),
             QStringLiteral("--duration-per-level"), QStringLiteral("8"),
             QStringLiteral("--output-tokens"), QStringLiteral("16"), QStringLiteral("--out"),
             path(out), QStringLiteral("--quiet"), QStringLiteral("--assert"), assertion},
            m_dir.path(), 120000);
        QVERIFY2(run.exitCode == expectedExit, qPrintable(run.describe() + run.outText()));
        QVERIFY(QFile::exists(path(out))); // results are written whatever the assertion says
    }

    CliRun compare(const char* base, const char* candidate, const QStringList& extra = {}) {
        return CliProcess::run(QStringList{QStringLiteral("compare"), path(base), path(candidate)} +
                                   extra,
                               m_dir.path(), 120000);
    }

    static QStringList gates() {
        return {QStringLiteral("--fail-if"), QStringLiteral("plateau_tps < -5%"),
                QStringLiteral("--fail-if"), QStringLiteral("output_throughput_tps < -5%")};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // run --assert: at c=4 the default preset delivers ~640 tok/s, small-fast ~810 (low
        // loads: at c=16 a slow ASan build on a busy machine capped both near 2,100 tok/s).
        sweep(QStringLiteral("small-fast"), "fast.json", QStringLiteral("plateau_tps >= 400"), 0);
        sweep(QStringLiteral("small-fast"), "fast2.json", QStringLiteral("knee_concurrency > 0"),
              0);
        sweep(QStringLiteral("default"), "slow.json", QStringLiteral("plateau_tps >= 100000"),
              kExitRegression);
    }

    void resultsCarryIntervals() {
        QFile file(path("fast.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray levels = root.value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        for (const QJsonValue& v : levels) {
            const QJsonObject level = v.toObject();
            const QJsonArray ci =
                level.value(QStringLiteral("output_throughput_tps_ci95")).toArray();
            QCOMPARE(ci.size(), 2);
            const double tps = level.value(QStringLiteral("output_throughput_tps")).toDouble();
            QVERIFY(ci.at(0).toDouble() < tps && tps < ci.at(1).toDouble());
            QCOMPARE(level.value(QStringLiteral("ttft_ms"))
                         .toObject()
                         .value(QStringLiteral("p50_ci95"))
                         .toArray()
                         .size(),
                     2);
        }
        QCOMPARE(root.value(QStringLiteral("plateau"))
                     .toObject()
                     .value(QStringLiteral("plateau_tps_ci95"))
                     .toArray()
                     .size(),
                 2);
    }

    void samePresetPasses() {
        const CliRun run = compare("fast.json", "fast2.json", gates());
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + run.outText()));
        QVERIFY(run.outText().contains(QStringLiteral("pass  plateau_tps < -5%")));
        QVERIFY(run.outText().contains(QStringLiteral("c=4")));
    }

    void slowerPresetFails() {
        const CliRun run = compare("fast.json", "slow.json", gates());
        QVERIFY2(run.exitCode == kExitRegression, qPrintable(run.describe() + run.outText()));
        QVERIFY2(run.outText().contains(QStringLiteral("FAIL  plateau_tps < -5%")),
                 qPrintable(run.outText()));
        // A regression beyond the threshold in the other direction is no failure.
        const CliRun reverse = compare("slow.json", "fast.json", gates());
        QVERIFY2(reverse.exitCode == 0, qPrintable(reverse.describe()));
    }

    void formats() {
        const CliRun json =
            compare("fast.json", "slow.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, kExitRegression);
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("plateau.compare/1"));
        QVERIFY(root.value(QStringLiteral("failed")).toBool());
        const QJsonObject plateau = root.value(QStringLiteral("rows")).toArray().at(0).toObject();
        QCOMPARE(plateau.value(QStringLiteral("figure")).toString(), QStringLiteral("plateau_tps"));
        QVERIFY(plateau.value(QStringLiteral("significant")).toBool());
        QVERIFY(plateau.value(QStringLiteral("delta_percent")).toDouble() < -5);

        const CliRun junit =
            compare("fast.json", "slow.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("junit")});
        QCOMPARE(junit.exitCode, kExitRegression);
        QXmlStreamReader xml(junit.out);
        int failures = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("failure"))
                ++failures;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(failures, 3); // plateau_tps, and output_throughput_tps at c=2 and c=4

        const CliRun md =
            compare("fast.json", "fast2.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.outText().contains(QStringLiteral("|level|figure|")));
    }

    void assertionUsageErrors() {
        for (const QString& bad :
             {QStringLiteral("plateau_tps >= 5%"), QStringLiteral("best_in_budget >= 3")}) {
            const CliRun run =
                CliProcess::run({QStringLiteral("run"), QStringLiteral("--url"),
                                 QStringLiteral("sim:default"), QStringLiteral("--assert"), bad},
                                m_dir.path());
            QCOMPARE(run.exitCode, kExitUsage);
            QVERIFY2(run.errText().contains(QStringLiteral("--assert")), qPrintable(run.errText()));
        }
    }

    void usageErrors() {
        QCOMPARE(compare("fast.json", "fast2.json",
                         {QStringLiteral("--fail-if"), QStringLiteral("plateau < -5%")})
                     .exitCode,
                 kExitUsage);
        QCOMPARE(
            compare("fast.json", "fast2.json", {QStringLiteral("--format"), QStringLiteral("xml")})
                .exitCode,
            kExitUsage);
        QCOMPARE(compare("fast.json", "missing.json").exitCode, kExitUsage);
        const CliRun one =
            CliProcess::run({QStringLiteral("compare"), path("fast.json")}, m_dir.path());
        QCOMPARE(one.exitCode, kExitUsage);
        QVERIFY(one.errText().contains(QStringLiteral("exactly two")));
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_clicompare.moc"
