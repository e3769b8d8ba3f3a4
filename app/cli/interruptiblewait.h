#pragma once

#include "cli/signalwatcher.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>
#include <functional>

// The CLI's wait for a run (run, interleave): until the runner finishes, or, after Ctrl-C
// (or SIGTERM), until it finishes within a grace period. The first signal calls `stop`
// (say so and stop the runner) and starts the grace timer; a second one kills the process
// (SignalWatcher). A runner that never finishes after a stop still lets the CLI write what
// it has rather than hang a CI job. Make it before starting the runner.
class InterruptibleWait : public QObject {
    Q_OBJECT
public:
    static constexpr int kStopGraceMs = 15000;

    explicit InterruptibleWait(std::function<void()> stop, QObject* parent = nullptr);

    // The runner finished (its finished() signal): exec() returns, or will not block.
    void finish();
    // True when the runner finished; false when the grace period ran out first.
    bool exec();
    bool interrupted() const { return m_interrupted; }

private:
    std::function<void()> m_stop;
    SignalWatcher m_watcher;
    QEventLoop m_loop;
    QTimer m_grace;
    bool m_finished = false;
    bool m_interrupted = false;
};
