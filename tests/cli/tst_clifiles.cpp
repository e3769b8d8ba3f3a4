// End to end, files and disk: what plateau-cli reads is capped whatever the file is,
// what it writes is a regular file or standard output ("-"), a journal that cannot be
// written is reported at once while the run goes on, and a rerun never destroys a journal
// that may still need recovering. Runs against the built-in simulator, short requests.
#include "cliprocess.h"
#include "results/journalreader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr int kTimeoutMs = 120000;

// A short sweep of the built-in simulator: 2 levels x 12 requests of 8 tokens.
QStringList shortRun(const QStringList& extra) {
    return QStringList{QStringLiteral("run"), QStringLiteral("--url"),
                       QStringLiteral("sim"), QStringLiteral("-c"),
                       QStringLiteral("1,2"), QStringLiteral("-n"),
                       QStringLiteral("12"),  QStringLiteral("--output-tokens"),
                       QStringLiteral("8"),   QStringLiteral("--input-tokens"),
                       QStringLiteral("16"),  QStringLiteral("--quiet")} +
           extra;
}

// plateau-cli in `workDir`, optionally with a file-size limit: writes to files beyond
// `fileSizeLimit` bytes fail with EFBIG, as a full disk fails with ENOSPC (no root, no
// tmpfs needed; pipes such as standard output are not affected).
CliRun runIn(const QString& workDir, const QStringList& args, qint64 fileSizeLimit = -1) {
    std::function<void()> lowerLimit;
    if (fileSizeLimit > 0) {
        lowerLimit = [fileSizeLimit] {
            std::signal(SIGXFSZ, SIG_IGN); // kept across exec: EFBIG instead of a dead process
            rlimit limit = {};
            ::getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = rlim_t(fileSizeLimit);
            ::setrlimit(RLIMIT_FSIZE, &limit);
        };
    }
    return CliProcess::run(args, workDir, kTimeoutMs, {}, workDir, lowerLimit);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int typeOf(const QString& path) {
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & S_IFMT) : -1;
}
} // namespace

