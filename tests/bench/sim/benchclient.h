#pragma once

#include <QtGlobal>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

// The benchmark's load: N keep-alive connections, each streaming one chat request after
// another, driven by one thread with a bare epoll loop. It does as little as possible per
// read (count token events, spot the end of a response) so that, on a 2-core machine, the
// figures describe the simulator rather than the client. Linux only (the benchmark's home).
class BenchClient {
public:
    BenchClient() = default;
    ~BenchClient() { stop(); }
    BenchClient(const BenchClient&) = delete;
    BenchClient& operator=(const BenchClient&) = delete;

    // Connects every socket, sends the first requests and starts the loop thread.
    bool start(quint16 port, int connections, int maxTokens, std::string* error);
    void stop(); // closes every connection
    // Binds the client's loop thread to one CPU (Linux), away from the simulator's.
    bool pinToCpu(int cpu);
    // Before start(): run the loop thread SCHED_FIFO (Linux; needs privilege).
    void setRealtime(bool on) { m_realtime = on; }
    bool realtimeApplied() const { return m_realtimeApplied.load(); }

    qint64 tokensReceived() const { return m_tokens.load(std::memory_order_relaxed); }
    qint64 responsesCompleted() const { return m_completed.load(std::memory_order_relaxed); }
    qint64 errors() const { return m_errors.load(std::memory_order_relaxed); }

private:
    struct Conn {
        int fd = -1;
        char tail[8] = {}; // the last bytes read, to spot a terminator split across reads
        int tailLength = 0;
    };
    void loop();
    void onReadable(Conn& c);
    bool sendRequest(Conn& c);

    std::string m_request;
    std::vector<Conn> m_conns;
    int m_epoll = -1;
    std::thread m_thread;
    bool m_realtime = false;
    std::atomic<bool> m_realtimeApplied{false};
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_tokens{0};
    std::atomic<qint64> m_completed{0};
    std::atomic<qint64> m_errors{0};
};
