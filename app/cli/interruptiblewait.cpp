#include "cli/interruptiblewait.h"

InterruptibleWait::InterruptibleWait(std::function<void()> stop, QObject* parent)
    : QObject(parent)
    , m_stop(std::move(stop)) {
    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, &m_loop, &QEventLoop::quit);
    connect(&m_watcher, &SignalWatcher::terminationRequested, this, [this](int) {
        if (m_interrupted)
            return;
        m_interrupted = true;
        m_stop();
        m_grace.start(kStopGraceMs);
    });
}

void InterruptibleWait::finish() {
    m_finished = true;
    m_loop.quit();
}

bool InterruptibleWait::exec() {
    if (!m_finished)
        m_loop.exec();
    return m_finished;
}
