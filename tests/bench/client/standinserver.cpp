#include "standinserver.h"

#include "common/monotonicclock.h"
#include "sim/simstreamformat.h"

#include <QByteArrayMatcher>
#include <algorithm>
#include <cerrno>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <queue>
#include <random>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {
constexpr quint64 kListenKey = ~0ULL;
constexpr quint64 kWakeKey = ~0ULL - 1;
constexpr qsizetype kMaxRequestBytes = 1024 * 1024;
constexpr int kMaxTokens = 100000;

// One connection: reads a request, then streams the answer token by token on its timer.
struct Connection {
    int fd = -1;
    QByteArray in;
    QByteArray out; // not yet taken by the kernel
    std::unique_ptr<SimStreamFormat> format;
    int tokens = 0; // to send in this answer
    int sent = 0;
    qint64 dueNs = -1;   // the next token's time; -1: not streaming
    quint32 watched = 0; // the epoll events asked for (epoll_ctl only when they change)
};

struct Due {
    qint64 ns;
    int index;
    bool operator>(const Due& other) const { return ns > other.ns; }
};

// The server's loop, on its thread: everything it owns lives here.
class Loop {
public:
    Loop(const StandInServer::Timing& timing, int listenFd, int wakeFd, std::atomic<qint64>* events,
         std::vector<qint64>* slipsNs)
        : m_timing(timing)
        , m_listenFd(listenFd)
        , m_wakeFd(wakeFd)
        , m_events(events)
        , m_slipsNs(slipsNs)
        , m_random(12345) {}
    ~Loop();
    void run();

private:
    void watch(int fd, quint64 key, quint32 events);
    void watchConnection(int index, quint32 events);
    void accept();
    void onReadable(int index);
    void handleRequest(Connection& c, qsizetype headEnd, qsizetype bodyLength);
    void sendDue();
    void sendToken(int index, qint64 nowNs);
    void flush(int index);
    void close(int index);
    timespec timeout() const;
    qint64 waitNs(double valueMs);

    StandInServer::Timing m_timing;
    int m_listenFd;
    int m_wakeFd;
    int m_epoll = -1;
    std::atomic<qint64>* m_events;
    std::vector<qint64>* m_slipsNs; // each token's send time - its planned time
    std::mt19937_64 m_random;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    quint64 m_seq = 0;
};

Loop::~Loop() {
    for (int i = 0; i < int(m_connections.size()); ++i)
        close(i);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void Loop::watch(int fd, quint64 key, quint32 events) {
    epoll_event event{};
    event.events = events;
    event.data.u64 = key;
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) != 0)
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
}

qint64 Loop::waitNs(double valueMs) {
    std::uniform_real_distribution<double> wait(std::max(0.0, valueMs - m_timing.jitterMs),
                                                valueMs + m_timing.jitterMs);
    return qint64(wait(m_random) * 1e6);
}

// The next token's time as epoll_pwait2's timeout (ns resolution): no timer file to arm and
// read for every event, which cost the stand-in two more system calls an event.
timespec Loop::timeout() const {
    const qint64 waitNs = std::max<qint64>(0, m_due.top().ns - MonotonicClock::nowNs());
    return {time_t(waitNs / 1'000'000'000), long(waitNs % 1'000'000'000)};
}

void Loop::run() {
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    watch(m_listenFd, kListenKey, EPOLLIN);
    watch(m_wakeFd, kWakeKey, EPOLLIN);
    epoll_event ready[256];
    for (;;) {
        timespec wait{};
        if (!m_due.empty())
            wait = timeout();
        const int n = epoll_pwait2(m_epoll, ready, 256, m_due.empty() ? nullptr : &wait, nullptr);
        for (int i = 0; i < n; ++i) {
            const quint64 key = ready[i].data.u64;
            if (key == kWakeKey)
                return;
            if (key == kListenKey) {
                accept();
            } else {
                if (ready[i].events & EPOLLOUT)
                    flush(int(key));
                if (ready[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    onReadable(int(key));
            }
        }
        sendDue();
    }
}

void Loop::accept() {
    for (;;) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto connection = std::make_unique<Connection>();
        connection->fd = fd;
        int index = -1;
        for (int i = 0; i < int(m_connections.size()) && index < 0; ++i)
            if (!m_connections[size_t(i)])
                index = i;
        if (index < 0) {
            index = int(m_connections.size());
            m_connections.emplace_back();
        }
        m_connections[size_t(index)] = std::move(connection);
        watchConnection(index, EPOLLIN);
    }
}

void Loop::onReadable(int index) {
    Connection& c = *m_connections[size_t(index)];
    char buffer[16384];
    const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
        close(index);
        return;
    }
    if (got < 0)
        return;
    c.in.append(buffer, qsizetype(got));
    const qsizetype headEnd = c.in.indexOf("\r\n\r\n");
    if (headEnd < 0 || c.dueNs >= 0) {
        if (c.in.size() > kMaxRequestBytes)
            close(index);
        return;
    }
    static const QByteArrayMatcher lengthHeader("content-length:");
    const QByteArray head = c.in.left(headEnd).toLower();
    const qsizetype at = lengthHeader.indexIn(head);
    const qsizetype bodyLength =
        at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
    if (c.in.size() < headEnd + 4 + bodyLength)
        return; // the body is still on its way
    handleRequest(c, headEnd, bodyLength);
    const qint64 due = c.dueNs;
    flush(index); // may close it
    if (due >= 0 && m_connections[size_t(index)])
        m_due.push(Due{due, index});
}

