#include "models/workloadpreviewjob.h"

#include "models/workloadpreviewbuilder.h"

#include <QThread>
#include <QTimer>

WorkloadPreviewJob::WorkloadPreviewJob(QObject* parent)
    : QObject(parent)
    , m_poll(new QTimer(this)) {
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &WorkloadPreviewJob::reportProgress);
}

WorkloadPreviewJob::~WorkloadPreviewJob() {
    // Threads still reading stop at their next progress report; wait for them so none
    // outlives the objects it reports to.
    cancel();
    const QList<QThread*> threads = findChildren<QThread*>();
    for (QThread* thread : threads)
        thread->wait();
}

void WorkloadPreviewJob::start(const Profile& profile) {
    cancel();
    auto state = std::make_shared<State>();
    LoadProgress progress = [state](qint64 read, qint64 total) {
        state->bytesRead = read;
        state->bytesTotal = total;
        return !state->cancel.load();
    };
    QThread* thread = QThread::create([state, profile, progress] {
        state->result = WorkloadPreviewBuilder::build(profile, progress);
    });
    thread->setParent(this);
    connect(thread, &QThread::finished, this,
            [this, thread, state] { onThreadFinished(thread, state); });
    m_current = thread;
    m_state = state;
    thread->start(QThread::LowPriority);
    m_poll->start();
}

void WorkloadPreviewJob::cancel() {
    if (m_state)
        m_state->cancel = true;
    m_current = nullptr;
    m_state.reset();
    m_poll->stop();
}

void WorkloadPreviewJob::onThreadFinished(QThread* thread, const std::shared_ptr<State>& state) {
    thread->deleteLater();
    if (thread != m_current)
        return; // cancelled: a newer computation replaced it
    m_current = nullptr;
    m_state.reset();
    m_poll->stop();
    Q_EMIT finished(state->result);
}

void WorkloadPreviewJob::reportProgress() {
    if (m_state)
        Q_EMIT progress(m_state->bytesRead.load(), m_state->bytesTotal.load());
}
