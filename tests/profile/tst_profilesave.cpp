#include "profile/profileio.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

// Saving a profile (split from tst_profileio, which reads them): secrets never written, the
// old file kept when a save is refused or fails, and nothing that is not a regular file
// replaced.
namespace {
QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestProfileSave : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void literalKeyNeverWritten();
    void saveRefusalKeepsOldFile();
    void urlCredentialsNeverWritten_data();
    void urlCredentialsNeverWritten();
    void failedWriteKeepsOldFile_data();
    void failedWriteKeepsOldFile();
    void saveCreatesIndentedJson();
    void saveNeverReplacesWhatIsNotARegularFile();
};

void TestProfileSave::literalKeyNeverWritten() {
    Profile p;
    p.endpoints[0].apiKeyRef = QStringLiteral("sk-live-0123456789abcdef");
    const QByteArray json = QJsonDocument(ProfileIo::toJson(p)).toJson();
    QVERIFY(!json.contains("sk-live"));
    QCOMPARE(ProfileIo::toJson(p)
                 .value(QStringLiteral("endpoints"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("api_key"))
                 .toString(),
             QString());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY(!ProfileIo::save(p, path, &error));
    QVERIFY2(error.contains(QStringLiteral("endpoints[0].api_key holds a literal key")),
             qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("sk-live")));
    QVERIFY(!QFile::exists(path));
}

void TestProfileSave::saveRefusalKeepsOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY(ProfileIo::save(Profile::defaultProfile(), path, &error));
    const QByteArray before = readFile(path);
    Profile bad = Profile::defaultProfile();
    bad.endpoints[0].apiKeyRef = QStringLiteral("literal-secret-value");
    QVERIFY(!ProfileIo::save(bad, path, &error));
    QCOMPARE(readFile(path), before);
}

void TestProfileSave::urlCredentialsNeverWritten_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("secret");
    QTest::newRow("user:password") << QStringLiteral("https://alice:hunter2secret@llm.example/v1")
                                   << QStringLiteral("hunter2secret");
    QTest::newRow("key parameter") << QStringLiteral("https://llm.example/v1?api_key=qwerty98765")
                                   << QStringLiteral("qwerty98765");
}

void TestProfileSave::urlCredentialsNeverWritten() {
    QFETCH(QString, url);
    QFETCH(QString, secret);
    // The GUI saves what the form holds: a URL typed with credentials must not reach the file.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY(ProfileIo::save(Profile::defaultProfile(), path, &error));
    const QByteArray before = readFile(path);
    Profile p = Profile::defaultProfile();
    p.endpoints[0].url = QUrl(url);
    QVERIFY(!ProfileIo::save(p, path, &error));
    QVERIFY2(error.contains(QStringLiteral("endpoints[0].url carries credentials")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("${env:NAME}")), qPrintable(error));
    QVERIFY(!error.contains(secret));
    QCOMPARE(readFile(path), before);
}

void TestProfileSave::failedWriteKeepsOldFile_data() {
    QTest::addColumn<int>("padding");
    // Below and above QFileDevice's 16 KB write buffer: the two ways a write can fail.
    QTest::newRow("8 KB (fails in the final flush)") << 8 * 1024;
    QTest::newRow("64 KB (fails in write)") << 64 * 1024;
}

void TestProfileSave::failedWriteKeepsOldFile() {
    QFETCH(int, padding);
    // Make the write itself fail, even as root: a file-size limit turns the write of the
    // temporary file into EFBIG. The save must then leave the old file untouched.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY(ProfileIo::save(Profile{}, path, &error));
    const QByteArray before = readFile(path);
    QVERIFY(before.size() < 4096);

    Profile big;
    big.endpoints[0].extraBody.insert(QStringLiteral("padding"),
                                      QString(padding, QLatin1Char('x')));
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit small = old;
    small.rlim_cur = 4096;
    auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const bool saved = ProfileIo::save(big, path, &error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY(!saved);
    QVERIFY2(error.startsWith(path + QStringLiteral(": cannot save")), qPrintable(error));
    // The system's reason, not Qt's "Writing canceled by application".
    QVERIFY2(error.endsWith(QStringLiteral(": File too large")), qPrintable(error));
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("p.json")});
}

void TestProfileSave::saveCreatesIndentedJson() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY(ProfileIo::save(Profile::defaultProfile(), path, &error));
    const QByteArray bytes = readFile(path);
    QVERIFY(bytes.contains("\"schema\": \"plateau.profile/2\""));
    QVERIFY(bytes.count('\n') > 20); // indented: diff-friendly for people who keep profiles in git
}

void TestProfileSave::saveNeverReplacesWhatIsNotARegularFile() {
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("p.json"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    QString error;
    QVERIFY(!ProfileIo::save(Profile::defaultProfile(), fifo, &error));
    QVERIFY2(error.startsWith(fifo + QStringLiteral(": cannot save: is a FIFO")),
             qPrintable(error));
    struct stat st = {};
    QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
}

QTEST_GUILESS_MAIN(TestProfileSave)
#include "tst_profilesave.moc"
