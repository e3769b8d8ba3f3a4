#pragma once

#include <QJsonValue>

#include <cstddef>
#include <optional>

// The value of a JSON number's text, as QJsonDocument gives it: an integer that fits a qint64
// stays one; anything else is the nearest double (std::from_chars rounds correctly, and
// RapidJSON has already checked the syntax). A number beyond a double's range, too large or
// too small (1e400, 1e-400), has no value: QJsonDocument calls it an illegal number.
//
// Why not RapidJSON's own conversion: its full-precision path (Debian's 1.1.0) reads
// "0.0000000000000000000000001" and similar with undefined behaviour (a zero given to
// __builtin_clzll, shifts by negative counts), found by fuzz_results; its normal path is not
// exact, and a request's times must come back to the nanosecond.
class JsonNumberText {
public:
    static std::optional<QJsonValue> toValue(const char* text, std::size_t length);
};
