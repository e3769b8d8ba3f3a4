#include "sim/simconfig.h"

#include "common/simpresets.h"

#include <QJsonValue>
#include <functional>
#include <limits>
#include <vector>

namespace {
// One row per JSON key: how to read it from / write it to a SimConfig. A single table keeps
// toJson, fromJson, set and keys in step when a field is added.
struct Field {
    QString key;
    enum Kind { Int, Double, Seed, String } kind;
    double min;
    double max;
    std::function<QJsonValue(const SimConfig&)> get;
    std::function<void(SimConfig&, const QJsonValue&)> put;
};

constexpr double kHuge = std::numeric_limits<double>::max();

template <typename T>
Field intField(const char* key, T SimConfig::*member, double min, double max) {
    return {QString::fromLatin1(key),
            Field::Int,
            min,
            max,
            [member](const SimConfig& c) { return QJsonValue(qint64(c.*member)); },
            [member](SimConfig& c, const QJsonValue& v) { c.*member = T(v.toInteger()); }};
}

Field doubleField(const char* key, double SimConfig::*member, double min, double max) {
    return {QString::fromLatin1(key),
            Field::Double,
            min,
            max,
            [member](const SimConfig& c) { return QJsonValue(c.*member); },
            [member](SimConfig& c, const QJsonValue& v) { c.*member = v.toDouble(); }};
}

Field stringField(const char* key, QString SimConfig::*member) {
    return {QString::fromLatin1(key),
            Field::String,
            0,
            0,
            [member](const SimConfig& c) { return QJsonValue(c.*member); },
            [member](SimConfig& c, const QJsonValue& v) { c.*member = v.toString(); }};
}

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        intField("max_batch", &SimConfig::maxBatch, 1, 100000),
        intField("max_queue", &SimConfig::maxQueue, 0, 10000000),
        doubleField("decode_base_ms", &SimConfig::decodeBaseMs, 0.0, 600000.0),
        doubleField("decode_per_seq_ms", &SimConfig::decodePerSeqMs, 0.0, 60000.0),
        doubleField("prefill_tokens_per_s", &SimConfig::prefillTokensPerS, 1e-3, kHuge),
        intField("prefill_chunk_tokens", &SimConfig::prefillChunkTokens, 0, 100000000),
        doubleField("jitter_fraction", &SimConfig::jitterFraction, 0.0, 0.99),
        // The seed is a 64-bit integer: JSON doubles lose bits beyond 2^53, so it travels as a
        // number when small and is parsed from text by set().
        {QStringLiteral("seed"), Field::Seed, 0, kHuge,
         [](const SimConfig& c) { return QJsonValue(qint64(c.seed)); },
         [](SimConfig& c, const QJsonValue& v) { c.seed = quint64(v.toInteger()); }},
        intField("default_max_tokens", &SimConfig::defaultMaxTokens, 1, 10000000),
        stringField("api_key", &SimConfig::apiKey),
        doubleField("rate_429", &SimConfig::rate429, 0.0, 1.0),
        doubleField("rate_500", &SimConfig::rate500, 0.0, 1.0),
        doubleField("rate_drop", &SimConfig::rateDrop, 0.0, 1.0),
        doubleField("rate_error_event", &SimConfig::rateErrorEvent, 0.0, 1.0),
        doubleField("rate_stall", &SimConfig::rateStall, 0.0, 1.0),
        stringField("model", &SimConfig::model),
        intField("retry_after_s", &SimConfig::retryAfterS, 0, 86400),
        intField("history_limit", &SimConfig::historyLimit, 0, 10000000),
        intField("prefix_block_words", &SimConfig::prefixBlockWords, 1, 1000000),
        intField("prefix_cache_blocks", &SimConfig::prefixCacheBlocks, 0, 10000000),
        doubleField("early_stop_rate", &SimConfig::earlyStopRate, 0.0, 1.0),
        intField("kv_cache_tokens", &SimConfig::kvCacheTokens, 0, 2000000000),
    };
    return table;
}

const Field* findField(const QString& key) {
    for (const Field& f : fields()) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}
} // namespace

SimConfig SimConfig::preset(const QString& name) {
    SimConfig c; // "default": 64 slots, 7.42 ms per step at full batch, ~8,600 tok/s decode plateau
    if (name == QLatin1String("small-fast")) {
        // A small model on a fast GPU: short steps, high plateau (~13,800 tok/s).
        c.maxBatch = 64;
        c.decodeBaseMs = 4.0;
        c.decodePerSeqMs = 0.01;
        c.prefillTokensPerS = 100000.0;
    } else if (name == QLatin1String("large-slow")) {
        // A large model: slow steps that grow fast with the batch (~700 tok/s plateau).
        c.maxBatch = 32;
        c.decodeBaseMs = 30.0;
        c.decodePerSeqMs = 0.5;
        c.prefillTokensPerS = 4000.0;
        c.prefillChunkTokens = 2048;
        c.jitterFraction = 0.05;
    } else if (name == QLatin1String("overloaded")) {
        // A busy shared endpoint: few slots, a bounded queue, and every kind of fault.
        c.maxBatch = 32;
        c.maxQueue = 32;
        c.decodeBaseMs = 15.0;
        c.decodePerSeqMs = 0.1;
        c.prefillTokensPerS = 8000.0;
        c.jitterFraction = 0.1;
        c.rate429 = 0.02;
        c.rate500 = 0.01;
        c.rateDrop = 0.01;
        c.rateErrorEvent = 0.01;
        c.rateStall = 0.005;
    } else if (name == QLatin1String("prefix-cache")) {
        // Shared prefixes pay off: a prefix cache of 4,096 blocks of 16 words, and a prefill
        // 4x slower than the default's, so a cached prefix shows in TTFT.
        c.prefillTokensPerS = 50000.0;
        c.prefixCacheBlocks = 4096;
    } else if (name == QLatin1String("early-eos")) {
        // 30% of answers end before max_tokens unless the request forbids it (ignore_eos,
        // min_tokens): the case a benchmark must detect.
        c.earlyStopRate = 0.3;
    } else if (name == QLatin1String("kv-bound")) {
        // Memory, not the batch, limits throughput: room for ~38 sequences of the default
        // workload (256 + 128 tokens) in 64 slots; the rest wait and some are preempted.
        c.kvCacheTokens = 12288;
    }
    return c;
}