void Loop::handleRequest(Connection& c, qsizetype headEnd, qsizetype bodyLength) {
    const QByteArray body = c.in.mid(headEnd + 4, bodyLength);
    const bool post = c.in.startsWith("POST ");
    c.in.remove(0, headEnd + 4 + bodyLength);
    if (!post) { // e.g. GET /v1/models
        const QByteArray json = R"({"object":"list","data":[{"id":"stand-in"}]})";
        c.out +=
            QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ") +
            QByteArray::number(json.size()) + "\r\n\r\n" + json;
        return;
    }
    const qsizetype at = body.indexOf("\"max_tokens\":");
    const int asked = at < 0 ? 16 : body.mid(at + 13, 12).split(',').first().trimmed().toInt();
    c.tokens = std::clamp(asked, 1, kMaxTokens);
    c.sent = 0;
    const quint64 seq = ++m_seq;
    c.format = std::make_unique<SimStreamFormat>(SimGenRequest::Kind::Chat, seq,
                                                 QStringLiteral("stand-in"), 0);
    c.out += QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                        "Transfer-Encoding: chunked\r\nX-Request-Id: ") +
             QByteArray::number(seq) + "\r\n\r\n";
    c.format->appendPreamble(&c.out, 32);
    m_events->fetch_add(1, std::memory_order_relaxed);
    c.dueNs = MonotonicClock::nowNs() + waitNs(m_timing.firstTokenMs);
}

void Loop::sendDue() {
    const qint64 now = MonotonicClock::nowNs();
    while (!m_due.empty() && m_due.top().ns <= now) {
        const Due due = m_due.top();
        m_due.pop();
        Connection* c = m_connections[size_t(due.index)].get();
        if (c && c->dueNs == due.ns) // else closed, or a stale entry
            sendToken(due.index, now);
    }
}

void Loop::sendToken(int index, qint64 nowNs) {
    Connection& c = *m_connections[size_t(index)];
    const bool last = c.sent + 1 >= c.tokens;
    m_slipsNs->push_back(nowNs - c.dueNs);
    if (last) {
        c.format->appendLast(&c.out, c.sent, true, 32, c.tokens, true);
        m_events->fetch_add(4, std::memory_order_relaxed); // token, finish, usage, [DONE]
        c.dueNs = -1;
    } else {
        c.format->appendToken(&c.out, c.sent);
        m_events->fetch_add(1, std::memory_order_relaxed);
        // From the planned time, not from now: a late token does not push the others back.
        c.dueNs = std::max(c.dueNs + waitNs(m_timing.intervalMs), nowNs);
        m_due.push(Due{c.dueNs, index});
    }
    ++c.sent;
    flush(index);
}

void Loop::flush(int index) {
    Connection* c = m_connections[size_t(index)].get();
    if (!c || c->out.isEmpty())
        return;
    const ssize_t sent = ::send(c->fd, c->out.constData(), size_t(c->out.size()), MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN && errno != EINTR) {
        close(index);
        return;
    }
    if (sent > 0)
        c->out.remove(0, qsizetype(sent));
    watchConnection(index, c->out.isEmpty() ? EPOLLIN : (EPOLLIN | EPOLLOUT));
}

void Loop::watchConnection(int index, quint32 events) {
    Connection& c = *m_connections[size_t(index)];
    if (c.watched == events)
        return;
    c.watched = events;
    watch(c.fd, quint64(index), events);
}

void Loop::close(int index) {
    std::unique_ptr<Connection>& c = m_connections[size_t(index)];
    if (!c)
        return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
    ::close(c->fd);
    c.reset();
}

} // namespace

StandInServer::~StandInServer() {
    stop();
}

bool StandInServer::start(const Timing& timing, QString* error) {
    m_timing = timing;
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (m_listenFd < 0 || ::bind(m_listenFd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(m_listenFd, 4096) != 0 ||
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        *error = QStringLiteral("stand-in server: cannot listen on 127.0.0.1: errno %1").arg(errno);
        return false;
    }
    m_port = ntohs(address.sin_port);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    m_thread = std::thread([this] {
        // The engine's client-CPU figures leave out threads of this name (ProcessCpu).
        pthread_setname_np(pthread_self(), "plateau-sim");
        if (m_timing.cpu >= 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(m_timing.cpu, &set);
            sched_setaffinity(0, sizeof set, &set); // this thread only
        }
        run();
        rusage own{};
        getrusage(RUSAGE_THREAD, &own);
        const auto seconds = [](const timeval& t) {
            return double(t.tv_sec) + double(t.tv_usec) / 1e6;
        };
        m_usage = {seconds(own.ru_utime) + seconds(own.ru_stime), qint64(own.ru_nvcsw)};
    });
    return true;
}

void StandInServer::run() {
    m_slipsNs.clear();
    Loop loop(m_timing, m_listenFd, m_wakeFd, &m_events, &m_slipsNs);
    loop.run();
}

void StandInServer::stop() {
    if (m_thread.joinable()) {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof one);
        m_thread.join();
    }
    for (int* fd : {&m_listenFd, &m_wakeFd}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
}

StandInServer::Slip StandInServer::slip() const {
    std::vector<qint64> sorted = m_slipsNs;
    if (sorted.empty())
        return {};
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&sorted](double q) {
        return double(sorted[size_t(q * double(sorted.size() - 1))]) / 1e6;
    };
    return {at(0.5), at(0.99)};
}

QString StandInServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}
