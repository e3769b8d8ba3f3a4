#pragma once

#include <cstdint>

// Counts every heap allocation of this process (malloc, calloc, realloc, the aligned
// allocators, and so operator new and Qt's containers, which call them). The counting
// definitions in alloccounter.cpp replace glibc's for the whole program: link them into a
// benchmark binary only. Allocations are deterministic where CPU time on a shared machine
// is not, so they are the figure a change can be judged by.
namespace AllocCounter {
struct Counts {
    std::int64_t allocations = 0;
    std::int64_t bytes = 0; // as requested, not as glibc rounded them
};
Counts now();
} // namespace AllocCounter
