// BoundedFileReader: a cap that holds whatever the file is. /dev/zero and a FIFO whose
// writer never stops end at the cap; a FIFO nobody writes to ends at the idle timeout.
#include "common/boundedfilereader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {
using Failure = BoundedFileReader::Failure;

void writeFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

// Opens a FIFO for writing on its own thread and writes `chunk` again and again (forever
// when `endless`, else once) until the reader goes away, never closing it before.
class FifoWriter {
public:
    FifoWriter(const QString& path, QByteArray chunk, bool endless)
        : m_thread(QThread::create([this, path, chunk, endless] {
            // Non-blocking open, retried: a reader that already gave up must not leave this
            // thread waiting for one forever.
            int fd = -1;
            while (fd < 0 && !m_stop.load()) {
                fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
                if (fd < 0)
                    QThread::msleep(5);
            }
            if (fd < 0 || ::fcntl(fd, F_SETFL, 0) != 0)
                return;
            bool first = true;
            while (!m_stop.load() && (endless || first)) {
                first = false;
                if (::write(fd, chunk.constData(), size_t(chunk.size())) < 0)
                    break; // EPIPE: the reader is gone
            }
            while (!m_stop.load()) // keep it open: the writer "never closes"
                QThread::msleep(10);
            ::close(fd);
        })) {
        m_thread->start();
    }
    ~FifoWriter() {
        m_stop = true;
        m_thread->wait();
    }
    FifoWriter(const FifoWriter&) = delete;
    FifoWriter& operator=(const FifoWriter&) = delete;

private:
    std::atomic<bool> m_stop{false};
    std::unique_ptr<QThread> m_thread;
};
} // namespace

class TestBoundedFileReader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    QString fifo(const char* name) const {
        const QString p = path(name);
        if (::mkfifo(QFile::encodeName(p).constData(), 0600) != 0)
            qFatal("mkfifo failed");
        return p;
    }

private Q_SLOTS:
    void initTestCase() {
        std::signal(SIGPIPE, SIG_IGN); // a writer outliving its reader gets EPIPE instead
    }
    void readsARegularFileUpToTheCap() {
        writeFile(path("ok.json"), QByteArray(1000, 'a'));
        const auto exact = BoundedFileReader::read(path("ok.json"), 1000, QStringLiteral("a test"));
        QVERIFY2(exact.ok(), qPrintable(exact.reason));
        QCOMPARE(exact.data.size(), 1000);
        const auto over =
            BoundedFileReader::read(path("ok.json"), 999, QStringLiteral("a profile"));
        QCOMPARE(over.failure, Failure::TooLarge);
        QCOMPARE(over.reason,
                 QStringLiteral("is larger than the 999 bytes a profile may have (1000 bytes)"));
        QVERIFY(over.data.isEmpty());
    }
    void endlessDeviceStopsAtTheCap() {
        // Before the cap held for every file type, this read forever.
        QElapsedTimer timer;
        timer.start();
        const auto zero = BoundedFileReader::read(QStringLiteral("/dev/zero"), 1 << 20,
                                                  QStringLiteral("a profile"));
        QCOMPARE(zero.failure, Failure::TooLarge);
        QVERIFY2(zero.reason.startsWith(QStringLiteral("is larger than the 1 MiB a profile may "
                                                       "have (it is a device or a pipe")),
                 qPrintable(zero.reason));
        QVERIFY(zero.data.isEmpty());
        QVERIFY(timer.elapsed() < 30000);
    }
    void fifoWithAnEndlessWriterStopsAtTheCap() {
        const QString p = fifo("endless");
        FifoWriter writer(p, QByteArray(4096, '{'), true);
        const auto result = BoundedFileReader::read(p, 256 * 1024, QStringLiteral("a journal"));
        QCOMPARE(result.failure, Failure::TooLarge);
        QVERIFY(result.reason.contains(QStringLiteral("256 KiB a journal may have")));
    }
    void fifoNobodyWritesToEndsAtTheIdleTimeout() {
        const QString p = fifo("silent");
        FifoWriter writer(p, QByteArray("{\"partial\":"), false); // writes a bit, then nothing
        const auto result = BoundedFileReader::read(p, 1 << 20, QStringLiteral("a profile"), 300);
        QCOMPARE(result.failure, Failure::Stalled);
        QVERIFY2(result.reason.startsWith(QStringLiteral("sent nothing for 0.3 s")),
                 qPrintable(result.reason));
    }
    void fifoWithoutAWriterEndsAtTheIdleTimeout() {
        // Opening must not block waiting for a writer either.
        const auto result =
            BoundedFileReader::read(fifo("nobody"), 1 << 20, QStringLiteral("a profile"), 200);
        QCOMPARE(result.failure, Failure::Stalled);
    }
    void fifoThatEndsIsReadWhole() {
        const QString p = fifo("short");
        const QByteArray content = "{\"schema\":\"plateau.profile/1\"}\n";
        std::unique_ptr<QThread> writer(QThread::create([p, content] {
            const int fd = ::open(QFile::encodeName(p).constData(), O_WRONLY | O_CLOEXEC);
            if (fd >= 0 && ::write(fd, content.constData(), size_t(content.size())) > 0)
                ::close(fd);
        }));
        writer->start();
        const auto result = BoundedFileReader::read(p, 1 << 20, QStringLiteral("a profile"), 10000);
        writer->wait();
        QVERIFY2(result.ok(), qPrintable(result.reason));
        QCOMPARE(result.data, content);
    }
    void missingAndDirectory() {
        const auto missing = BoundedFileReader::read(path("nope"), 10, QStringLiteral("a profile"));
        QCOMPARE(missing.failure, Failure::NotFound);
        QCOMPARE(missing.reason, QStringLiteral("no such file"));
        const auto dir = BoundedFileReader::read(m_dir.path(), 10, QStringLiteral("a profile"));
        QCOMPARE(dir.failure, Failure::IsDirectory);
    }
    void sizeText() {
        QCOMPARE(BoundedFileReader::sizeText(16 * 1024 * 1024), QStringLiteral("16 MiB"));
        QCOMPARE(BoundedFileReader::sizeText(512 * 1024), QStringLiteral("512 KiB"));
        QCOMPARE(BoundedFileReader::sizeText(900), QStringLiteral("900 bytes"));
    }
};

QTEST_GUILESS_MAIN(TestBoundedFileReader)
#include "tst_boundedfilereader.moc"
