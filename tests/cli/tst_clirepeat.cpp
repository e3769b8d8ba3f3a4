// End to end: `plateau-cli run --repeat 2` against the built-in simulator writes both
// repetitions, each level's between-run figures and one journal per repetition, prints the
// between-run table, and `plateau-cli recover` of the two journals rebuilds the same figures.
#include "cliprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

class TestCliRepeat : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void repeatedRunAndItsRecovery() {
        QVERIFY(m_dir.isValid());
        const CliRun run = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("-c"), QStringLiteral("1,4"),
             QStringLiteral("-n"), QStringLiteral("8"), QStringLiteral("--output-tokens"),
             QStringLiteral("8"), QStringLiteral("--repeat"), QStringLiteral("2"),
             QStringLiteral("--out"), path("r.json")},
            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.outText().contains(QLatin1String("Run 1 of 2:")), qPrintable(run.outText()));
        QVERIFY2(run.outText().contains(QLatin1String("Between 2 runs")),
                 qPrintable(run.outText()));
        QVERIFY2(run.outText().contains(QLatin1String("Plateau between runs:")),
                 qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QLatin1String("repeat 2/2")), qPrintable(run.errText()));
        QVERIFY(QFile::exists(path("r.journal.jsonl")));
        QVERIFY(QFile::exists(path("r.journal.rep2.jsonl")));

        const QJsonObject results = readJsonObject(path("r.json"));
        QCOMPARE(results.value(u"repeats").toArray().size(), 2);
        QCOMPARE(results.value(u"requests").toArray().size(), 16); // the first repetition's
        const QJsonArray levels = results.value(u"levels").toArray();
        QCOMPARE(levels.size(), 2);
        const QJsonObject between = levels.at(1).toObject().value(u"between_runs").toObject();
        QCOMPARE(between.value(u"runs").toInt(), 2);
        QVERIFY(between.value(u"output_tps").toObject().value(u"mean").toDouble() > 0.0);
        QCOMPARE(between.value(u"output_tps").toObject().value(u"ci95").toArray().size(), 2);
        QCOMPARE(results.value(u"profile").toObject().value(u"plan").toObject().value(u"repeat"),
                 QJsonValue(2));

        const CliRun recover = CliProcess::run({QStringLiteral("recover"), path("r.journal.jsonl"),
                                                path("r.journal.rep2.jsonl"),
                                                QStringLiteral("--out"), path("back.json")},
                                               m_dir.path(), 30000);
        QVERIFY2(recover.exitCode == 0, qPrintable(recover.describe()));
        QVERIFY2(recover.outText().contains(QLatin1String("Between 2 runs")),
                 qPrintable(recover.outText()));
        const QJsonObject back = readJsonObject(path("back.json"));
        QCOMPARE(back.value(u"repeats").toArray().size(), 2);
        const QJsonObject backBetween =
            back.value(u"levels").toArray().at(1).toObject().value(u"between_runs").toObject();
        QCOMPARE(backBetween.value(u"runs").toInt(), 2);
        const double live = between.value(u"output_tps").toObject().value(u"mean").toDouble();
        const double rebuilt =
            backBetween.value(u"output_tps").toObject().value(u"mean").toDouble();
        QVERIFY2(std::fabs(live - rebuilt) <= 1e-6 * live,
                 qPrintable(QStringLiteral("%1 vs %2").arg(live).arg(rebuilt)));
    }

    // recover J1 J2 ... refuses journals that are not repetitions of one run, saying which.
    void recoverRefusesJournalsOfOtherRuns() {
        const CliRun single = CliProcess::run(
            {QStringLiteral("run"), QStringLiteral("-c"), QStringLiteral("1"), QStringLiteral("-n"),
             QStringLiteral("2"), QStringLiteral("--output-tokens"), QStringLiteral("4"),
             QStringLiteral("--quiet"), QStringLiteral("--out"), path("single.json")},
            m_dir.path(), 60000);
        QVERIFY2(single.exitCode == 0, qPrintable(single.describe()));
        const struct {
            QStringList journals;
            const char* says;
        } cases[] = {
            {{path("r.journal.jsonl"), path("single.journal.jsonl")}, "is not a repetition"},
            {{path("single.journal.jsonl"), path("r.journal.rep2.jsonl")}, "is a single run"},
            {{path("r.journal.jsonl"), path("r.journal.jsonl")}, "the same repetition"},
        };
        for (const auto& c : cases) {
            const CliRun recover = CliProcess::run(
                QStringList{QStringLiteral("recover")} + c.journals, m_dir.path(), 30000);
            QVERIFY2(recover.exitCode == 2, qPrintable(recover.describe()));
            QVERIFY2(recover.errText().contains(QLatin1String(c.says)),
                     qPrintable(recover.errText()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepeat)
#include "tst_clirepeat.moc"
