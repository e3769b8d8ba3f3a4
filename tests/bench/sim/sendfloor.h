#pragma once

#include <QtGlobal>

// The kernel's floor under the simulator's slip on this machine: the time one thread, on
// CPU 0, takes to write one token-sized chunk (the size of a real token event) to each of
// N loopback TCP connections, while a reader on CPU 1 drains them with epoll, as the
// benchmark's client does. No simulator and no Qt are involved: it is the least a step of
// N tokens can take on one core, so the slip of the step's last token cannot be lower.
// Linux only.
struct SendFloor {
    int streams = 0;
    double perSendUs = 0;  // median over the bursts, per send
    double burstP50Ms = 0; // one burst of N sends
    double burstP99Ms = 0;
    bool ok = false;
    static SendFloor measure(int streams, int bursts, double intervalMs);
};
