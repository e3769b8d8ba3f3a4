// End to end: `plateau-cli run --interleave-with` measures two simulator presets level by
// level, A B at the first level and B A at the second, writes both results files with every
// level, journals each side's levels, and prints the compare table of A -> B: the default
// preset (5.5 ms per token) is slower than small-fast (4 ms) on TPOT, significantly, so the
// --fail-if gate on it exits 5, as `plateau-cli compare` of the two files does. Interleaving
// with until-stable, refine or shard, --fail-if without it, and a partner whose settings are
// wrong, are usage errors. A killed interleaved run is recovered as one from A's and B's
// journals.
#include "cliprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kExitRegression = 5;
constexpr int kExitUsage = 2;

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QList<int> concurrencies(const QJsonObject& results) {
    QList<int> out;
    for (const QJsonValue& level : results.value(u"levels").toArray())
        out.append(level.toObject().value(u"concurrency").toInt());
    return out;
}
} // namespace

class TestCliInterleave : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void interleavesTwoPresets() {
        QVERIFY(m_dir.isValid());
        const QString gate = QStringLiteral("tpot.p50 > +10%");
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--url"), QStringLiteral("sim:small-fast"),
             QStringLiteral("--interleave-with"), QStringLiteral("sim:default"),
             QStringLiteral("-c"), QStringLiteral("2,4"), QStringLiteral("--duration-per-level"),
             QStringLiteral("2"), QStringLiteral("--output-tokens"), QStringLiteral("16"),
             QStringLiteral("--out"), path("a.json"), QStringLiteral("--fail-if"), gate},
            m_dir.path(), 120000);
        QVERIFY2(run.exitCode == kExitRegression, qPrintable(run.describe() + run.outText()));
        const QString err = run.errText();
        // A B at level 1, B A at level 2.
        const qsizetype steps[] = {err.indexOf(u"interleave 1/4: A at level 1"),
                                   err.indexOf(u"interleave 2/4: B at level 1"),
                                   err.indexOf(u"interleave 3/4: B at level 2"),
                                   err.indexOf(u"interleave 4/4: A at level 2")};
        for (qsizetype i = 0; i < 4; ++i)
            QVERIFY2(steps[i] >= 0 && (i == 0 || steps[i] > steps[i - 1]), qPrintable(err));

        const QJsonObject a = readJsonObject(path("a.json"));
        const QJsonObject b = readJsonObject(path("a.B.json"));
        QCOMPARE(concurrencies(a), (QList<int>{2, 4}));
        QCOMPARE(concurrencies(b), (QList<int>{2, 4}));
        QVERIFY(a.value(u"profile").toObject().value(u"endpoints").toArray().size() >= 1);
        QVERIFY(QFile::exists(path("a.journal.jsonl")));
        QVERIFY(QFile::exists(path("a.journal.l2.jsonl")));
        QVERIFY(QFile::exists(path("a.journal.B.jsonl")));
        QVERIFY(QFile::exists(path("a.journal.B.l2.jsonl")));

        // The compare table: B (default) is slower per token at both levels.
        const QString out = run.outText();
        QVERIFY2(out.contains(u"BASE A"), qPrintable(out));
        QVERIFY2(out.contains(u"FAIL"), qPrintable(out));
        const CliRun compare = CliProcess::run({QStringLiteral("compare"), path("a.json"),
                                                path("a.B.json"), QStringLiteral("--fail-if"), gate,
                                                QStringLiteral("--format"), QStringLiteral("json")},
                                               m_dir.path(), 60000);
        QVERIFY2(compare.exitCode == kExitRegression, qPrintable(compare.describe()));
        int slower = 0;
        const QJsonObject report = QJsonDocument::fromJson(compare.out).object();
        for (const QJsonValue& v : report.value(u"rows").toArray()) {
            const QJsonObject row = v.toObject();
            if (row.value(u"figure").toString() != QLatin1String("tpot.p50"))
                continue;
            QVERIFY2(row.value(u"delta_percent").toDouble() > 10.0, qPrintable(compare.outText()));
            slower += row.value(u"significant").toBool() ? 1 : 0;
        }
        QCOMPARE(slower, 2);
    }

    // A run killed (SIGKILL) inside A's second level (the steps: A1 B1 B2 A2): `recover`
    // given A's and B's first journals rebuilds both sides from their level journals, B with
    // both levels, A with its first and the part of its second that was journaled, writes
    // both files and prints the compare table as the run would have. Journals that are not
    // two sides of one interleaved run are refused with the reason.
    void killedRunIsRecoveredAsOne() {
        QVERIFY(m_dir.isValid());
        QProcess process;
        process.setProcessEnvironment(CliProcess::environment(m_dir.path()));
        process.start(CliProcess::program(),
                      {QStringLiteral("run"), QStringLiteral("--url"),
                       QStringLiteral("sim:small-fast"), QStringLiteral("--interleave-with"),
                       QStringLiteral("sim:default"), QStringLiteral("-c"), QStringLiteral("2,4,8"),
                       QStringLiteral("--duration-per-level"), QStringLiteral("2"),
                       QStringLiteral("--output-tokens"), QStringLiteral("16"),
                       QStringLiteral("--journal"), path("k.jsonl"), QStringLiteral("--out"),
                       path("k.json"), QStringLiteral("--quiet")});
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(CliProcess::journalRequests(path("k.l2.jsonl")) >= 2, 60000);
        process.kill();
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(!QFile::exists(path("k.json")));
        QVERIFY(QFile::exists(path("k.B.l2.jsonl")));
        QVERIFY(!QFile::exists(path("k.l3.jsonl")));

        const CliRun recover =
            CliProcess::run({QStringLiteral("recover"), path("k.jsonl"), path("k.B.jsonl"),
                             QStringLiteral("--out"), path("r.json")},
                            m_dir.path(), 60000);
        QVERIFY2(recover.exitCode == 0, qPrintable(recover.describe()));
        QVERIFY2(recover.errText().contains(u"A: Recovered"), qPrintable(recover.errText()));
        const QJsonObject a = readJsonObject(path("r.json"));
        const QJsonObject b = readJsonObject(path("r.B.json"));
        QCOMPARE(concurrencies(a), (QList<int>{2, 4}));
        QCOMPARE(concurrencies(b), (QList<int>{2, 4}));
        const QJsonArray levelsA = a.value(u"levels").toArray();
        QCOMPARE(levelsA.at(1).toObject().value(u"requests").toInt(),
                 CliProcess::journalRequests(path("k.l2.jsonl")));
        QCOMPARE(a.value(u"requests").toArray().size(),
                 CliProcess::journalRequests(path("k.jsonl")) +
                     CliProcess::journalRequests(path("k.l2.jsonl")));
        QVERIFY(b.value(u"levels").toArray().at(1).toObject().value(u"requests").toInt() > 0);
        QVERIFY2(a.value(u"profile").toObject().value(u"endpoints").toArray().size() >= 1,
                 "A keeps its profile");
        const QString out = recover.outText();
        QVERIFY2(out.contains(u"BASE A") && out.contains(u"NEW  B") && out.contains(u"c=4"),
                 qPrintable(out));

        // Not two sides of one run: two levels of A, or A twice.
        const CliRun levels = CliProcess::run(
            {QStringLiteral("recover"), path("k.jsonl"), path("k.l2.jsonl")}, m_dir.path());
        QCOMPARE(levels.exitCode, kExitUsage);
        QVERIFY2(levels.errText().contains(u"not the two sides of one interleaved run"),
                 qPrintable(levels.errText()));
        const CliRun same = CliProcess::run(
            {QStringLiteral("recover"), path("k.jsonl"), path("k.jsonl")}, m_dir.path());
        QCOMPARE(same.exitCode, kExitUsage);
        QVERIFY2(same.errText().contains(u"both measured the same endpoint"),
                 qPrintable(same.errText()));
    }

    void refusedCombinations() {
        const QStringList base{QStringLiteral("run"), QStringLiteral("--interleave-with"),
                               QStringLiteral("sim:small-fast")};
        const CliRun stable = CliProcess::run(base + QStringList{QStringLiteral("--until-stable")},
                                              m_dir.path(), 30000);
        QCOMPARE(stable.exitCode, kExitUsage);
        QVERIFY2(stable.errText().contains(u"cannot be combined"), qPrintable(stable.errText()));
        const CliRun shard =
            CliProcess::run(base + QStringList{QStringLiteral("--shard"), QStringLiteral("0/2")},
                            m_dir.path(), 30000);
        QCOMPARE(shard.exitCode, kExitUsage);
        const CliRun unknown = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--interleave-with"), QStringLiteral("nowhere")},
            m_dir.path(), 30000);
        QCOMPARE(unknown.exitCode, kExitUsage);
        QVERIFY2(unknown.errText().contains(u"not the name of one of the profile's endpoints"),
                 qPrintable(unknown.errText()));
        // B's own settings are checked before A's first level (they were found wrong only at
        // B's turn, which ended the run with exit 0 and --quiet said nothing).
        const CliRun badPreset =
            CliProcess::run({QStringLiteral("run"), QStringLiteral("--interleave-with"),
                             QStringLiteral("sim:fast"), QStringLiteral("--quiet")},
                            m_dir.path(), 30000);
        QCOMPARE(badPreset.exitCode, kExitUsage);
        QVERIFY2(badPreset.errText().contains(u"--interleave-with: url: unknown simulator preset"),
                 qPrintable(badPreset.errText()));
        QVERIFY2(!badPreset.errText().contains(u"A at level 1"), qPrintable(badPreset.errText()));
        const CliRun gateAlone = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("--fail-if"), QStringLiteral("tpot.p50 > 5%")},
            m_dir.path(), 30000);
        QCOMPARE(gateAlone.exitCode, kExitUsage);
        QVERIFY2(gateAlone.errText().contains(u"need --interleave-with"),
                 qPrintable(gateAlone.errText()));
    }
};

QTEST_GUILESS_MAIN(TestCliInterleave)
#include "tst_cliinterleave.moc"
