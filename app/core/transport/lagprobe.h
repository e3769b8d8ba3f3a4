#pragma once

#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>

// Measures how late its own thread's event loop runs: a single-shot timer armed for
// `interval` ms; each firing records (now - when it was due). A busy loop (parsing,
// journaling, a blocked GUI) shows up directly as lag, and lag on a network thread is
// lag in every timestamp that thread takes. Create and start it on the measured thread.
class LagProbe : public QObject {
    Q_OBJECT
public:
    explicit LagProbe(QObject* parent = nullptr);

    void start(int intervalMs);
    void stop();
    // Thread-safe: the samples (ms) since the last call.
    QList<double> takeSamplesMs();
    // p99 of samples (linear interpolation), 0 if there are none.
    static double p99(QList<double> samples);

private:
    void onTimeout();

    QTimer m_timer;
    int m_intervalMs = 10;
    qint64 m_dueNs = -1;
    QMutex m_mutex;
    QList<double> m_samples;
};
