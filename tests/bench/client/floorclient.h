#pragma once

#include <QtGlobal>

// The floor of reading streams on this machine: a bare loop on the calling thread doing
// what any client must do per event and nothing more: epoll_wait, one recv() per ready
// socket, and a trivial parse (counting "data: " lines and spotting the body's end), over
// `streams` keep-alive connections to the stand-in server, `requests` requests in all. Its
// thread CPU per event is what a client's own CPU per event is compared with.
class FloorClient {
public:
    struct Outcome {
        bool ok = false;
        double wallS = 0;
        double cpuS = 0; // this thread's user + system
        qint64 events = 0;
        qint64 wakeUps = 0; // epoll_wait calls that returned events
    };
    static Outcome run(quint16 port, int streams, int requests, int outputTokens);
};
