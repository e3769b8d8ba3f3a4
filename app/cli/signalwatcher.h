#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the thread that owns the watcher (the
// self-pipe trick: the handler only writes one byte). The handlers reset themselves
// after the first signal, so a second Ctrl-C kills a run that will not stop.
// One watcher at a time per process; the destructor restores the default handlers.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readPipe();

    int m_fds[2] = {-1, -1};
    QSocketNotifier* m_notifier = nullptr;
};
