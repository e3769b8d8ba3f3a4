#include "protocol/jsonfields.h"

#include <bit>
#include <utility>

namespace {
using Kind = JsonFields::Kind;

// One pick's walk: the fields asked for, what was found, and for each level of the paths
// the fields whose object at that level was entered (a second key of the same name there
// is a repeated key).
struct Walk {
    JsonReader reader;
    const JsonFields::Spec* specs;
    JsonFields::Value* values;
    quint32 entered[JsonFields::kMaxLevels] = {};
};

// Where each candidate field's path goes on at the current level (an offset into it).
struct Starts {
    quint16 at[JsonFields::kMaxFields];
};

// The character of `path` after `key` when the path begins with it: '.' (more keys follow)
// or '\0' (the path ends with it); anything else: it does not begin with the key. A key
// with a dot is no path's ("a.b" is not "b" in "a"); none holds a NUL (JsonReader refuses
// control characters in strings).
char afterKey(const char* path, QByteArrayView key) {
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (path[i] != key[i] || key[i] == '.')
            return '\1';
    }
    return path[key.size()];
}

bool readLeaf(Walk& walk, int field, int depth) {
    JsonFields::Value& value = walk.values[field];
    if (std::exchange(value.present, true))
        return false; // a repeated key
    JsonReader& r = walk.reader;
    const Kind kind = walk.specs[field].kind;
    switch (kind) {
    case Kind::String:
    case Kind::Name: {
        if (r.next() != '"')
            return r.skipValue(depth); // not a string: reads as an empty one
        bool escaped = false;
        return r.quoted(&value.quoted, &escaped) && !(escaped && kind == Kind::Name);
    }
    case Kind::Count:
        return r.tokenCount(&value.count, depth);
    case Kind::Present:
        return r.skipValue(depth);
    case Kind::Refused:
        return false;
    }
    return false;
}

// The members of an object at `level` of the paths; candidates: the fields whose keys
// matched every level above (a bit each), their paths going on at `starts`.
bool walkObject(Walk& walk, int level, quint32 candidates, const Starts& starts, int depth) {
    return walk.reader.object(depth, [&](QByteArrayView key) {
        quint32 inner = 0;
        Starts next{};
        for (quint32 rest = candidates; rest != 0; rest &= rest - 1) {
            const int field = std::countr_zero(rest);
            const char after = afterKey(walk.specs[field].path + starts.at[field], key);
            // No other path goes on through a last key: none is another's beginning.
            if (after == '\0')
                return readLeaf(walk, field, depth + 1);
            if (after == '.') {
                inner |= 1u << field;
                next.at[field] = quint16(starts.at[field] + key.size() + 1);
            }
        }
        if (inner == 0)
            return walk.reader.skipValue(depth + 1);
        if ((walk.entered[level] & inner) != 0 || level + 1 >= JsonFields::kMaxLevels)
            return false;
        walk.entered[level] |= inner;
        if (walk.reader.next() != '{')
            return walk.reader.skipValue(depth + 1); // not an object: its fields are absent
        return walkObject(walk, level + 1, inner, next, depth + 1);
    });
}
} // namespace

bool JsonFields::pick(QByteArrayView json, const Spec* specs, int count, Value* values) {
    if (count < 0 || count > kMaxFields)
        return false;
    Walk walk{JsonReader(json), specs, values};
    const quint32 all = count == kMaxFields ? ~0u : (1u << count) - 1;
    return walkObject(walk, 0, all, Starts{}, 0) && walk.reader.atEnd();
}
