#include "editors/profileeditor.h"
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

namespace {
// A small hand-made run: two levels, a few requests. Enough for a results file.
RunResult smallRun() {
    RunResult run;
    run.startedAt = QDateTime(QDate(2025, 5, 6), QTime(7, 8, 9), Qt::UTC);
    run.runStartNs = 1'000'000'000'000LL;
    run.profile = Profile::defaultProfile();
    run.profile.name = u"From a file"_s;
    run.endpointUrl = u"http://127.0.0.1:1/v1"_s;
    run.stopReason = StopReason::Completed;
    for (int level = 0; level < 2; ++level) {
        LevelRunInfo info;
        info.index = level;
        info.concurrency = level + 1;
        info.startNs = run.runStartNs + level * 1'000'000'000LL;
        info.issueStopNs = info.startNs + 900'000'000LL;
        info.endNs = info.startNs + 950'000'000LL;
        info.complete = true;
        run.levels.append(info);
        LevelSummary summary;
        summary.index = level;
        summary.concurrency = level + 1;
        summary.complete = true;
        summary.requests = 3;
        summary.successes = 3;
        summary.outputThroughputTps = 100.0 * (level + 1);
        run.summary.levels.append(summary);
        for (int i = 0; i < 3; ++i) {
            RequestRecord r;
            r.id = quint64(level * 10 + i + 1);
            r.level = level;
            r.tSchedNs = info.startNs + i * 100'000'000LL;
            r.tSendNs = r.tSchedNs;
            r.tHeadersNs = r.tSendNs + 5'000'000;
            r.tFirstEventNs = r.tSendNs + 10'000'000;
            r.tFirstContentNs = r.tFirstEventNs;
            r.contentEventNs = {r.tFirstContentNs, r.tFirstContentNs + 20'000'000};
            r.tLastContentNs = r.contentEventNs.last();
            r.tEndNs = r.tLastContentNs + 1'000'000;
            r.outputTokens = 2;
            r.outputTokensSource = TokenSource::Usage;
            r.inputTokens = 10;
            r.inputTokensSource = TokenSource::Usage;
            r.httpStatus = 200;
            r.finishReason = u"length"_s;
            run.records.append(r);
        }
    }
    run.summary.plateau.plateauTps = 200.0;
    run.summary.plateau.plateauLevel = 1;
    return run;
}

// Answers the next message box with OK and hands back its texts.
void closeNextMessageBox(QString* text, QString* informative) {
    QTimer::singleShot(0, [text, informative] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        *informative = box->informativeText();
        box->accept();
    });
}
// Closes every message box that opens while it lives (one a background job shows when it
// ends, inside the test's wait), and keeps the texts of the last one.
class MessageBoxCloser : public QObject {
public:
    MessageBoxCloser() {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            informative = box->informativeText();
            ++boxes;
            box->accept();
        });
        m_timer.start(10);
    }
    QString text;
    QString informative;
    int boxes = 0;

private:
    QTimer m_timer;
};
} // namespace

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
    void fileWorkRunsWhileTheEventLoopRuns();
    void interactiveOpenAddsTheRunLater();
    void interactiveOpenErrorShowsMessageBox();
    void secondOpenOfTheSameFileIsIgnored();
    void closingDuringALoadDropsIt();
    void interactiveSaveAndExportWriteOnAWorker();
    void interactiveSaveFailureShowsMessageBox();

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

void TstFileActions::fileWorkRunsWhileTheEventLoopRuns() {
    // The job waits for a zero-timer of the GUI thread: it ends only if the event loop runs
    // while it works, and on another thread (on the GUI thread it would wait for ever).
    QWidget window;
    FileWork work(&window, nullptr);
    QSemaphore gate;
    QThread* jobThread = nullptr;
    bool timerFired = false;
    bool timerFiredBeforeDone = false;
    QTimer::singleShot(0, [&] {
        timerFired = true;
        gate.release();
    });
    QStringList activity;
    connect(&work, &FileWork::activityChanged, &work,
            [&](const QString& text) { activity << text; });
    QSignalSpy finished(&work, &FileWork::finished);
    const QString path = m_dir.filePath(u"any.json"_s);
    QVERIFY(work.start(
        path, u"Working…"_s,
        [&] {
            jobThread = QThread::currentThread();
            gate.acquire();
            FileWork::Outcome outcome;
            outcome.ok = true;
            return outcome;
        },
        [&](const FileWork::Outcome& outcome) {
            QVERIFY(outcome.ok);
            timerFiredBeforeDone = timerFired;
        }));
    QVERIFY(work.isBusy(path));
    QCOMPARE(window.cursor().shape(), Qt::BusyCursor);
    QVERIFY(!work.start(path, u"Again"_s, {}, {})); // one job per file
    QVERIFY(finished.wait());
    QVERIFY(jobThread && jobThread != QThread::currentThread());
    QVERIFY(timerFiredBeforeDone);
    QVERIFY(work.isIdle());
    QCOMPARE(window.cursor().shape(), Qt::ArrowCursor);
    QCOMPARE(activity, (QStringList{u"Working…"_s, QString()}));
}

