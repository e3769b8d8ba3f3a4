// End to end: profiles. Every way a profile can be wrong gives exit 2 and one clear line
// naming the file (run and validate alike); a good profile runs, with flags on top.
#include "cliprocess.h"
#include "profile/profileio.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliProfile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString write(const QString& name, const QByteArray& bytes) {
        QFile file(path(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return path(name);
    }
    static Profile smallProfile() {
        Profile p = Profile::defaultProfile();
        p.name = QStringLiteral("e2e small");
        p.plan.concurrencies = {2};
        p.plan.requestsPerLevel = 4;
        p.plan.durationPerLevelS = 0;
        p.prompts.inputTokens = 16;
        p.prompts.outputTokens = 4;
        return p;
    }
    static QByteArray withChange(const std::function<void(QJsonObject&)>& change) {
        QJsonObject o = ProfileIo::toJson(smallProfile());
        change(o);
        return QJsonDocument(o).toJson();
    }

private Q_SLOTS:
    void badProfiles_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing file") << path(QStringLiteral("does-not-exist.json")) << QString();
        QTest::newRow("corrupt json")
            << write(QStringLiteral("corrupt.json"), "{ \"schema\": \"plateau.profile/1\", ")
            << QString();
        QTest::newRow("not an object")
            << write(QStringLiteral("array.json"), "[1, 2, 3]") << QString();
        QTest::newRow("unknown field")
            << write(QStringLiteral("unknown.json"), withChange([](QJsonObject& o) {
                         o.insert(QStringLiteral("colour"), QStringLiteral("red"));
                     }))
            << QStringLiteral("colour");
        QTest::newRow("newer schema")
            << write(QStringLiteral("newer.json"), withChange([](QJsonObject& o) {
                         o.insert(QStringLiteral("schema"), QStringLiteral("plateau.profile/99"));
                     }))
            << QStringLiteral("99");
        QTest::newRow("invalid values")
            << write(QStringLiteral("invalid.json"), withChange([](QJsonObject& o) {
                         QJsonObject plan = o.value(QLatin1String("plan")).toObject();
                         plan.insert(QStringLiteral("concurrencies"), QJsonArray{});
                         o.insert(QStringLiteral("plan"), plan);
                     }))
            << QStringLiteral("plan.concurrencies");
        QTest::newRow("literal api key")
            << write(QStringLiteral("secret.json"), withChange([](QJsonObject& o) {
                         QJsonArray endpoints = o.value(QLatin1String("endpoints")).toArray();
                         QJsonObject e = endpoints.at(0).toObject();
                         e.insert(QStringLiteral("api_key"), QStringLiteral("sk-literal-key-0000"));
                         endpoints.replace(0, e);
                         o.insert(QStringLiteral("endpoints"), endpoints);
                     }))
            << QStringLiteral("api_key");
    }
    void badProfiles() {
        QFETCH(QString, file);
        QFETCH(QString, mentions);
        for (const QString& command : {QStringLiteral("run"), QStringLiteral("validate")}) {
            const CliRun run = CliProcess::run({command, file}, m_dir.path(), 30000);
            QVERIFY2(run.exitCode == 2, qPrintable(command + QLatin1Char(' ') + run.describe()));
            const QString err = run.errText().trimmed();
            QVERIFY2(!err.isEmpty() && run.out.isEmpty(), qPrintable(run.describe()));
            if (command == QLatin1String("run")) {
                QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err)); // one line
                QVERIFY2(err.startsWith(QLatin1String("plateau-cli: ")), qPrintable(err));
            }
            QVERIFY2(err.contains(QFileInfo(file).fileName()), qPrintable(err));
            QVERIFY2(err.contains(mentions), qPrintable(err));
            QVERIFY2(!err.contains(QLatin1String("sk-literal-key")), qPrintable(err));
        }
    }
    void goodProfileValidatesAndRuns() {
        QString error;
        const QString file = path(QStringLiteral("good.json"));
        QVERIFY2(ProfileIo::save(smallProfile(), file, &error), qPrintable(error));
        const CliRun validate =
            CliProcess::run({QStringLiteral("validate"), file}, m_dir.path(), 30000);
        QVERIFY2(validate.exitCode == 0, qPrintable(validate.describe()));
        QVERIFY(validate.outText().contains(QLatin1String("OK")));

        // The profile says c=2; the flag asks for 1,3; the profile's 4 requests stay.
        const CliRun run =
            CliProcess::run({QStringLiteral("run"), file, QStringLiteral("-c"),
                             QStringLiteral("1,3"), QStringLiteral("--quiet"),
                             QStringLiteral("--out"), path(QStringLiteral("good-results.json"))},
                            m_dir.path(), 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QFile results(path(QStringLiteral("good-results.json")));
        QVERIFY(results.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(results.readAll()).object();
        const QJsonArray levels = o.value(QLatin1String("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels.at(1).toObject().value(QLatin1String("concurrency")).toInt(), 3);
        QCOMPARE(levels.at(1).toObject().value(QLatin1String("requests")).toInt(), 4);
        QCOMPARE(
            o.value(QLatin1String("profile")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("e2e small"));
    }
};

QTEST_GUILESS_MAIN(TestCliProfile)
#include "tst_cliprofile.moc"
