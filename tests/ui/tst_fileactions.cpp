#include "editors/profileeditor.h"
#include "fileactionsfixtures.h"
#include "models/runcollection.h"
#include "profile/profileio.h"
#include "profileformdriver.h"
#include "results/resultsjson.h"
#include "window/fileactions.h"
#include "window/filework.h"
#include "window/mainwindow.h"
#include "window/recentfiles.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

using namespace FileActionsFixtures;

class TstFileActions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void saveThenOpenRoundTripsEveryField();
    void titleTracksUnsavedChanges();
    void badFileGivesClearMessage_data();
    void badFileGivesClearMessage();
    void badFileShowsMessageBox();
    void resultsFileOpensAsRun();
    void savesNeverReplaceWhatIsNotARegularFile();
    void newProfileResetsToDefault();

private:
    QTemporaryDir m_dir;
};

void TstFileActions::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"PlateauTests"_s);
    QApplication::setApplicationName(u"tst_fileactions"_s);
    QVERIFY(m_dir.isValid());
}

void TstFileActions::init() {
    QSettings().clear();
}

void TstFileActions::saveThenOpenRoundTripsEveryField() {
    const QString promptFile = m_dir.filePath(u"prompts.jsonl"_s);
    {
        QFile file(promptFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\"hello\"\n");
    }
    const Profile expected = ProfileFormDriver::everyFieldChanged(promptFile);
    const QString path = m_dir.filePath(u"every-field.json"_s);

    MainWindow first;
    first.show();
    QVERIFY(ProfileFormDriver::fill(first.profileEditor(), expected));
    QVERIFY(first.fileActions()->isModified());
    QString error;
    QVERIFY2(first.fileActions()->saveProfileTo(path, &error), qPrintable(error));
    QVERIFY(!first.fileActions()->isModified());

    // The file holds exactly what was typed...
    const std::optional<Profile> onDisk = ProfileIo::load(path, &error);
    QVERIFY2(onDisk.has_value(), qPrintable(error));
    QVERIFY(*onDisk == expected);

    // ...and a fresh window opening it shows every field again.
    MainWindow second;
    QVERIFY2(second.fileActions()->openFile(path, &error), qPrintable(error));
    QVERIFY(second.profileEditor()->profile() == expected);
    QVERIFY(!second.fileActions()->isModified());
    QCOMPARE(second.fileActions()->profilePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(second.fileActions()->recentFiles()->files().value(0),
             QFileInfo(path).absoluteFilePath());
}

void TstFileActions::titleTracksUnsavedChanges() {
    MainWindow window;
    QCOMPARE(window.windowTitle(), u"Built-in simulator sweep[*] — Plateau"_s);
    QVERIFY(!window.isWindowModified());
    auto* name = window.findChild<QLineEdit*>(u"profileName"_s);
    name->setText(u"Tuned"_s);
    QCOMPARE(window.windowTitle(), u"Tuned[*] — Plateau"_s);
    QVERIFY(window.isWindowModified());
    // Typing the old value back is no change at all.
    name->setText(u"Built-in simulator sweep"_s);
    QVERIFY(!window.isWindowModified());
    name->setText(u"Tuned"_s);
    QString error;
    QVERIFY(window.fileActions()->saveProfileTo(m_dir.filePath(u"tuned.json"_s), &error));
    QVERIFY(!window.isWindowModified());
}

void TstFileActions::badFileGivesClearMessage_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("corrupt") << QByteArray("{\"schema\": \"plateau.profile/1\", ") << u"bad.json"_s;
    QTest::newRow("not an object") << QByteArray("[1, 2, 3]") << u"bad.json"_s;
    QTest::newRow("unknown field")
        << QByteArray("{\"schema\": \"plateau.profile/1\", \"name\": \"x\", "
                      "\"plan\": {\"concurency\": [1]}}")
        << u"concurency"_s;
    QTest::newRow("newer schema") << QByteArray("{\"schema\": \"plateau.profile/99\"}") << u"99"_s;
    QTest::newRow("bad results") << QByteArray("{\"schema\": \"plateau.results/1\", \"levels\": 5}")
                                 << u"bad.json: field"_s;
}