void TstFileActions::interactiveOpenAddsTheRunLater() {
    const QString path = m_dir.filePath(u"opened-later.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    MainWindow window;
    window.show();
    FileActions* files = window.fileActions();
    bool timerFired = false;
    int runsWhenTimerFired = -1;
    QTimer::singleShot(0, [&] {
        timerFired = true;
        runsWhenTimerFired = int(window.runs()->runs().size());
    });
    QSignalSpy opened(files, &FileActions::resultsOpened);
    QString status;
    connect(files->fileWork(), &FileWork::activityChanged, &window,
            [&](const QString& text) { status += text; });
    window.openPath(path);
    // Back in the caller at once, the run not added yet; the status bar says what loads.
    QCOMPARE(window.runs()->runs().size(), 0);
    QVERIFY(files->fileWork()->isBusy(path));
    QVERIFY2(status.startsWith(u"Opening opened-later.json ("_s), qPrintable(status));
    auto* activity = window.findChild<QLabel*>(u"fileActivity"_s);
    QVERIFY(activity);
    QCOMPARE(activity->text(), status);
    QVERIFY(activity->isVisible());
    QCOMPARE(window.cursor().shape(), Qt::BusyCursor);
    QVERIFY(opened.wait());
    // The event loop ran meanwhile (the timer, before the run came).
    QVERIFY(timerFired);
    QCOMPARE(runsWhenTimerFired, 0);
    QCOMPARE(window.runs()->runs().size(), 1);
    const RunCollection::Run* run = window.runs()->current();
    QVERIFY(run);
    QCOMPARE(opened.first().first().toInt(), run->id);
    QCOMPARE(run->name, u"opened-later"_s);
    QCOMPARE(run->result.records.size(), 6);
    QCOMPARE(files->recentFiles()->files().value(0), QFileInfo(path).absoluteFilePath());
    QVERIFY(files->fileWork()->isIdle());
    QVERIFY(activity->isHidden());
    QCOMPARE(window.cursor().shape(), Qt::ArrowCursor);
}

void TstFileActions::interactiveOpenErrorShowsMessageBox() {
    // A results file (by its schema) that does not read: the message box of before, with the
    // reader's reason, once the worker is done; no run.
    const QString path = m_dir.filePath(u"bad-results.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"schema\": \"plateau.results/1\", \"levels\": 5}");
    file.close();
    MainWindow window;
    window.show();
    QString expected;
    QVERIFY(!window.fileActions()->openFile(path, &expected));
    MessageBoxCloser closer;
    QSignalSpy finished(window.fileActions()->fileWork(), &FileWork::finished);
    window.openPath(path);
    QCOMPARE(closer.boxes, 0);
    QVERIFY(finished.wait());
    QCOMPARE(closer.boxes, 1);
    QVERIFY2(closer.text.contains(u"bad-results.json"_s), qPrintable(closer.text));
    QCOMPARE(closer.informative, expected);
    QCOMPARE(window.runs()->runs().size(), 0);
}

void TstFileActions::secondOpenOfTheSameFileIsIgnored() {
    const QString path = m_dir.filePath(u"twice.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    MainWindow window;
    FileActions* files = window.fileActions();
    QSignalSpy opened(files, &FileActions::resultsOpened);
    QSignalSpy finished(files->fileWork(), &FileWork::finished);
    files->openInteractive(path);
    // The same file again, by another name of it, while the first is loading.
    files->openInteractive(m_dir.path() + u"/./twice.json"_s);
    QVERIFY(finished.wait());
    QCoreApplication::processEvents(); // a second job's end, had there been one
    QCOMPARE(finished.count(), 1);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(window.runs()->runs().size(), 1);
}

void TstFileActions::closingDuringALoadDropsIt() {
    const QString path = m_dir.filePath(u"closed-meanwhile.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    auto* window = new MainWindow;
    window->show();
    window->openPath(path);
    QVERIFY(window->fileActions()->fileWork()->isBusy(path));
    QVERIFY(window->close());
    delete window; // its outcome, whenever it comes, has nobody to go to
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    // And a new window opens the file as usual.
    MainWindow again;
    QSignalSpy opened(again.fileActions(), &FileActions::resultsOpened);
    again.openPath(path);
    QVERIFY(opened.wait());
    QCOMPARE(again.runs()->runs().size(), 1);
}

void TstFileActions::interactiveSaveAndExportWriteOnAWorker() {
    const QString results = m_dir.filePath(u"to-save.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), results, &error), qPrintable(error));
    MainWindow window;
    FileActions* files = window.fileActions();
    QVERIFY2(files->openFile(results, &error), qPrintable(error));
    QSignalSpy finished(files->fileWork(), &FileWork::finished);
    const QString saved = m_dir.filePath(u"saved-in-background.json"_s);
    const QString csv = m_dir.filePath(u"exported-in-background.csv"_s);
    files->saveResultsInBackground(saved);
    files->exportCsvInBackground(csv);
    // The run may go meanwhile: the jobs write the copy they were given.
    window.runs()->clear();
    QTRY_COMPARE(finished.count(), 2);
    const std::optional<RunResult> back = ResultsJson::load(saved, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->records.size(), 6);
    QCOMPARE(files->recentFiles()->files().value(0), QFileInfo(saved).absoluteFilePath());
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll().count('\n'), 7); // header + 6 requests
}

void TstFileActions::interactiveSaveFailureShowsMessageBox() {
    const QString results = m_dir.filePath(u"cannot-save.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), results, &error), qPrintable(error));
    MainWindow window;
    window.show();
    FileActions* files = window.fileActions();
    QVERIFY2(files->openFile(results, &error), qPrintable(error));
    MessageBoxCloser closer;
    QSignalSpy finished(files->fileWork(), &FileWork::finished);
    files->saveResultsInBackground(m_dir.filePath(u"no/such/dir/r.json"_s));
    QVERIFY(finished.wait());
    QCOMPARE(closer.boxes, 1);
    QVERIFY2(closer.text.endsWith(u": No such file or directory"_s), qPrintable(closer.text));
    files->exportCsvInBackground(u"/dev/null"_s);
    QVERIFY(finished.wait());
    QCOMPARE(closer.boxes, 2);
    QVERIFY2(closer.text.startsWith(u"/dev/null: cannot save: is a character device"_s),
             qPrintable(closer.text));
}

QTEST_MAIN(TstFileActions)
#include "tst_fileactions.moc"
