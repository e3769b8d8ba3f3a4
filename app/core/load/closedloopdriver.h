#pragma once

#include "load/leveldriver.h"

#include <QList>
#include <QTimer>
#include <functional>

// Closed loop: N workers; each sends its next request as soon as its previous one ends
// (tSchedNs = the moment it became free, so client-side delay shows up as queue_ms).
// Workers start staggered over the spec's ramp. A count-bound level shares one request
// counter between the workers; a duration-bound level stops issuing at start + duration
// and lets in-flight requests finish (drain). The first worker that stops issuing marks
// the end of the steady window.
class ClosedLoopDriver : public LevelDriver {
    Q_OBJECT
public:
    ClosedLoopDriver(const LevelSpec& spec, Issuer issuer, QObject* parent = nullptr);

    void start(qint64 startNs) override;

    // A pause before a worker's next request (a conversation user's think time, issue 16):
    // asked each time worker `slot` becomes free; 0 or less: none. The request is due when
    // the pause ends (its tSchedNs), so the pause is never counted as queue time.
    using ThinkTime = std::function<qint64(int slot)>;
    void setThinkTime(ThinkTime thinkTime) { m_thinkTime = std::move(thinkTime); }

protected:
    void handleFinished(qint64 cookie, qint64 freeAtNs) override;
    void onStopIssuing() override;

private:
    void onRampTimer();
    void armRampTimer();
    // Worker `slot` is free at freeAtNs: issue its next request, or retire it.
    void launch(int slot, qint64 freeAtNs);
    void retire(int slot, qint64 atNs);
    void retireUnstarted();
    void onThinkTimer();
    void armThinkTimer();

    QList<qint64> m_plannedStartNs;
    int m_nextToStart = 0;
    int m_retired = 0;
    QTimer m_rampTimer;
    ThinkTime m_thinkTime;
    QList<std::pair<qint64, int>> m_thinking; // (due ns, slot), workers pausing
    QTimer m_thinkTimer;
};
