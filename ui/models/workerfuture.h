#pragma once

#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <functional>
#include <memory>

// Long work off the GUI thread (issue 17: a million-request run takes seconds to read, write or
// scan): `work` runs on the global thread pool, and its value comes in the future, which a
// QFutureWatcher hands to the GUI thread. QtConcurrent::run does the same but is a library of
// its own; this is QtCore. The pool runs the work to its end even when nobody waits for it any
// more (its value then goes with the promise), and QApplication waits for the pool at exit.
// `work` must touch no widget: it gets what it needs by value (Qt's implicitly shared
// containers, such as a RunResult's records, are shared, not copied, and safe to read there).
namespace WorkerFuture {
template <typename T> QFuture<T> run(std::function<T()> work) {
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, work = std::move(work)] {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}
} // namespace WorkerFuture
