#include "window/filework.h"

#include "models/workerfuture.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QWidget>

FileWork::FileWork(QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window) {}

FileWork::~FileWork() {
    cancelAll(); // the watchers go with this object: nobody takes the outcomes
}

bool FileWork::start(const QString& path, const QString& text, const Job& job, const Done& done) {
    const QString key = keyOf(path);
    if (m_jobs.contains(key))
        return false;
    const auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_jobs.insert(key, {text, cancelled});
    auto* watcher = new QFutureWatcher<Outcome>(this);
    // Connected before setFuture, so a job that ends at once is not missed.
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, key, done, cancelled] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        // Ended before `done`, which may show a message box (a nested event loop).
        jobEnded(key);
        // Looked at here, not by the job: one cancelled after its last look is dropped too.
        if (!cancelled->load())
            done(outcome);
        Q_EMIT finished();
    });
    watcher->setFuture(WorkerFuture::run<Outcome>([job, cancelled] { return job(*cancelled); }));
    // BusyCursor, not WaitCursor: the window still takes clicks while the file loads.
    m_window->setCursor(Qt::BusyCursor);
    Q_EMIT activityChanged(text);
    return true;
}

void FileWork::cancelAll() {
    for (const Running& job : std::as_const(m_jobs))
        job.cancelled->store(true);
}

bool FileWork::isBusy(const QString& path) const {
    return m_jobs.contains(keyOf(path));
}

QString FileWork::keyOf(const QString& path) {
    // The same file by two names (relative, through a link) is one file; a file to be
    // written may not exist yet, and then its absolute path names it.
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

void FileWork::jobEnded(const QString& key) {
    m_jobs.remove(key);
    if (!m_jobs.isEmpty()) {
        Q_EMIT activityChanged(m_jobs.cbegin().value().text);
        return;
    }
    m_window->unsetCursor();
    Q_EMIT activityChanged({});
}
