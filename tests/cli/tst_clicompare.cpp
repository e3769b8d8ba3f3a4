// End to end: `plateau-cli compare` on results made by the real binary against the built-in
// simulator. Two runs of the same preset differ by noise only: no gate fails (exit 0). The
// default preset delivers ~20% less than small-fast at c=2 and 4 (5.5 ms steps instead of
// 4): the plateau_tps gate fails with its distinct exit code (5), in every output format.
// Bad conditions are usage errors (2). Answers of 16 tokens keep each stream short, so an 8 s
// level usually holds enough independent stretches for a batch-means interval; the levels run
// on (until stable) when it does not. Where NEW has no interval, a gate is said not tested.
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
        // Two levels of at least 8 s (as before: enough on a quiet machine), each going on (to
        // 20 s) until it has a throughput interval within 15%: at very high machine load 8 s
        // did not always hold enough steady window for a batch-means interval, and without
        // one no difference can be significant.
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("sim:") + preset,
             QStringLiteral("--concurrency"), QStringLiteral("2,4"),
             QStringLiteral("--stable-within"), QStringLiteral("15%,50%"),
             QStringLiteral("--level-time"), QStringLiteral("8-20"),
             QStringLiteral("--output-tokens"), QStringLiteral("16"), QStringLiteral("--out"),
             path(out), QStringLiteral("--quiet"), QStringLiteral("--assert"), assertion},
            m_dir.path(), 150000);
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

    // The documented "interval unavailable" path: NEW's throughput without its intervals
    // (as a level too short for a batch-means interval writes it). The gates' conditions hold
    // on the estimates (-20%) but nothing can test them: no failure, and every output says
    // so, row by row, instead of a plain pass.
    void missingIntervalIsSaidNotPassed() {
        QFile slow(path("slow.json"));
        QVERIFY(slow.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(slow.readAll()).object();
        QJsonArray levels = root.value(QStringLiteral("levels")).toArray();
        for (QJsonValueRef v : levels) {
            QJsonObject level = v.toObject();
            QVERIFY(level.contains(QStringLiteral("output_throughput_tps_ci95")));
            level.remove(QStringLiteral("output_throughput_tps_ci95"));
            v = level;
        }
        root.insert(QStringLiteral("levels"), levels);
        QJsonObject plateau = root.value(QStringLiteral("plateau")).toObject();
        plateau.remove(QStringLiteral("plateau_tps_ci95"));
        root.insert(QStringLiteral("plateau"), plateau);
        QFile noCi(path("slow-noci.json"));
        QVERIFY(noCi.open(QIODevice::WriteOnly));
        noCi.write(QJsonDocument(root).toJson());
        noCi.close();

        const CliRun text = compare("fast.json", "slow-noci.json", gates());
        QVERIFY2(text.exitCode == 0, qPrintable(text.describe() + text.outText()));
        const QString out = text.outText();
        QVERIFY2(out.contains(QStringLiteral("pass  plateau_tps < -5%; NOT TESTED where it held "
                                             "for 1 (no interval)")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("not tested: c=4 output_throughput_tps")),
                 qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("FAIL")), qPrintable(out));

        const CliRun json =
            compare("fast.json", "slow-noci.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        const QJsonArray gateArray =
            QJsonDocument::fromJson(json.out).object().value(QStringLiteral("gates")).toArray();
        QCOMPARE(gateArray.size(), 2);
        QCOMPARE(gateArray.at(1).toObject().value(QStringLiteral("untested")).toArray().size(), 2);
        const CliRun junit =
            compare("fast.json", "slow-noci.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("junit")});
        QVERIFY2(junit.outText().contains(QStringLiteral("failures=\"0\" skipped=\"3\"")),
                 qPrintable(junit.outText()));
        const CliRun md =
            compare("fast.json", "slow-noci.json",
                    gates() + QStringList{QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY2(md.outText().contains(QStringLiteral("not tested: sweep plateau_tps")),
                 qPrintable(md.outText()));
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
