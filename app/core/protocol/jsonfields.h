#pragma once

#include "protocol/jsonreader.h"

#include <QByteArrayView>
#include <QString>

// Picks a few fields out of one JSON object in a single walk, wherever they stand, building
// nothing. The typed streams (Anthropic Messages, OpenAI Responses) say in an event's "type"
// which fields count, but JSON does not order keys: their scanners name every field any
// type uses, and look at the type once the walk is over.
//
// What a picked value reads as follows QJsonValue's conversions, so that the scanners read
// what QJsonDocument would: a string of a non-string is empty, a count of a non-number is
// -1, a field under a non-object is absent.
class JsonFields {
public:
    enum class Kind {
        String,  // any string (its text decoded only when asked for)
        Name,    // a string compared as it is: an escape in it fails the walk
        Count,   // a token count as FlavorSupport::usageCount reads one
        Present, // only whether the key is there
        Refused, // a key whose presence fails the walk (an event left to the full parser)
    };
    struct Spec {
        const char* path; // keys from the top, dot-separated: "message.usage.input_tokens"
        Kind kind;
    };
    struct Value {
        bool present = false;  // the key is there, whatever its value
        QByteArrayView quoted; // String / Name: the string with its quotes, empty if none
        int count = -1;        // Count

        bool nonEmpty() const { return quoted.size() > 2; } // every character decodes to one
        // A Name's bytes: compare them with an ASCII name. Empty for a non-string.
        QByteArrayView name() const {
            return quoted.isEmpty() ? quoted : quoted.chopped(1).sliced(1);
        }
        QString text() const { return JsonReader::decode(quoted); }
    };
    static constexpr int kMaxFields = 32; // a bit each
    static constexpr int kMaxLevels = 8;  // keys in a path

    // Walks `json` (one object, JSON spaces around it allowed) and fills values[i] for
    // specs[i] (values as default-constructed). False when the text is anything JsonReader
    // does not read, when a key on a path repeats (QJsonDocument would keep one of the two),
    // or when a count is not a whole number: the caller then decodes with QJsonDocument.
    // No path may be the beginning of another.
    template <int N>
    static bool pick(QByteArrayView json, const Spec (&specs)[N], Value (&values)[N]) {
        static_assert(N <= kMaxFields);
        return pick(json, specs, N, values);
    }
    static bool pick(QByteArrayView json, const Spec* specs, int count, Value* values);
};
