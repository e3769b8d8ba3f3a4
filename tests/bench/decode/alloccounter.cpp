#include "alloccounter.h"

#include <atomic>
#include <cerrno>
#include <cstddef>

// glibc exports its allocator under these names too: the definitions below forward to
// them, so the program's allocator is glibc's, only counted.
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* pointer);
}

namespace {
// Relaxed atomics: Qt may allocate on its own threads; the counts need no ordering.
std::atomic<std::int64_t> g_allocations{0};
std::atomic<std::int64_t> g_bytes{0};

void count(size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    g_bytes.fetch_add(std::int64_t(size), std::memory_order_relaxed);
}
} // namespace

AllocCounter::Counts AllocCounter::now() {
    return {g_allocations.load(std::memory_order_relaxed), g_bytes.load(std::memory_order_relaxed)};
}

extern "C" {
void* malloc(size_t size) {
    count(size);
    return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) {
    count(n * size);
    return __libc_calloc(n, size);
}
// A realloc is counted as an allocation: it may move the block, and growing a container
// in place is what "no allocation" is meant to rule out as well.
void* realloc(void* pointer, size_t size) {
    count(size);
    return __libc_realloc(pointer, size);
}
void free(void* pointer) {
    __libc_free(pointer);
}
void* memalign(size_t alignment, size_t size) {
    count(size);
    return __libc_memalign(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) {
    count(size);
    return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
    count(size);
    void* pointer = __libc_memalign(alignment, size);
    if (!pointer)
        return ENOMEM;
    *out = pointer;
    return 0;
}
}
