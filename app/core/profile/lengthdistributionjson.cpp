#include "profile/lengthdistributionjson.h"

#include "profile/jsonfieldreader.h"

#include <QJsonArray>
#include <QStringList>

namespace {
using Kind = LengthDistribution::Kind;
constexpr int kMin = LengthDistribution::kMinLength;
constexpr int kMax = LengthDistribution::kMaxLength;

QLatin1String key(const char* name) {
    return QLatin1String(name);
}

bool require(JsonFieldReader& reader, const char* name, QString* error) {
    if (reader.has(key(name)) || !reader.ok())
        return reader.ok();
    *error = QStringLiteral("field '%1' is required").arg(reader.pathOf(key(name)));
    return false;
}

void writeBounds(const LengthDistribution& d, QJsonObject* object) {
    object->insert(key("min"), d.min);
    object->insert(key("max"), d.max);
}

bool readBounds(JsonFieldReader& reader, LengthDistribution* d) {
    return reader.readInt(key("min"), &d->min, kMin, kMax) &&
           reader.readInt(key("max"), &d->max, kMin, kMax);
}

bool readValues(JsonFieldReader& reader, LengthDistribution* d, QString* error) {
    QJsonArray array;
    if (!reader.readArray(key("values"), &array))
        return false;
    if (array.size() > LengthDistribution::kMaxValues) {
        *error = QStringLiteral("field '%1' has more than %2 values")
                     .arg(reader.pathOf(key("values")))
                     .arg(LengthDistribution::kMaxValues);
        return false;
    }
    d->values.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        int value = 0;
        if (!JsonFieldReader::toInt(array[i],
                                    reader.pathOf(key("values")) + QStringLiteral("[%1]").arg(i),
                                    kMin, kMax, &value, error))
            return false;
        d->values.append(value);
    }
    return true;
}

bool readKindFields(JsonFieldReader& reader, LengthDistribution* d, QString* error) {
    switch (d->kind) {
    case Kind::Fixed:
        return require(reader, "value", error) &&
               reader.readInt(key("value"), &d->value, kMin, kMax);
    case Kind::Uniform:
        return require(reader, "min", error) && require(reader, "max", error) &&
               readBounds(reader, d);
    case Kind::Normal:
        return require(reader, "mean", error) && require(reader, "sd", error) &&
               reader.readDouble(key("mean"), &d->mean, kMin, kMax) &&
               reader.readDouble(key("sd"), &d->sd, 0, kMax) && readBounds(reader, d);
    case Kind::LogNormal:
        return require(reader, "median", error) && require(reader, "sigma", error) &&
               reader.readDouble(key("median"), &d->median, kMin, kMax) &&
               reader.readDouble(key("sigma"), &d->sigma, 0, LengthDistribution::kMaxSigma) &&
               readBounds(reader, d);
    case Kind::Empirical:
        return reader.readString(key("file"), &d->file) && readValues(reader, d, error);
    }
    return false;
}
} // namespace

QJsonObject LengthDistributionJson::toJson(const LengthDistribution& d) {
    QJsonObject object{{key("kind"), LengthDistribution::kindName(d.kind)}};
    switch (d.kind) {
    case Kind::Fixed:
        object.insert(key("value"), d.value);
        break;
    case Kind::Uniform:
        writeBounds(d, &object);
        break;
    case Kind::Normal:
        object.insert(key("mean"), d.mean);
        object.insert(key("sd"), d.sd);
        writeBounds(d, &object);
        break;
    case Kind::LogNormal:
        object.insert(key("median"), d.median);
        object.insert(key("sigma"), d.sigma);
        writeBounds(d, &object);
        break;
    case Kind::Empirical:
        // Lengths loaded from a file are not copied into the profile: the file is the truth.
        if (!d.file.isEmpty()) {
            object.insert(key("file"), d.file);
        } else {
            QJsonArray values;
            for (int value : d.values)
                values.append(value);
            object.insert(key("values"), values);
        }
        break;
    }
    return object;
}

std::optional<LengthDistribution>
LengthDistributionJson::fromJson(const QJsonObject& object, const QString& path, QString* error) {
    QString ignored;
    QString& message = error ? *error : ignored;
    message.clear();
    JsonFieldReader reader(object, path, &message);
    QStringList kinds;
    for (Kind kind : {Kind::Fixed, Kind::Uniform, Kind::Normal, Kind::LogNormal, Kind::Empirical})
        kinds.append(LengthDistribution::kindName(kind));
    QString kindName;
    LengthDistribution d;
    if (!require(reader, "kind", &message) || !reader.readEnum(key("kind"), kinds, &kindName))
        return std::nullopt;
    LengthDistribution::kindFromName(kindName, &d.kind);
    if (!readKindFields(reader, &d, &message) || !reader.finish())
        return std::nullopt;
    if (const QString invalid = d.validate(); !invalid.isEmpty()) {
        message = QStringLiteral("field '%1': %2").arg(path, invalid);
        return std::nullopt;
    }
    return d;
}
