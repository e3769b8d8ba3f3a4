#include "window/filework.h"

#include "models/workerfuture.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QWidget>

FileWork::FileWork(QWidget* window, QObject* parent)
    : QObject(parent)
    , m_window(window) {}

bool FileWork::start(const QString& path, const QString& text, const Job& job, const Done& done) {
    const QString key = keyOf(path);
    if (m_jobs.contains(key))
        return false;
    m_jobs.insert(key, text);
    auto* watcher = new QFutureWatcher<Outcome>(this);
    // Connected before setFuture, so a job that ends at once is not missed.
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, key, done] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        // Ended before `done`, which may show a message box (a nested event loop).
        jobEnded(key);
        done(outcome);
        Q_EMIT finished();
    });
    watcher->setFuture(WorkerFuture::run<Outcome>(job));
    // BusyCursor, not WaitCursor: the window still takes clicks while the file loads.
    m_window->setCursor(Qt::BusyCursor);
    Q_EMIT activityChanged(text);
    return true;
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
        Q_EMIT activityChanged(m_jobs.cbegin().value());
        return;
    }
    m_window->unsetCursor();
    Q_EMIT activityChanged({});
}
