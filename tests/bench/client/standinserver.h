#pragma once

#include <QByteArray>
#include <QString>
#include <atomic>
#include <thread>
#include <vector>

// The benchmark's own stand-in for an OpenAI-compatible server, on its own thread: every
// stream is on its own timer with jitter, so the streams' events arrive independently
// (as behind a load balancer over several replicas), unlike the simulator's lock-step
// decode steps that send every stream's token in one burst. Plain POSIX (epoll_pwait2's
// timeout for the timers, one send() per event): its CPU time is its thread's alone, so the
// benchmark can take it out of the process's. Answers every POST with a chunked SSE stream of
// OpenAI chat chunks (role, one content chunk per token, finish, usage, [DONE]) of max_tokens
// tokens from the request body; keep-alive. Linux only.
class StandInServer {
public:
    struct Timing {
        double firstTokenMs = 5; // after the request has been read
        double intervalMs = 5;   // between two tokens of one stream
        double jitterMs = 2;     // each wait drawn uniformly in [value - jitter, value + jitter]
        int cpu = -1;            // pin the server thread to this CPU (-1: not pinned)
    };

    StandInServer() = default;
    ~StandInServer();
    StandInServer(const StandInServer&) = delete;
    StandInServer& operator=(const StandInServer&) = delete;

    // Listens on 127.0.0.1 (port 0) and starts the thread.
    bool start(const Timing& timing, QString* error);
    void stop();
    quint16 port() const { return m_port; }
    QString baseUrl() const;
    // The server thread's own use of the machine, to take out of the process's figures.
    struct Usage {
        double cpuS = 0;              // user + system
        qint64 voluntarySwitches = 0; // times it slept (in epoll_wait) and woke again
    };
    // Valid after stop().
    Usage usage() const { return m_usage; }
    // SSE events written so far (role, tokens, finish, usage, [DONE]).
    qint64 eventsSent() const { return m_events.load(); }
    // How late the tokens left against their planned times, p50 and p99 in ms: a stand-in
    // that falls behind sends several streams' tokens in one burst, and the pattern is no
    // longer independent. Valid after stop().
    struct Slip {
        double p50Ms = 0;
        double p99Ms = 0;
    };
    Slip slip() const;

private:
    struct Stream;
    void run();

    Timing m_timing;
    int m_listenFd = -1;
    int m_wakeFd = -1; // eventfd: stop()
    quint16 m_port = 0;
    std::thread m_thread;
    Usage m_usage; // written by the thread as it ends, read after join()
    std::atomic<qint64> m_events{0};
    std::vector<qint64> m_slipsNs; // written by the thread, read after join()
};