QStringList SimConfig::presetNames() {
    return SimPresets::names(); // the one list, also behind sim:PRESET in profiles
}

QString SimConfig::presetDescription(const QString& name) {
    const SimConfig c = preset(name);
    QString text = QStringLiteral("%1 slots, step %2 ms + %3 ms/seq, plateau ~%4 tok/s")
                       .arg(c.maxBatch)
                       .arg(c.decodeBaseMs)
                       .arg(c.decodePerSeqMs)
                       .arg(qRound(c.plateauTokensPerS()));
    if (c.maxQueue > 0)
        text += QStringLiteral(", queue bound %1").arg(c.maxQueue);
    if (c.rate429 + c.rate500 + c.rateDrop + c.rateErrorEvent + c.rateStall > 0)
        text += QStringLiteral(", faults");
    if (c.prefixCacheBlocks > 0)
        text += QStringLiteral(", prefix cache %1 blocks of %2 words")
                    .arg(c.prefixCacheBlocks)
                    .arg(c.prefixBlockWords);
    if (c.earlyStopRate > 0)
        text += QStringLiteral(", %1% of answers end early").arg(c.earlyStopRate * 100.0);
    if (c.kvCacheTokens > 0)
        text += QStringLiteral(", KV cache %1 tokens (~%2 tok/s with 256+128-token requests)")
                    .arg(c.kvCacheTokens)
                    .arg(qRound(c.plateauTokensPerS(256, 128)));
    return text;
}

QJsonObject SimConfig::toJson() const {
    QJsonObject object;
    for (const Field& f : fields())
        object.insert(f.key, f.get(*this));
    return object;
}

SimConfig SimConfig::fromJson(const QJsonObject& object) {
    SimConfig c;
    for (const Field& f : fields()) {
        const QJsonValue v = object.value(f.key);
        const bool ok = f.kind == Field::String ? v.isString() : v.isDouble();
        if (ok)
            f.put(c, v);
    }
    return c;
}

QStringList SimConfig::keys() {
    QStringList list;
    for (const Field& f : fields())
        list.append(f.key);
    return list;
}

bool SimConfig::set(const QString& key, const QString& value, QString* error) {
    const Field* f = findField(key);
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!f)
        return fail(QStringLiteral("unknown key \"%1\" (known: %2)")
                        .arg(key, keys().join(QStringLiteral(", "))));
    bool ok = false;
    switch (f->kind) {
    case Field::String:
        f->put(*this, QJsonValue(value));
        return true;
    case Field::Seed: {
        const quint64 n = value.toULongLong(&ok, 0);
        if (!ok)
            return fail(QStringLiteral("\"%1\" is not an unsigned integer").arg(value));
        seed = n;
        return true;
    }
    case Field::Int: {
        const qint64 n = value.toLongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("\"%1\" is not an integer").arg(value));
        if (double(n) < f->min || double(n) > f->max)
            return fail(
                QStringLiteral("%1 is out of range [%2, %3]").arg(n).arg(f->min).arg(f->max));
        f->put(*this, QJsonValue(n));
        return true;
    }
    case Field::Double: {
        const double x = value.toDouble(&ok);
        if (!ok || !qIsFinite(x))
            return fail(QStringLiteral("\"%1\" is not a number").arg(value));
        if (x < f->min || x > f->max)
            return fail(
                QStringLiteral("%1 is out of range [%2, %3]").arg(x).arg(f->min).arg(f->max));
        const QJsonValue previous = f->get(*this);
        f->put(*this, QJsonValue(x));
        if (rate429 + rate500 + rateDrop + rateErrorEvent + rateStall > 1.0 + 1e-9) {
            f->put(*this, previous); // a failed set leaves the configuration as it was
            return fail(QStringLiteral("the fault rates add up to more than 1"));
        }
        return true;
    }
    }
    return fail(QStringLiteral("unsupported key"));
}

bool SimConfig::validate(QString* error) const {
    for (const Field& f : fields()) {
        if (f.kind != Field::Int && f.kind != Field::Double)
            continue;
        const double x = f.get(*this).toDouble();
        if (!qIsFinite(x) || x < f.min || x > f.max) {
            if (error)
                *error = QStringLiteral("%1 = %2 is out of range [%3, %4]")
                             .arg(f.key)
                             .arg(x)
                             .arg(f.min)
                             .arg(f.max);
            return false;
        }
    }
    if (rate429 + rate500 + rateDrop + rateErrorEvent + rateStall > 1.0 + 1e-9) {
        if (error)
            *error = QStringLiteral("the fault rates add up to more than 1");
        return false;
    }
    return true;
}
