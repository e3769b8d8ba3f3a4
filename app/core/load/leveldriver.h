#pragma once

#include "load/levelspec.h"
#include "record/requestrecord.h"

#include <QObject>
#include <functional>

// Drives one level: decides when each request is due. Subclasses are the closed loop
// (N workers) and the open loop (arrivals at a rate). Runs on the engine thread, never
// the GUI thread; all times are absolute MonotonicClock ns so nothing drifts.
// Protocol: start(), then onRequestFinished() for every issued request; drained() is
// emitted once issuing is over and nothing is in flight.
class LevelDriver : public QObject {
    Q_OBJECT
public:
    // Hands a request to the network: tSchedNs is when it became due, cookie comes back
    // with its record.
    using Issuer = std::function<void(qint64 tSchedNs, bool warmup, qint64 cookie)>;

    LevelDriver(const LevelSpec& spec, Issuer issuer, QObject* parent = nullptr);

    virtual void start(qint64 startNs) = 0;
    // The run is stopping: issue nothing more (in-flight requests are aborted elsewhere).
    void stopIssuing();
    void onRequestFinished(qint64 cookie, const RequestRecord& record);

    const LevelSpec& spec() const { return m_spec; }
    qint64 startNs() const { return m_startNs; }
    int inFlight() const { return m_inFlight; }
    int issued() const { return m_issued; }
    // The first moment a worker stopped issuing (end of the steady window), -1 before.
    qint64 issueStopNs() const { return m_issueStopNs; }
    bool isIssuing() const { return !m_issuingOver; }
    bool isDrained() const { return m_issuingOver && m_inFlight == 0; }

Q_SIGNALS:
    void drained();

protected:
    // A request finished; freeAtNs is when its worker/slot became free.
    virtual void handleFinished(qint64 cookie, qint64 freeAtNs) = 0;
    virtual void onStopIssuing() {}

    void setStartNs(qint64 ns) { m_startNs = ns; }
    // Count-bound levels: takes one of the level's requests; false when none are left.
    // Sets *warmup for the first warmupRequests issued.
    bool takeTicket(bool* warmup);
    bool ticketsLeft() const;
    void issue(qint64 tSchedNs, bool warmup, qint64 cookie);
    void markIssueStop(qint64 ns);
    // No request will be issued any more.
    void endIssuing();
    qint64 deadlineNs() const; // duration-bound: start + duration; else max

private:
    void checkDrained();

    LevelSpec m_spec;
    Issuer m_issuer;
    qint64 m_startNs = -1;
    qint64 m_issueStopNs = -1;
    int m_inFlight = 0;
    int m_issued = 0;
    bool m_issuingOver = false;
    bool m_drainedEmitted = false;
};
