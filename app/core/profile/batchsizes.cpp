#include "profile/batchsizes.h"

#include "common/inputlimits.h"
#include "profile/jsonfieldreader.h"
#include "profile/profile.h"

#include <QJsonArray>
#include <QSet>
#include <QStringList>

namespace {
using Limit = InputLimits::Field;
const QString kField = QStringLiteral("prompts.batch_size");
constexpr int kMaxParsed = 10000000; // shape only: the validator gives the real bound

QString at(qsizetype index) {
    return kField + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// A grid repeats the plan's levels per size; these options assume one curve in plan order.
void gridConflicts(const Profile& profile, QList<QPair<QString, QString>>* out) {
    const SweepPlan& plan = profile.plan;
    const auto refuse = [out](const QString& what) {
        out->append({kField, QStringLiteral("a list of batch sizes cannot be combined with %1: "
                                            "give one batch size, or run without it")
                                 .arg(what)});
    };
    if (plan.refine.enabled)
        refuse(QStringLiteral("refine"));
    if (!plan.interleaveWith.isEmpty())
        refuse(QStringLiteral("interleaving"));
    if (plan.stopAtPlateau || plan.stopWhenBudgetExceeded)
        refuse(QStringLiteral("a stop rule (it would end the whole grid inside the first batch "
                              "size)"));
    const double maxLevels = InputLimits::bound(Limit::LevelCount).max;
    const qsizetype levels = qsizetype(plan.levelCount()) * profile.prompts.batchSizes.size();
    if (double(levels) > maxLevels)
        out->append({kField, QStringLiteral("%1 batch sizes × %2 levels make %3 levels; at most "
                                            "%4 are allowed")
                                 .arg(profile.prompts.batchSizes.size())
                                 .arg(plan.levelCount())
                                 .arg(levels)
                                 .arg(qint64(maxLevels))});
}
} // namespace

QJsonValue BatchSizes::toJson(const QList<int>& sizes) {
    if (sizes.size() == 1)
        return sizes.constFirst();
    QJsonArray array;
    for (int size : sizes)
        array.append(size);
    return array;
}

bool BatchSizes::fromJson(const QJsonValue& value, const QString& path, QList<int>* sizes,
                          QString* error) {
    QList<int> read;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            int size = 0;
            const QString item = path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
            if (!JsonFieldReader::toInt(array.at(i), item, 0, kMaxParsed, &size, error))
                return false;
            read.append(size);
        }
    } else {
        int size = 0;
        if (!JsonFieldReader::toInt(value, path, 0, kMaxParsed, &size, error))
            return false;
        read.append(size);
    }
    *sizes = read;
    return true;
}

QList<QPair<QString, QString>> BatchSizes::problems(const Profile& profile) {
    QList<QPair<QString, QString>> out;
    const QList<int>& sizes = profile.prompts.batchSizes;
    if (sizes.isEmpty()) {
        out.append({kField, QStringLiteral("needs at least one batch size")});
        return out;
    }
    if (double(sizes.size()) > InputLimits::bound(Limit::BatchSizes).max)
        out.append({kField, QStringLiteral("has %1 batch sizes; at most %2 are allowed")
                                .arg(sizes.size())
                                .arg(qint64(InputLimits::bound(Limit::BatchSizes).max))});
    QSet<int> seen;
    for (qsizetype i = 0; i < sizes.size(); ++i) {
        const QString field = sizes.size() == 1 ? kField : at(i);
        if (const QString why = InputLimits::check(Limit::BatchSize, sizes.at(i)); !why.isEmpty())
            out.append({field, why});
        else if (seen.contains(sizes.at(i)))
            out.append({field, QStringLiteral("%1 is listed twice").arg(sizes.at(i))});
        seen.insert(sizes.at(i));
    }
    if (sizes.size() < 2)
        return out;
    const bool embeddings = profile.activeEndpoint >= 0 &&
                            profile.activeEndpoint < profile.endpoints.size() &&
                            profile.endpoint().flavor == QLatin1String("openai-embeddings");
    if (!embeddings)
        out.append({kField, QStringLiteral("a list of batch sizes sweeps embeddings requests: it "
                                           "needs --api openai-embeddings (the endpoint's API "
                                           "sends one prompt per request)")});
    gridConflicts(profile, &out);
    return out;
}

QString BatchSizes::format(const QList<int>& sizes) {
    QStringList parts;
    for (int size : sizes)
        parts.append(QString::number(size));
    return parts.join(QStringLiteral(", "));
}