class TestCliFiles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::signal(SIGPIPE, SIG_IGN);
    }

    void validateStopsAtTheCapWhateverTheFile() {
        // Before: /dev/zero (or a pipe) was read until the memory ran out.
        const CliRun zero = CliProcess::run(
            {QStringLiteral("validate"), QStringLiteral("/dev/zero")}, m_dir.path(), kTimeoutMs);
        QCOMPARE(zero.exitCode, 2);
        QVERIFY2(zero.errText().contains(
                     QStringLiteral("/dev/zero: is larger than the 16 MiB a profile may have")),
                 qPrintable(zero.describe()));

        // A FIFO whose writer never stops and never closes.
        const QString fifo = path("endless.json");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        std::atomic<bool> stop{false};
        std::unique_ptr<QThread> writer(QThread::create([&] {
            int fd = -1;
            while (fd < 0 && !stop.load()) {
                fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                if (fd < 0)
                    QThread::msleep(5);
            }
            if (fd < 0 || ::fcntl(fd, F_SETFL, 0) != 0)
                return;
            const QByteArray chunk(64 * 1024, ' ');
            while (!stop.load() && ::write(fd, chunk.constData(), size_t(chunk.size())) > 0) {
            }
            while (!stop.load())
                QThread::msleep(10);
            ::close(fd);
        }));
        writer->start();
        const CliRun pipe =
            CliProcess::run({QStringLiteral("validate"), fifo}, m_dir.path(), kTimeoutMs);
        stop = true;
        writer->wait();
        QCOMPARE(pipe.exitCode, 2);
        QVERIFY2(pipe.errText().contains(QStringLiteral("is larger than the 16 MiB a profile")),
                 qPrintable(pipe.describe()));
    }

    void theSimulatorsFilesGetTheSameRules() {
        // --config was read without a cap, --request-log opened whatever the path named.
        const CliRun config = CliProcess::run(
            {QStringLiteral("sim"), QStringLiteral("--config"), QStringLiteral("/dev/zero")},
            m_dir.path(), kTimeoutMs);
        QCOMPARE(config.exitCode, 2);
        QVERIFY2(config.errText().contains(
                     QStringLiteral("is larger than the 1 MiB a simulator config may have")),
                 qPrintable(config.describe()));
        const CliRun log =
            CliProcess::run({QStringLiteral("sim"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--request-log"), QStringLiteral("/dev/null")},
                            m_dir.path(), kTimeoutMs);
        QCOMPARE(log.exitCode, 1);
        QVERIFY2(log.errText().contains(
                     QStringLiteral("--request-log: /dev/null: is a character device")),
                 qPrintable(log.describe()));
        QCOMPARE(typeOf(QStringLiteral("/dev/null")), int(S_IFCHR));
    }

    void outputsThatAreNotRegularFilesAreRefusedBeforeRunning_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("expected");
        const QString fifo = path("out.fifo");
        if (typeOf(fifo) < 0)
            QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QTest::newRow("device") << QStringList{QStringLiteral("--out"), QStringLiteral("/dev/null")}
                                << QStringLiteral("--out /dev/null: is a character device");
        QTest::newRow("FIFO") << QStringList{QStringLiteral("--csv"), fifo}
                              << QStringLiteral("--csv %1: is a FIFO").arg(fifo);
        QTest::newRow("directory") << QStringList{QStringLiteral("--out"), m_dir.path()}
                                   << QStringLiteral("--out %1: is a directory").arg(m_dir.path());
        QTest::newRow("two on stdout") << QStringList{QStringLiteral("--out"), QStringLiteral("-"),
                                                      QStringLiteral("--csv"), QStringLiteral("-")}
                                       << QStringLiteral("only one file can go there");
    }
    void outputsThatAreNotRegularFilesAreRefusedBeforeRunning() {
        QFETCH(QStringList, flags);
        QFETCH(QString, expected);
        const CliRun run = runIn(m_dir.path(), shortRun(flags));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(expected), qPrintable(run.describe()));
        QVERIFY2(!run.outText().contains(QLatin1String("out tok/s")), "nothing ran");
        QCOMPARE(typeOf(QStringLiteral("/dev/null")), int(S_IFCHR));
        QCOMPARE(typeOf(path("out.fifo")), int(S_IFIFO));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/null.journal.jsonl")));
    }

    void dashIsStandardOutput() {
        // Before: "--out -" wrote a file named "-".
        const QString work = path("dash");
        QVERIFY(QDir().mkpath(work));
        const CliRun run = runIn(work, shortRun({QStringLiteral("--out"), QStringLiteral("-")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QJsonParseError error;
        const QJsonObject results = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(results.value(QLatin1String("schema")).toString(),
                 QStringLiteral("plateau.results/1"));
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(), 24);
        // The table and the list of files moved to stderr; the journal went to the cache.
        QVERIFY2(run.errText().contains(QLatin1String("out tok/s")), qPrintable(run.describe()));
        QVERIFY2(run.errText().contains(QLatin1String("Wrote results: standard output")),
                 qPrintable(run.describe()));
        QVERIFY(!QFile::exists(work + QStringLiteral("/-")));
        QVERIFY(!QFile::exists(work + QStringLiteral("/-.journal.jsonl")));
    }

    void aJournalThatCannotBeWrittenIsReportedAtOnce() {
        // An 8 KiB file-size limit: the journal fails within the first level, as on a full
        // disk. Before: no word until the end, then "Wrote journal" and exit 0.
        const QString journal = path("full.jsonl");
        const CliRun run = runIn(m_dir.path(),
                                 shortRun({QStringLiteral("--journal"), journal,
                                           QStringLiteral("--out"), QStringLiteral("-")}),
                                 8 * 1024);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        const QString err = run.errText();
        const QString warning = QStringLiteral("warning: %1: cannot write: File too large; the "
                                               "journal stops here")
                                    .arg(journal);
        QCOMPARE(err.count(warning), 1); // once, even with --quiet
        QVERIFY2(!err.contains(QLatin1String("Wrote journal")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("journal incomplete: %1: cannot write: File too large")
                                  .arg(journal)),
                 qPrintable(err));
        // The run went on: every request is in the results, which say what became of the
        // journal.
        const QJsonObject results = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(results.value(QLatin1String("requests")).toArray().size(), 24);
        const QJsonObject status = results.value(QLatin1String("journal")).toObject();
        QCOMPARE(status.value(QLatin1String("path")).toString(), journal);
        QCOMPARE(status.value(QLatin1String("ok")), QJsonValue(false));
        QVERIFY(status.value(QLatin1String("error"))
                    .toString()
                    .endsWith(QLatin1String("File too large")));
        // What the journal holds ends on a complete line and is recoverable.
        const QByteArray data = readAll(journal);
        QVERIFY(data.size() > 0 && data.size() <= 8 * 1024);
        QVERIFY(data.endsWith('\n'));
        QString error;
        QString note;
        const auto recovered = JournalReader::read(journal, &error, &note);
        QVERIFY2(recovered.has_value(), qPrintable(error));
        QVERIFY(recovered->records.size() < 24);
        QVERIFY2(!note.contains(QLatin1String("cut off")), qPrintable(note));
    }

    void aRerunKeepsAJournalThatMayNeedRecovering() {
        // Before: the rerun truncated r.journal.jsonl without a word.
        const QString work = path("rerun");
        QVERIFY(QDir().mkpath(work));
        const QString old = work + QStringLiteral("/r.journal.jsonl");
        QFile killed(old);
        QVERIFY(killed.open(QIODevice::WriteOnly));
        killed.write("{\"type\":\"run\",\"schema\":\"plateau.journal/1\"}\n"); // no end line
        killed.close();
        const QByteArray before = readAll(old);
        const CliRun first =
            runIn(work, shortRun({QStringLiteral("--out"), work + QStringLiteral("/r.json")}));
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        QCOMPARE(readAll(old), before);
        const QString fresh = work + QStringLiteral("/r.journal.1.jsonl");
        QVERIFY2(first.errText().contains(QStringLiteral("note: %1 is kept").arg(old)),
                 qPrintable(first.describe()));
        QVERIFY2(first.errText().contains(QStringLiteral("plateau-cli recover %1").arg(old)),
                 qPrintable(first.describe()));
        QVERIFY2(first.outText().contains(QStringLiteral("Wrote journal: ") + fresh),
                 qPrintable(first.describe()));
        // The new journal is finished: the next rerun reuses its name instead of piling up.
        const CliRun second =
            runIn(work, shortRun({QStringLiteral("--out"), work + QStringLiteral("/r.json")}));
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
        QVERIFY2(second.outText().contains(QStringLiteral("Wrote journal: ") + fresh),
                 qPrintable(second.describe()));
        QCOMPARE(readAll(old), before);
        QVERIFY(!QFile::exists(work + QStringLiteral("/r.journal.2.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestCliFiles)
#include "tst_clifiles.moc"
