#pragma once

// CPU time consumed by this process, for the client-health figures of each level.
namespace ProcessCpu {
// All threads of the process.
double seconds();
// The client's share: all threads minus the in-process simulator's ("plateau-sim"
// threads, found by name in /proc/self/task on Linux; 10 ms resolution there). With no
// simulator in the process this equals seconds().
double clientSeconds();
} // namespace ProcessCpu
