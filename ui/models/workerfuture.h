#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QPointer>
#include <QPromise>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <functional>
#include <memory>

// Long work off the GUI thread (issue 17: a million-request run takes seconds to read, write or
// scan): `work` runs on the pool below, and its value comes in the future, which a
// QFutureWatcher hands to the GUI thread. QtConcurrent::run does the same but is a library of
// its own; this is QtCore. The pool runs the work to its end even when nobody waits for it any
// more (its value then goes with the promise), and the application's end waits for the pool.
// `work` must touch no widget: it gets what it needs by value (Qt's implicitly shared
// containers, such as a RunResult's records, are shared, not copied, and safe to read there).
namespace WorkerFuture {
// Not QThreadPool::globalInstance(): Qt's raster painting splits a large fill or image
// conversion into pieces for the global pool and waits for them, so seconds of work there (a
// file read and a timeline, or a sort) froze the window's painting until a thread was free
// (bench_ui --open: 6-11 s stalls while a million rows sorted). As many threads as cores; the
// application owns the pool, and its end waits for the jobs (a reader stops when cancelled).
inline QThreadPool* pool() {
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    }
    return pool;
}

template <typename T> QFuture<T> run(std::function<T()> work) {
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    pool()->start([promise, work = std::move(work)] {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}
} // namespace WorkerFuture
