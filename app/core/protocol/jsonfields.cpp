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

// The level-th key of a dot-separated path; *last: it is the path's last key.
QByteArrayView segment(const char* path, int level, bool* last) {
    QByteArrayView rest(path);
    for (int i = 0; i < level; ++i) {
        const qsizetype dot = rest.indexOf('.');
        if (dot < 0)
            return {};
        rest = rest.sliced(dot + 1);
    }
    const qsizetype dot = rest.indexOf('.');
    *last = dot < 0;
    return *last ? rest : rest.first(dot);
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
// matched every level above (a bit each).
bool walkObject(Walk& walk, int level, quint32 candidates, int depth) {
    return walk.reader.object(depth, [&](QByteArrayView key) {
        quint32 inner = 0;
        for (quint32 rest = candidates; rest != 0; rest &= rest - 1) {
            const int field = std::countr_zero(rest);
            bool last = false;
            if (segment(walk.specs[field].path, level, &last) != key)
                continue;
            if (last) // no other path goes on through this key: none is another's beginning
                return readLeaf(walk, field, depth + 1);
            inner |= 1u << field;
        }
        if (inner == 0)
            return walk.reader.skipValue(depth + 1);
        if ((walk.entered[level] & inner) != 0 || level + 1 >= JsonFields::kMaxLevels)
            return false;
        walk.entered[level] |= inner;
        if (walk.reader.next() != '{')
            return walk.reader.skipValue(depth + 1); // not an object: its fields are absent
        return walkObject(walk, level + 1, inner, depth + 1);
    });
}
} // namespace

bool JsonFields::pick(QByteArrayView json, const Spec* specs, int count, Value* values) {
    if (count < 0 || count > kMaxFields)
        return false;
    Walk walk{JsonReader(json), specs, values};
    const quint32 all = count == kMaxFields ? ~0u : (1u << count) - 1;
    return walkObject(walk, 0, all, 0) && walk.reader.atEnd();
}
