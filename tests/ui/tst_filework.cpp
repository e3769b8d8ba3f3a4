// File > Open, Save Results and Export CSV on a worker (FileWork, issue 17): the event loop
// runs during a job, a results file's run arrives after the signal, errors still reach a
// message box, a file is not opened twice at once, a window closed meanwhile drops the result.
#include "editors/profileeditor.h"
#include "fileactionsfixtures.h"
#include "models/runcollection.h"
#include "models/workerfuture.h"
#include "profile/profileio.h"
#include "results/resultsjson.h"
#include "window/fileactions.h"
#include "window/filework.h"
#include "window/mainwindow.h"
#include "window/recentfiles.h"

#include <QApplication>
#include <QDeadlineTimer>
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

class TstFileWork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void fileWorkRunsWhileTheEventLoopRuns();
    void interactiveOpenAddsTheRunLater();
    void interactiveOpenErrorShowsMessageBox();
    void secondOpenOfTheSameFileIsIgnored();
    void closingDuringALoadDropsIt();
    void cancelledJobSeesItsFlagAndIsDropped();
    void closingCancelsALoadThatAddsNothing();
    void interactiveSaveAndExportWriteOnAWorker();
    void interactiveSaveFailureShowsMessageBox();

private:
    QTemporaryDir m_dir;
};

void TstFileWork::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"PlateauTests"_s);
    QApplication::setApplicationName(u"tst_filework"_s);
    QVERIFY(m_dir.isValid());
}

void TstFileWork::init() {
    QSettings().clear();
}

void TstFileWork::fileWorkRunsWhileTheEventLoopRuns() {
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
        [&](const std::atomic_bool&) {
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

void TstFileWork::interactiveOpenAddsTheRunLater() {
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

void TstFileWork::interactiveOpenErrorShowsMessageBox() {
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

void TstFileWork::secondOpenOfTheSameFileIsIgnored() {
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

void TstFileWork::closingDuringALoadDropsIt() {
    const QString path = m_dir.filePath(u"closed-meanwhile.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    auto* window = new MainWindow;
    window->show();
    window->openPath(path);
    QVERIFY(window->fileActions()->fileWork()->isBusy(path));
    QVERIFY(window->close());
    delete window; // its outcome, whenever it comes, has nobody to go to
    WorkerFuture::pool()->waitForDone();
    QCoreApplication::processEvents();
    // And a new window opens the file as usual.
    MainWindow again;
    QSignalSpy opened(again.fileActions(), &FileActions::resultsOpened);
    again.openPath(path);
    QVERIFY(opened.wait());
    QCOMPARE(again.runs()->runs().size(), 1);
}

void TstFileWork::cancelledJobSeesItsFlagAndIsDropped() {
    // The job runs until it sees its flag (a reader between two pieces of the file): it ends
    // only because cancelAll reached it; its outcome goes nowhere, finished still comes.
    QWidget window;
    FileWork work(&window, nullptr);
    QSignalSpy finished(&work, &FileWork::finished);
    std::atomic_bool sawFlag = false;
    bool done = false;
    QVERIFY(work.start(
        m_dir.filePath(u"cancelled.json"_s), u"Reading…"_s,
        [&sawFlag](const std::atomic_bool& cancelled) {
            // Bounded so that a broken cancel fails the test instead of hanging it.
            const QDeadlineTimer giveUp(120000);
            while (!cancelled.load() && !giveUp.hasExpired())
                QThread::yieldCurrentThread();
            sawFlag = cancelled.load();
            FileWork::Outcome outcome;
            outcome.ok = true;
            return outcome;
        },
        [&done](const FileWork::Outcome&) { done = true; }));
    work.cancelAll();
    QVERIFY(finished.wait(180000));
    QVERIFY(sawFlag);
    QVERIFY(!done);
    QVERIFY(work.isIdle());
    QCOMPARE(window.cursor().shape(), Qt::ArrowCursor);
}

void TstFileWork::closingCancelsALoadThatAddsNothing() {
    // Closing the window gives up the load: no run, no message box (a cancel is no error),
    // whether the reader stopped in the middle or had just finished.
    const QString path = m_dir.filePath(u"given-up.json"_s);
    QString error;
    QVERIFY2(ResultsJson::save(smallRun(), path, &error), qPrintable(error));
    MainWindow window;
    window.show();
    MessageBoxCloser closer;
    QSignalSpy opened(window.fileActions(), &FileActions::resultsOpened);
    QSignalSpy finished(window.fileActions()->fileWork(), &FileWork::finished);
    window.openPath(path);
    QVERIFY(window.fileActions()->fileWork()->isBusy(path));
    QVERIFY(window.close());
    QVERIFY(finished.wait());
    QCoreApplication::processEvents();
    QCOMPARE(opened.count(), 0);
    QCOMPARE(window.runs()->runs().size(), 0);
    QCOMPARE(closer.boxes, 0);
    QVERIFY(window.fileActions()->fileWork()->isIdle());
}

void TstFileWork::interactiveSaveAndExportWriteOnAWorker() {
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

void TstFileWork::interactiveSaveFailureShowsMessageBox() {
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

QTEST_MAIN(TstFileWork)
#include "tst_filework.moc"