void TstFileActions::badFileGivesClearMessage() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(u"bad.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    MainWindow window;
    const Profile before = window.profileEditor()->profile();
    const qsizetype runsBefore = window.runs()->runs().size();
    QString error;
    QVERIFY(!window.fileActions()->openFile(path, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(window.profileEditor()->profile() == before);
    QCOMPARE(window.runs()->runs().size(), runsBefore);
}

void TstFileActions::badFileShowsMessageBox() {
    const QString path = m_dir.filePath(u"missing.json"_s);
    MainWindow window;
    window.show();
    QString text;
    QString informative;
    closeNextMessageBox(&text, &informative);
    window.openPath(path);
    QVERIFY2(text.contains(u"missing.json"_s), qPrintable(text));
    QString expected;
    ProfileIo::load(path, &expected);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(informative, expected);
}

void TstFileActions::resultsFileOpensAsRun() {
    const QString path = m_dir.filePath(u"earlier-run.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    MainWindow window;
    const Profile before = window.profileEditor()->profile();
    QVERIFY2(window.fileActions()->openFile(path, &error), qPrintable(error));
    QCOMPARE(window.runs()->runs().size(), 1);
    const RunCollection::Run* run = window.runs()->current();
    QVERIFY(run);
    QCOMPARE(run->name, u"earlier-run"_s);
    QVERIFY(!run->live);
    QCOMPARE(run->result.summary.levels.size(), 2);
    QCOMPARE(run->result.records.size(), 6);
    // Opening results never replaces the profile being edited.
    QVERIFY(window.profileEditor()->profile() == before);
    QVERIFY(window.fileActions()->saveResultsAction()->isEnabled());

    // The opened run can be saved again and exported.
    const QString again = m_dir.filePath(u"again.json"_s);
    QVERIFY2(window.fileActions()->saveResultsTo(again, &error), qPrintable(error));
    QVERIFY(ResultsJson::load(again, &error).has_value());
    const QString csv = m_dir.filePath(u"requests.csv"_s);
    QVERIFY2(window.fileActions()->exportCsvTo(csv, &error), qPrintable(error));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll().count('\n'), 7); // header + 6 requests
}

void TstFileActions::savesNeverReplaceWhatIsNotARegularFile() {
    // Profile saves, results saves and CSV exports share the CLI's output check: a FIFO or
    // a device is refused with the reason and left as it was (before: renamed over).
    const QString fifo = m_dir.filePath(u"fifo.json"_s);
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const QString results = m_dir.filePath(u"for-export.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), results, &error), qPrintable(error));
    MainWindow window;
    QVERIFY2(window.fileActions()->openFile(results, &error), qPrintable(error));
    FileActions* files = window.fileActions();
    const QString profileBefore = files->profilePath();

    QVERIFY(!files->saveProfileTo(fifo, &error));
    QVERIFY2(error.startsWith(fifo + u": cannot save: is a FIFO"_s), qPrintable(error));
    QCOMPARE(files->profilePath(), profileBefore);
    QVERIFY(!files->saveResultsTo(fifo, &error));
    QVERIFY2(error.contains(u"not a regular file"_s), qPrintable(error));
    QVERIFY(!files->exportCsvTo(u"/dev/null"_s, &error));
    QVERIFY2(error.startsWith(u"/dev/null: cannot save: is a character device"_s),
             qPrintable(error));
    struct stat st = {};
    QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    // And a failure names the system's reason.
    QVERIFY(!files->saveProfileTo(m_dir.filePath(u"no/such/dir/p.json"_s), &error));
    QVERIFY2(error.endsWith(u": No such file or directory"_s), qPrintable(error));
}

void TstFileActions::newProfileResetsToDefault() {
    MainWindow window;
    QString error;
    const QString path = m_dir.filePath(u"custom.json"_s);
    window.findChild<QLineEdit*>(u"profileName"_s)->setText(u"Custom"_s);
    QVERIFY(window.fileActions()->saveProfileTo(path, &error));
    window.fileActions()->newAction()->trigger(); // saved, so no prompt
    QVERIFY(window.profileEditor()->profile() == Profile::defaultProfile());
    QCOMPARE(window.fileActions()->profilePath(), QString());
    QVERIFY(!window.isWindowModified());
}

QTEST_MAIN(TstFileActions)
#include "tst_fileactions.moc"
