#include "benchclient.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
constexpr char kTokenMarker[] = "\"delta\":{\"content\"";
constexpr char kEnd[] = "\r\n0\r\n\r\n"; // the zero-length chunk: the response is complete
constexpr int kEndLength = 7;

qint64 countMarkers(const char* data, size_t length) {
    qint64 n = 0;
    const size_t m = sizeof(kTokenMarker) - 1;
    const char* p = data;
    const char* end = data + length;
    while (p + m <= end) {
        const void* hit = memmem(p, size_t(end - p), kTokenMarker, m);
        if (!hit)
            break;
        ++n;
        p = static_cast<const char*>(hit) + m;
    }
    return n;
}
} // namespace

bool BenchClient::start(quint16 port, int connections, int maxTokens, std::string* error) {
    const std::string body =
        R"({"model":"bench","messages":[{"role":"user","content":"measure the simulator"}],)"
        R"("stream":true,"max_tokens":)" +
        std::to_string(maxTokens) + "}";
    m_request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body;
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // The loop runs before the first connection: the first streams' tokens are read as
    // they come while the rest connect, so no backlog builds up during the ramp. m_conns
    // never reallocates while the loop reads it.
    m_conns.resize(size_t(connections));
    m_thread = std::thread([this] { loop(); });
    for (int i = 0; i < connections; ++i) {
        Conn& c = m_conns[size_t(i)];
        c.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (c.fd < 0 || connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            *error = std::string("connect: ") + strerror(errno);
            return false;
        }
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(c.fd, F_SETFL, fcntl(c.fd, F_GETFL) | O_NONBLOCK);
        // The request first, then the watch: the loop never sees a connection whose
        // request is not yet sent.
        sendRequest(c);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = quint32(i);
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    }
    return true;
}

void BenchClient::stop() {
    if (m_thread.joinable()) {
        m_stop = true;
        m_thread.join();
    }
    for (Conn& c : m_conns) {
        if (c.fd >= 0)
            close(c.fd);
    }
    m_conns.clear();
    if (m_epoll >= 0)
        close(m_epoll);
    m_epoll = -1;
}

bool BenchClient::pinToCpu(int cpu) {
    if (!m_thread.joinable())
        return false;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(m_thread.native_handle(), sizeof set, &set) == 0;
}

bool BenchClient::sendRequest(Conn& c) {
    // Requests are small: the socket's empty send buffer takes them whole.
    const ssize_t n = send(c.fd, m_request.data(), m_request.size(), MSG_NOSIGNAL);
    if (n != ssize_t(m_request.size())) {
        ++m_errors;
        return false;
    }
    return true;
}

void BenchClient::loop() {
    // Linux: pid 0 is the calling thread.
    if (m_realtime) {
        const sched_param param{1};
        m_realtimeApplied = sched_setscheduler(0, SCHED_FIFO, &param) == 0;
    }
    epoll_event events[256];
    while (!m_stop.load(std::memory_order_relaxed)) {
        const int n = epoll_wait(m_epoll, events, 256, 50);
        for (int i = 0; i < n; ++i)
            onReadable(m_conns[events[i].data.u32]);
    }
}

void BenchClient::onReadable(Conn& c) {
    static thread_local char buffer[65536];
    for (;;) {
        const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            m_tokens.fetch_add(countMarkers(buffer, size_t(n)), std::memory_order_relaxed);
            // Keep the last 7 bytes seen; the response ended if they are the terminator
            // (the server sends nothing after it until the next request).
            char edge[2 * kEndLength];
            memcpy(edge, c.tail, size_t(c.tailLength));
            int length = c.tailLength;
            const int take = int(std::min<ssize_t>(n, kEndLength));
            memcpy(edge + length, buffer + n - take, size_t(take));
            length += take;
            const int keep = std::min(length, kEndLength);
            memcpy(c.tail, edge + length - keep, size_t(keep));
            c.tailLength = keep;
            if (keep == kEndLength && memcmp(c.tail, kEnd, kEndLength) == 0) {
                m_completed.fetch_add(1, std::memory_order_relaxed);
                c.tailLength = 0;
                sendRequest(c);
            }
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n < 0 && errno == EINTR)
            continue;
        // Closed or failed: stop watching it.
        ++m_errors;
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        return;
    }
}
