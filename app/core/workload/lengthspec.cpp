#include "workload/lengthspec.h"

#include "profile/jsonfieldreader.h"

#include <QHash>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {
QString shown(const QString& text) {
    return QLatin1Char('\'') + JsonFieldReader::printable(text, 60) + QLatin1Char('\'');
}

QString number(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// "a..b" (a range), "key=value" or a plain value, comma-separated.
struct SpecArguments {
    QStringList positional;
    QHash<QString, QString> named;
    QString rangeMin;
    QString rangeMax;
    bool hasRange = false;

    bool parse(const QString& text, QString* error) {
        for (const QString& raw : text.split(QLatin1Char(','))) {
            const QString item = raw.trimmed();
            if (item.isEmpty())
                return fail(error, QStringLiteral("an empty parameter in ") + shown(text));
            if (const qsizetype eq = item.indexOf(QLatin1Char('=')); eq >= 0) {
                const QString key = item.left(eq).trimmed().toLower();
                if (named.contains(key))
                    return fail(error, QStringLiteral("%1 is given twice").arg(shown(key)));
                named.insert(key, item.mid(eq + 1).trimmed());
            } else if (const qsizetype dots = item.indexOf(QLatin1String("..")); dots >= 0) {
                if (hasRange)
                    return fail(error, QStringLiteral("more than one min..max range"));
                rangeMin = item.left(dots).trimmed();
                rangeMax = item.mid(dots + 2).trimmed();
                hasRange = true;
            } else {
                positional.append(item);
            }
        }
        return true;
    }
    static bool fail(QString* error, const QString& message) {
        *error = message;
        return false;
    }
    // A named value (under `key` or `alias`), else the next plain value when `positionalOk`.
    QString take(const QString& key, bool positionalOk = false, const QString& alias = {}) {
        if (named.contains(key))
            return named.take(key);
        if (!alias.isEmpty() && named.contains(alias))
            return named.take(alias);
        return positionalOk && m_next < positional.size() ? positional[m_next++] : QString();
    }

private:
    qsizetype m_next = 0;
};

bool toLength(const QString& text, const QString& name, int* out, QString* error) {
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("%1 must be a whole number, not %2").arg(name, shown(text));
        return false;
    }
    // Out-of-range values are reported by validate(); keep them representable until then.
    *out = int(std::clamp<qlonglong>(value, -1, qlonglong(LengthDistribution::kMaxLength) + 1));
    return true;
}

bool toReal(const QString& text, const QString& name, double* out, QString* error) {
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        *error = QStringLiteral("%1 must be a number, not %2").arg(name, shown(text));
        return false;
    }
    *out = value;
    return true;
}

bool readBounds(SpecArguments* args, LengthDistribution* d, QString* error) {
    const QString min = args->hasRange ? args->rangeMin : args->take(QStringLiteral("min"));
    const QString max = args->hasRange ? args->rangeMax : args->take(QStringLiteral("max"));
    return (min.isEmpty() || toLength(min, QStringLiteral("min"), &d->min, error)) &&
           (max.isEmpty() || toLength(max, QStringLiteral("max"), &d->max, error));
}

bool readNormal(SpecArguments* args, LengthDistribution* d, QString* error) {
    const QString mean = args->take(QStringLiteral("mean"), true);
    const QString sd = args->take(QStringLiteral("sd"), true, QStringLiteral("stddev"));
    if (mean.isEmpty() || sd.isEmpty()) {
        *error = QStringLiteral("normal needs a mean and an sd, e.g. normal:300,50");
        return false;
    }
    return toReal(mean, QStringLiteral("mean"), &d->mean, error) &&
           toReal(sd, QStringLiteral("sd"), &d->sd, error) && readBounds(args, d, error);
}

bool readLogNormal(SpecArguments* args, LengthDistribution* d, QString* error) {
    const QString median = args->take(QStringLiteral("median"), true);
    const QString sigma = args->take(QStringLiteral("sigma"), true);
    if (median.isEmpty() || sigma.isEmpty()) {
        *error = QStringLiteral(
            "lognormal needs a median and a sigma, e.g. lognormal:median=200,sigma=0.6");
        return false;
    }
    return toReal(median, QStringLiteral("median"), &d->median, error) &&
           toReal(sigma, QStringLiteral("sigma"), &d->sigma, error) && readBounds(args, d, error);
}

bool readUniform(SpecArguments* args, LengthDistribution* d, QString* error) {
    const bool named =
        args->named.contains(QStringLiteral("min")) && args->named.contains(QStringLiteral("max"));
    if (!args->hasRange && !named) {
        *error = QStringLiteral("uniform needs a range, e.g. uniform:128..512");
        return false;
    }
    return readBounds(args, d, error);
}

