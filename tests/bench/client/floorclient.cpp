#include "floorclient.h"

#include "common/monotonicclock.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringBuilder>
#include <cerrno>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {
constexpr int kTimeoutMs = 60000; // no event for this long: the server is gone

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Stream {
    int fd = -1;
    QByteArray tail; // the last bytes read, for a "data: " or the end split across reads
};

int connectTo(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

bool sendRequest(int fd, const QByteArray& request) {
    return ::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) ==
           ssize_t(request.size());
}

// The trivial parse: events are "data: " lines; the body ends with the zero-size chunk.
// Returns true when this read finished the response.
bool parse(Stream& stream, QByteArrayView bytes, qint64* events) {
    QByteArray window = stream.tail;
    window.append(bytes.data(), bytes.size());
    static constexpr QByteArrayView kData("\ndata: ");
    for (qsizetype at = window.indexOf(kData); at >= 0; at = window.indexOf(kData, at + 1))
        if (at + kData.size() > stream.tail.size()) // not counted with the previous read
            ++*events;
    const bool ended = window.endsWith("\r\n0\r\n\r\n");
    stream.tail = window.right(8);
    return ended;
}
} // namespace

FloorClient::Outcome FloorClient::run(quint16 port, int streams, int requests, int outputTokens) {
    Outcome outcome;
    const QByteArray body = QByteArray("{\"stream\":true,\"max_tokens\":") +
                            QByteArray::number(outputTokens) +
                            ",\"messages\":[{\"role\":\"user\",\"content\":\"floor\"}]}";
    const QByteArray request =
        QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/json\r\nContent-Length: ") +
        QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    std::vector<Stream> open(size_t(std::max(1, streams)));
    const double cpu0 = threadCpuSeconds();
    const qint64 t0 = MonotonicClock::nowNs();
    int issued = 0;
    int finished = 0;
    for (size_t i = 0; i < open.size() && issued < requests; ++i) {
        open[i].fd = connectTo(port);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = i;
        if (open[i].fd < 0 || epoll_ctl(epoll, EPOLL_CTL_ADD, open[i].fd, &event) != 0 ||
            !sendRequest(open[i].fd, request))
            return outcome;
        ++issued;
    }
    std::vector<char> buffer(64 * 1024);
    epoll_event ready[256];
    while (finished < requests) {
        const int n = epoll_wait(epoll, ready, 256, kTimeoutMs);
        if (n <= 0)
            break;
        ++outcome.wakeUps;
        for (int i = 0; i < n; ++i) {
            Stream& stream = open[size_t(ready[i].data.u64)];
            // The arrival time a real client would take, right before the read.
            [[maybe_unused]] const qint64 arrivalNs = MonotonicClock::nowNs();
            const ssize_t got = ::recv(stream.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
            if (got <= 0) {
                if (got < 0 && (errno == EAGAIN || errno == EINTR))
                    continue;
                finished = requests + 1; // the server closed on us: not a valid floor
                break;
            }
            if (!parse(stream, QByteArrayView(buffer.data(), got), &outcome.events))
                continue;
            ++finished;
            stream.tail.clear();
            if (issued < requests && sendRequest(stream.fd, request))
                ++issued;
        }
    }
    outcome.cpuS = threadCpuSeconds() - cpu0;
    outcome.wallS = double(MonotonicClock::nowNs() - t0) / 1e9;
    outcome.ok = finished == requests;
    for (const Stream& stream : open)
        if (stream.fd >= 0)
            ::close(stream.fd);
    ::close(epoll);
    return outcome;
}
