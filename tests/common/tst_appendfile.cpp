// AppendFile: every failed write is caught at once with the system's reason, the file
// ends on its last complete append, and only regular files are created or truncated.
#include "common/appendfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Lowers the file-size limit for this process (writes beyond it fail with EFBIG, as a full
// disk fails with ENOSPC) and puts it back when it goes out of scope.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN); // a failed write(), not a dead process
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old = {};
    void (*m_oldHandler)(int) = nullptr;
};
} // namespace

class TestAppendFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void appendsAndTruncatesOnOpen() {
        AppendFile file;
        QString error;
        QVERIFY2(file.open(path("j.jsonl"), &error), qPrintable(error));
        QVERIFY(file.append("one\n"));
        QVERIFY(file.append("two\n"));
        QCOMPARE(readAll(path("j.jsonl")), QByteArray("one\ntwo\n")); // before close
        QVERIFY(file.close());
        QVERIFY(file.open(path("j.jsonl"), &error));
        QVERIFY(file.append("three\n"));
        QVERIFY(file.close());
        QCOMPARE(readAll(path("j.jsonl")), QByteArray("three\n"));
    }
    void fullDeviceIsReportedAtOnce() {
        const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        AppendFile file;
        file.adopt(fd, QStringLiteral("/dev/full"));
        QVERIFY(!file.append("line\n"));
        QVERIFY(file.failed());
        QCOMPARE(file.error(), QStringLiteral("/dev/full: cannot write: No space left on device"));
        QVERIFY(!file.append("more\n")); // nothing after the first failure
        QVERIFY(!file.close());
        QCOMPARE(file.error(), QStringLiteral("/dev/full: cannot write: No space left on device"));
    }
    void aCutAppendIsTakenBackSoTheFileEndsOnACompleteOne() {
        AppendFile file;
        QVERIFY(file.open(path("limited.jsonl"), nullptr));
        const QByteArray line = QByteArray(99, 'x') + '\n';
        int written = 0;
        {
            FileSizeLimit limit(1050); // room for 10 lines and half of the 11th
            while (written < 20 && file.append(line))
                ++written;
        }
        QCOMPARE(written, 10);
        QVERIFY2(file.error().endsWith(QStringLiteral(": cannot write: File too large")),
                 qPrintable(file.error()));
        QCOMPARE(file.size(), 1000);
        QCOMPARE(readAll(path("limited.jsonl")), line.repeated(10));
    }
    void refusesWhatIsNotARegularFile() {
        QVERIFY(::mkfifo(QFile::encodeName(path("fifo")).constData(), 0600) == 0);
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("dir")));
        for (const QString& target : {QStringLiteral("/dev/null"), path("fifo"), path("dir")}) {
            AppendFile file;
            QString error;
            QVERIFY(!file.open(target, &error)); // and returns at once: no reader needed
            QVERIFY2(error.startsWith(target + QStringLiteral(": is a")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
            QVERIFY(!file.isOpen());
        }
    }
};

QTEST_GUILESS_MAIN(TestAppendFile)
#include "tst_appendfile.moc"