// Empirical: either every item is a whole number (the values) or the text is a file name.
void readEmpirical(const QString& text, LengthDistribution* d) {
    QList<int> values;
    for (const QString& item : text.split(QLatin1Char(','))) {
        bool ok = false;
        const int value = item.trimmed().toInt(&ok);
        if (!ok) {
            d->file = text;
            return;
        }
        values.append(value);
    }
    d->values = values;
}

// How many plain values each kind takes, in order.
qsizetype positionalCount(LengthDistribution::Kind kind) {
    using Kind = LengthDistribution::Kind;
    return kind == Kind::Normal || kind == Kind::LogNormal ? 2 : kind == Kind::Fixed ? 1 : 0;
}

bool readArguments(const QString& text, LengthDistribution* d, QString* error) {
    using Kind = LengthDistribution::Kind;
    if (d->kind == Kind::Empirical) {
        readEmpirical(text, d);
        return true;
    }
    SpecArguments args;
    if (!args.parse(text, error))
        return false;
    if (args.positional.size() > positionalCount(d->kind)) {
        *error = QStringLiteral("too many values for %1: %2")
                     .arg(LengthDistribution::kindName(d->kind), shown(text));
        return false;
    }
    bool ok = true;
    switch (d->kind) {
    case Kind::Fixed:
        ok = toLength(args.take(QStringLiteral("value"), true), QStringLiteral("length"), &d->value,
                      error);
        break;
    case Kind::Uniform:
        ok = readUniform(&args, d, error);
        break;
    case Kind::Normal:
        ok = readNormal(&args, d, error);
        break;
    case Kind::LogNormal:
        ok = readLogNormal(&args, d, error);
        break;
    case Kind::Empirical:
        break;
    }
    if (ok && !args.named.isEmpty()) {
        *error =
            QStringLiteral("unknown parameter %1 for %2")
                .arg(shown(args.named.keys().constFirst()), LengthDistribution::kindName(d->kind));
        return false;
    }
    return ok;
}

QString boundsSuffix(const LengthDistribution& d) {
    if (d.min == LengthDistribution::kMinLength && d.max == LengthDistribution::kMaxLength)
        return {};
    return QStringLiteral(",%1..%2").arg(d.min).arg(d.max);
}
} // namespace

std::optional<LengthDistribution> LengthSpec::parse(const QString& spec, QString* error) {
    QString ignored;
    QString& message = error ? *error : ignored;
    const QString text = spec.trimmed();
    if (text.isEmpty()) {
        message = QStringLiteral("empty length: give a number or e.g. uniform:128..512");
        return std::nullopt;
    }
    LengthDistribution d;
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString arguments = colon < 0 ? text : text.mid(colon + 1).trimmed();
    if (colon >= 0 && !LengthDistribution::kindFromName(text.left(colon), &d.kind)) {
        message = QStringLiteral("unknown length distribution %1 (fixed, uniform, normal, "
                                 "lognormal, empirical)")
                      .arg(shown(text.left(colon)));
        return std::nullopt;
    }
    if (arguments.isEmpty()) {
        message = QStringLiteral("%1 needs parameters").arg(shown(text));
        return std::nullopt;
    }
    if (!readArguments(arguments, &d, &message))
        return std::nullopt;
    if (const QString invalid = d.validate(); !invalid.isEmpty()) {
        message = invalid;
        return std::nullopt;
    }
    return d;
}

QString LengthSpec::format(const LengthDistribution& d) {
    using Kind = LengthDistribution::Kind;
    switch (d.kind) {
    case Kind::Fixed:
        return QString::number(d.value);
    case Kind::Uniform:
        return QStringLiteral("uniform:%1..%2").arg(d.min).arg(d.max);
    case Kind::Normal:
        return QStringLiteral("normal:%1,%2").arg(number(d.mean), number(d.sd)) + boundsSuffix(d);
    case Kind::LogNormal:
        return QStringLiteral("lognormal:median=%1,sigma=%2")
                   .arg(number(d.median), number(d.sigma)) +
               boundsSuffix(d);
    case Kind::Empirical: {
        if (!d.file.isEmpty())
            return QStringLiteral("empirical:") + d.file;
        QStringList values;
        for (int value : d.values)
            values.append(QString::number(value));
        return QStringLiteral("empirical:") + values.join(QLatin1Char(','));
    }
    }
    return {};
}
