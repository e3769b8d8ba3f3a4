#pragma once

#include "load/arrivalprocess.h"
#include "load/leveldriver.h"

#include <QQueue>
#include <QTimer>

// Open loop: requests arrive at a rate (Poisson or gamma), at absolute planned times
// computed from the level start, so timer lateness never accumulates. tSchedNs is the
// planned arrival. With a concurrency cap, an arrival that finds every slot taken waits
// in a FIFO; its wait shows up as queue_ms. A count-bound level has a fixed number of
// arrivals; a duration-bound one has the arrivals planned before start + duration.
class OpenLoopDriver : public LevelDriver {
    Q_OBJECT
public:
    OpenLoopDriver(const LevelSpec& spec, Issuer issuer, QObject* parent = nullptr);

    void start(qint64 startNs) override;

protected:
    void handleFinished(qint64 cookie, qint64 freeAtNs) override;
    void onStopIssuing() override;

private:
    struct Arrival {
        qint64 plannedNs;
        bool warmup;
    };
    void onTimer();
    void arm();
    void arrive(qint64 plannedNs);
    void maybeEnd(qint64 lastIssueNs);

    ArrivalProcess m_process;
    qint64 m_nextArrivalNs = -1;
    int m_arrivals = 0;
    bool m_arrivalsOver = false;
    qint64 m_arrivalsEndNs = -1;
    QQueue<Arrival> m_waiting;
    QTimer m_timer;
};
