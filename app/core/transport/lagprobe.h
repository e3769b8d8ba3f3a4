#pragma once

#include "transport/lagsampling.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>

// Measures how late its own thread's event loop runs: a single-shot timer armed for
// `interval` ms; each firing records (now - when it was due). A busy loop (parsing,
// journaling, a blocked GUI) shows up directly as lag, and lag on a network thread is
// lag in every timestamp that thread takes. Create and start it on the measured thread.
// A quiet thread is probed less often (LagSampling: up to 8 periods apart), each firing
// then recorded once per period it stands for, so the samples stay one per period.
class LagProbe : public QObject {
    Q_OBJECT
public:
    explicit LagProbe(QObject* parent = nullptr);

    void start(int intervalMs);
    void stop();
    // Thread-safe: the samples (ms) since the last call, one per base period.
    QList<double> takeSamplesMs();
    // p99 of samples (linear interpolation), 0 if there are none.
    static double p99(QList<double> samples);
    // The period the timer is armed with now (the base one, or a quiet thread's longer one).
    int intervalMs() const;

private:
    void onTimeout();
    void arm(qint64 nowNs);

    QTimer m_timer;
    LagSampling m_sampling{10};
    qint64 m_dueNs = -1;
    qint64 m_lastFiringNs = -1;
    qint64 m_lastCpuNs = 0; // the thread's CPU time at the last firing
    QMutex m_mutex;
    QList<double> m_samples;
};
