#include "results/jsonnumbertext.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <system_error>

namespace {
bool isInteger(const char* text, std::size_t length) {
    return std::memchr(text, '.', length) == nullptr && std::memchr(text, 'e', length) == nullptr &&
           std::memchr(text, 'E', length) == nullptr;
}
} // namespace

std::optional<QJsonValue> JsonNumberText::toValue(const char* text, std::size_t length) {
    const char* end = text + length;
    if (isInteger(text, length)) {
        std::int64_t integer = 0;
        const std::from_chars_result read = std::from_chars(text, end, integer);
        if (read.ec == std::errc() && read.ptr == end)
            return QJsonValue(qint64(integer));
        // Beyond qint64: a double, as QJsonDocument reads it.
    }
    double value = 0;
    const std::from_chars_result read = std::from_chars(text, end, value);
    if (read.ec != std::errc() || read.ptr != end)
        return std::nullopt;
    return QJsonValue(value);
}
