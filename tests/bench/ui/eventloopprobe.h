#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

// Measures how late the GUI thread's event loop runs: a precise timer asks to fire every
// `intervalMs`; any extra delay between two firings is time the loop was busy (a stall).
class EventLoopProbe : public QObject {
    Q_OBJECT
public:
    explicit EventLoopProbe(int intervalMs = 5, QObject* parent = nullptr);

    void start();
    void stop();
    void reset();

    double worstStallMs() const;
    double stallPercentileMs(double percentile) const;
    int samples() const { return int(m_stallsMs.size()); }
    int stallsOver(double ms) const;
    // "2.31 s: 61 ms" for each stall over `ms`, by time since start(): where they happen.
    QStringList stallsOverAt(double ms) const;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    int m_intervalMs;
    QList<double> m_stallsMs;
    QList<double> m_atS; // when each stall ended, seconds since start()
};
