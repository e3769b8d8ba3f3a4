#include "sendfloor.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace {
qint64 nowNs() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

bool pinThread(pthread_t thread, int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(thread, sizeof set, &set) == 0;
}

// A chat token event as the simulator frames it (chunked SSE), about 150 bytes.
const char kChunk[] =
    "9f\r\ndata: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
    "\"model\":\"sim\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word\"},"
    "\"finish_reason\":null}]}\n\n\r\n";
} // namespace

SendFloor SendFloor::measure(int streams, int bursts, double intervalMs) {
    SendFloor floor;
    floor.streams = streams;
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &length) != 0 ||
        listen(listener, 4096) != 0) {
        if (listener >= 0)
            close(listener);
        return floor;
    }
    std::vector<int> readers;
    std::vector<int> writers;
    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < streams; ++i) {
        const int r = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (r < 0)
            break;
        readers.push_back(r);
        if (connect(r, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 &&
            errno != EINPROGRESS)
            break;
        const int w = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (w < 0)
            break;
        writers.push_back(w);
        const int one = 1;
        setsockopt(w, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = r;
        epoll_ctl(epoll, EPOLL_CTL_ADD, r, &event);
    }
    close(listener);
    std::atomic<bool> stop{false};
    std::thread reader([&] {
        char buffer[65536];
        epoll_event events[256];
        while (!stop.load(std::memory_order_relaxed)) {
            const int n = epoll_wait(epoll, events, 256, 50);
            for (int i = 0; i < n; ++i) {
                while (recv(events[i].data.fd, buffer, sizeof buffer, 0) > 0) {
                }
            }
        }
    });
    pinThread(reader.native_handle(), 1);
    if (int(writers.size()) == streams) {
        cpu_set_t saved;
        pthread_getaffinity_np(pthread_self(), sizeof saved, &saved);
        pinThread(pthread_self(), 0);
        std::vector<double> burstMs;
        const size_t size = sizeof kChunk - 1;
        for (int b = 0; b < bursts; ++b) {
            const qint64 start = nowNs();
            for (int w : writers)
                send(w, kChunk, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            burstMs.push_back(double(nowNs() - start) / 1e6);
            const timespec pause{0, long(intervalMs * 1e6)};
            nanosleep(&pause, nullptr);
        }
        pthread_setaffinity_np(pthread_self(), sizeof saved, &saved);
        std::sort(burstMs.begin(), burstMs.end());
        floor.burstP50Ms = burstMs[burstMs.size() / 2];
        floor.burstP99Ms = burstMs[std::min(burstMs.size() - 1, burstMs.size() * 99 / 100)];
        floor.perSendUs = floor.burstP50Ms * 1000.0 / streams;
        floor.ok = true;
    }
    stop = true;
    reader.join();
    for (int fd : readers)
        close(fd);
    for (int fd : writers)
        close(fd);
    close(epoll);
    return floor;
}
