#pragma once

#include "results/runresult.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QWidget;

// Reading and writing results files on a worker thread (issue 17: a million-request file
// takes seconds to read or write, and long work never runs on the GUI thread). One job per
// file at a time. Its outcome comes back on the GUI thread, to a callback that runs only
// while this object lives and the job was not cancelled: a window closed during a load drops
// the result. Cancelling (cancelAll, or this object's end) sets each job's flag: a reader
// looks at it between pieces of the file and stops, so quitting does not wait for the rest
// of the file (the application waits for the workers at exit); a writer goes on to
// the end (a file half written helps nobody), only its outcome is dropped.
class FileWork : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        bool ok = false;
        QString error;                   // the one-line reason when !ok
        std::optional<RunResult> result; // what a load read
    };
    // Runs on the worker: it must touch no widget and no object of the GUI thread, only
    // what it captured by value (Qt's implicitly shared containers may be shared), and the
    // flag, set once the job is cancelled.
    using Job = std::function<Outcome(const std::atomic_bool& cancelled)>;
    using Done = std::function<void(const Outcome&)>; // on the GUI thread

    // `window` gets the busy cursor while a job runs.
    FileWork(QWidget* window, QObject* parent);
    ~FileWork() override;

    // Starts `job` on `path`, saying `text` ("Opening NAME (5.1 MB)…") while it runs, with a
    // busy cursor over the window. False, and nothing started, when a job on that file runs.
    bool start(const QString& path, const QString& text, const Job& job, const Done& done);
    bool isBusy(const QString& path) const;
    bool isIdle() const { return m_jobs.isEmpty(); }
    // Every running job: its flag set, its outcome not handed over (finished still comes).
    void cancelAll();

Q_SIGNALS:
    // What runs, for the status bar: a running job's text, "" once every job is done.
    void activityChanged(const QString& text);
    void finished(); // a job's outcome was handed over (after `done` returned)

private:
    static QString keyOf(const QString& path);
    void jobEnded(const QString& key);

    QWidget* m_window;
    struct Running {
        QString text;
        std::shared_ptr<std::atomic_bool> cancelled; // shared with the worker
    };
    QHash<QString, Running> m_jobs; // file (absolute, links resolved) -> its job
};
