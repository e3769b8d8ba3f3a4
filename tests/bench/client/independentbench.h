#pragma once

// bench_client's parts against the stand-in server (StandInServer) instead of the simulator:
//   5. independent streams: N streams, each on its own timer with jitter, so one wake-up of
//      the client rarely finds more than one event; client CPU per event (whole process and
//      level only, the stand-in's thread taken out), wake-ups per event, and the floor (a
//      bare epoll + recv + trivial-parse loop over the same server) with the ratio to it.
//   6. trickle: 64 streams x 1 token per 100 ms; the client's CPU as % of one core.
// pin: the stand-in's thread on CPU 0 (the client's threads stay on CPU 1).
class IndependentBench {
public:
    static void independentStreams(bool pin, bool quick);
    static void trickle(bool pin, bool quick);
};
