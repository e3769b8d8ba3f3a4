// OutputFile: only regular files are ever replaced, symlinks to regular files are written
// through, errors carry the system's reason, "-" is standard output only when allowed.
#include "common/outputfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The file type of `path` itself (a symlink is a symlink), -1 if there is nothing.
int typeOf(const QString& path) {
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & S_IFMT) : -1;
}
} // namespace

class TestOutputFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void writesANewFileAndReplacesAnOldOne() {
        QString error;
        QVERIFY2(OutputFile::write(path("a.json"), "first", &error), qPrintable(error));
        QCOMPARE(readAll(path("a.json")), QByteArray("first"));
        QVERIFY(::chmod(QFile::encodeName(path("a.json")).constData(), 0640) == 0);
        QVERIFY2(OutputFile::write(path("a.json"), "second", &error), qPrintable(error));
        QCOMPARE(readAll(path("a.json")), QByteArray("second"));
        // A replaced file keeps its permissions; no temporary file is left behind.
        struct stat st = {};
        QVERIFY(::stat(QFile::encodeName(path("a.json")).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("a.json")});
    }
    void refusesWhatIsNotARegularFile_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("type");
        QVERIFY(::mkfifo(QFile::encodeName(path("fifo")).constData(), 0600) == 0);
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("dir")));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), path("to-null")));
        QVERIFY(QFile::link(path("nothing-here"), path("dangling")));
        QTest::newRow("character device")
            << QStringLiteral("/dev/null") << QStringLiteral("is a character device")
            << int(S_IFCHR);
        QTest::newRow("FIFO") << path("fifo") << QStringLiteral("is a FIFO") << int(S_IFIFO);
        QTest::newRow("directory")
            << path("dir") << QStringLiteral("is a directory") << int(S_IFDIR);
        QTest::newRow("symlink to a device")
            << path("to-null") << QStringLiteral("is a symlink to a character device")
            << int(S_IFLNK);
        QTest::newRow("dangling symlink")
            << path("dangling") << QStringLiteral("is a symlink to nothing") << int(S_IFLNK);
    }
    void refusesWhatIsNotARegularFile() {
        QFETCH(QString, target);
        QFETCH(QString, reason);
        QFETCH(int, type);
        QString error;
        QVERIFY(!OutputFile::write(target, "x", &error));
        QVERIFY2(error.startsWith(target + QStringLiteral(": cannot save: ") + reason),
                 qPrintable(error));
        // Left as it was (before the fix, a rename turned /dev/null into a regular file).
        QCOMPARE(typeOf(target), type);
        QCOMPARE(typeOf(QStringLiteral("/dev/null")), int(S_IFCHR));
        QCOMPARE(typeOf(path("nothing-here")), -1);
    }
    void writesThroughASymlinkToARegularFile() {
        QString error;
        QVERIFY(OutputFile::write(path("real.json"), "old", &error));
        QVERIFY(QFile::link(path("real.json"), path("link.json")));
        QVERIFY2(OutputFile::write(path("link.json"), "new", &error), qPrintable(error));
        QVERIFY(QFileInfo(path("link.json")).isSymLink()); // the link stays a link
        QCOMPARE(readAll(path("real.json")), QByteArray("new"));
    }
    void errorsCarryTheSystemReason() {
        QString error;
        QVERIFY(!OutputFile::write(path("no/such/dir/r.json"), "x", &error));
        QVERIFY2(error.endsWith(QStringLiteral(": cannot save: No such file or directory")),
                 qPrintable(error));
        const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        errno = 0;
        QVERIFY(!OutputFile::writeAll(fd, QByteArray(100, 'x')));
        QCOMPARE(errno, ENOSPC);
        QCOMPARE(OutputFile::errorText(errno), QStringLiteral("No space left on device"));
        ::close(fd);
    }
    void standardOutputOnlyWhereAllowed() {
        QVERIFY(OutputFile::isStandardOutput(QStringLiteral("-")));
        QVERIFY(!OutputFile::isStandardOutput(QStringLiteral("./-")));
        QString error;
        QVERIFY(!OutputFile::write(QStringLiteral("-"), "x", &error));
        QVERIFY2(error.contains(QStringLiteral("standard output")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(QStringLiteral("-")));
    }
    void checkTargetNamesTheFileToReplace() {
        QString target;
        QString reason;
        QVERIFY(OutputFile::checkTarget(path("new.json"), &target, &reason));
        QCOMPARE(target, path("new.json"));
        QVERIFY(OutputFile::checkTarget(path("link.json"), &target, &reason));
        QCOMPARE(target, QFileInfo(path("real.json")).canonicalFilePath());
    }
};

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
