#include "results/resultsjson.h"

#include "common/outputfile.h"
#include "common/terminalsafe.h"
#include "metrics/levelcost.h"
#include "metrics/sweepaggregator.h"
#include "profile/profileio.h"
#include "results/calibrationjson.h"
#include "results/levelruninfojson.h"
#include "results/recordjson.h"
#include "results/recordresultswriter.h"
#include "results/repeatsjson.h"
#include "results/resultsjsonreader.h"
#include "results/serverrunmetricsjson.h"
#include "results/shardinfojson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {
QJsonObject journalToJson(const JournalStatus& journal) {
    QJsonObject object{{QStringLiteral("path"), journal.path},
                       {QStringLiteral("ok"), journal.ok()}};
    if (!journal.ok())
        object.insert(QStringLiteral("error"), journal.error);
    if (journal.recovered)
        object.insert(QStringLiteral("recovered"), true);
    return object;
}

JournalStatus journalFromJson(const QJsonObject& object) {
    JournalStatus journal;
    journal.path = object.value(QStringLiteral("path")).toString();
    journal.error = object.value(QStringLiteral("error")).toString();
    if (journal.error.isEmpty() && object.value(QStringLiteral("ok")) == QJsonValue(false))
        journal.error = QStringLiteral("the journal is incomplete");
    journal.recovered = object.value(QStringLiteral("recovered")).toBool();
    return journal;
}

QString schemaProblem(const QJsonObject& object) {
    const QString expected = QLatin1String(ResultsJson::schemaName);
    const QString schema = object.value(QStringLiteral("schema")).toString();
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("plateau\\.results/(\\d{1,9})")));
    const QRegularExpressionMatch match = pattern.match(schema);
    if (!match.hasMatch())
        return object.contains(QStringLiteral("schema"))
                   ? QStringLiteral("not a Plateau results file (schema \"") +
                         TerminalSafe::escape(schema.left(60)) + QStringLiteral("\"; expected \"") +
                         expected + QStringLiteral("\")")
                   : QStringLiteral("not a Plateau results file (no \"schema\")");
    if (match.captured(1).toInt() > 1)
        return QStringLiteral("was written by a newer Plateau (") + schema +
               QStringLiteral("); this build reads ") + expected;
    if (match.captured(1).toInt() < 1)
        return QStringLiteral("unsupported schema ") + schema;
    return {};
}

// The array under key, each element an object; false with a message otherwise.
bool objectArray(const QJsonObject& root, const QString& key, QList<QJsonObject>* out,
                 QString* error) {
    const QJsonValue value = root.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("field '") + key + QStringLiteral("' must be an array");
        return false;
    }
    const QJsonArray array = value.toArray();
    out->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = QStringLiteral("field '") + key + QLatin1Char('[') + QString::number(i) +
                     QStringLiteral("]' must be an object");
            return false;
        }
        out->append(array.at(i).toObject());
    }
    return true;
}

// The requests array, one compact object a line, handed to sink about every kFlushBytes.
bool appendRequests(const RunResult& result, const ResultsJson::Sink& sink, QByteArray* out) {
    constexpr qsizetype kFlushBytes = 1 << 20;
    if (result.records.isEmpty()) {
        *out += "[]";
        return true;
    }
    *out += "[\n";
    const qsizetype count = result.records.size();
    qsizetype i = 0;
    for (const RequestRecord& record : result.records) {
        *out += "    ";
        RecordResultsWriter::append(record, result.runStartNs, out);
        *out += ++i < count ? ",\n" : "\n";
        if (out->size() >= kFlushBytes) {
            if (!sink(*out))
                return false;
            // Emptied, not freed: a megabyte block regrown from nothing each time (fresh
            // pages, copies) cost more than writing the records (issue 17, perf).
            out->resize(0);
        }
    }
    *out += "  ]";
    return true;
}

QByteArray compact(const QJsonValue& value) {
    // QJsonDocument only holds arrays and objects: wrap scalars, then unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}
} // namespace

QJsonObject ResultsJson::toJson(const RunResult& result) {
    QJsonObject object = toJsonWithoutRequests(result);
    QJsonArray requests;
    for (const RequestRecord& record : result.records)
        requests.append(RecordJson::toResultsJson(record, result.runStartNs));
    object.insert(QStringLiteral("requests"), requests);
    return object;
}

QJsonObject ResultsJson::toJsonWithoutRequests(const RunResult& result) {
    QJsonArray levels;
    for (const LevelSummary& summary : result.summary.levels) {
        QJsonObject level = summary.toJson();
        for (const LevelRunInfo& info : result.levels) {
            if (info.index == summary.index)
                level.insert(QStringLiteral("run_info"),
                             LevelRunInfoJson::toResultsJson(info, result.runStartNs));
            if (info.index == summary.index && !info.stability.ended.isEmpty())
                level.insert(QStringLiteral("stability"), LevelRunInfoJson::stabilityToJson(info));
        }
        if (const ServerLevelFigures* server = result.serverMetrics.level(summary.index))
            ServerRunMetricsJson::addLevelFields(*server, &level);
        const EndpointPrice& price = result.profile.endpoint().price;
        if (price.isSet()) // derived from the profile's price: written, never read back
            level.insert(QStringLiteral("cost"), LevelCost::of(price, summary).toJson());
        levels.append(level);
    }
    QJsonObject object{
        {QStringLiteral("schema"), QLatin1String(schemaName)},
        {QStringLiteral("tool_version"), result.toolVersion},
        {QStringLiteral("started_at"),
         result.startedAt.isValid() ? QJsonValue(result.startedAt.toString(Qt::ISODateWithMs))
                                    : QJsonValue()},
        {QStringLiteral("endpoint_url"), result.endpointUrl},
        {QStringLiteral("profile"), ProfileIo::toJson(result.profile)},
        {QStringLiteral("stop_reason"), StopReasons::key(result.stopReason)},
        {QStringLiteral("cancelled"), result.cancelled},
        {QStringLiteral("levels"), levels},
        {QStringLiteral("plateau"), result.summary.plateau.toJson()},
        {QStringLiteral("best_in_budget"), result.summary.budget.toJson()},
    };
    // An addition to plateau.results/1: absent when the run had no journal.
    if (!result.journal.isEmpty())
        object.insert(QStringLiteral("journal"), journalToJson(result.journal));
    // An addition to plateau.results/1: absent when the server's metrics were not scraped.
    if (result.serverMetrics.enabled)
        object.insert(QStringLiteral("server_metrics"),
                      ServerRunMetricsJson::toJson(result.serverMetrics));
    // An addition to plateau.results/1: absent when no calibration was attempted.
    if (!result.calibration.isEmpty())
        object.insert(QStringLiteral("calibration"),
                      CalibrationJson::toResultsJson(result.calibration, result.runStartNs));
    if (!result.summary.batchPlateaus.isEmpty()) { // a batch-size sweep's curves (issue 14)
        QJsonArray byBatch;
        for (const PlateauResult& curve : result.summary.batchPlateaus)
            byBatch.append(curve.toJson());
        object.insert(QStringLiteral("plateau_by_batch"), byBatch);
    }
    RepeatsJson::addTo(result, &object); // additions for a repeated run (issue 13)
    if (result.shard.isSharded()) // an addition: one shard of several, or their merge (issue 15)
        object.insert(QStringLiteral("shard"),
                      ShardInfoJson::toJson(result.shard, result.levels, result.runStartNs));
    return object;
}

std::optional<RunResult> ResultsJson::fromJson(const QJsonObject& object, QString* error) {
    QList<QJsonObject> requests;
    QString requestsProblem;
    objectArray(object, QStringLiteral("requests"), &requests, &requestsProblem);
    std::optional<RunResult> result = fromJsonHead(object, requestsProblem, error);
    if (!result)
        return std::nullopt;
    result->records.reserve(requests.size());
    for (const QJsonObject& request : std::as_const(requests))
        result->records.append(RecordJson::fromResultsJson(request, loadedRunStartNs));
    return result;
}

std::optional<RunResult> ResultsJson::fromJsonHead(const QJsonObject& object,
                                                   const QString& requestsProblem, QString* error) {
    QString message = schemaProblem(object);
    auto failure = [&](const QString& text) -> std::optional<RunResult> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!message.isEmpty())
        return failure(message);

    RunResult result;
    result.runStartNs = loadedRunStartNs;
    if (!object.value(QStringLiteral("profile")).isObject())
        return failure(QStringLiteral("field 'profile' must be an object"));
    std::optional<Profile> profile =
        ProfileIo::fromJson(object.value(QStringLiteral("profile")).toObject(), &message);
    if (!profile)
        return failure(QStringLiteral("profile: ") + message);
    result.profile = *profile;
    result.toolVersion = object.value(QStringLiteral("tool_version")).toString();
    result.startedAt = QDateTime::fromString(object.value(QStringLiteral("started_at")).toString(),
                                             Qt::ISODateWithMs);
    result.endpointUrl = object.value(QStringLiteral("endpoint_url")).toString();
    result.stopReason =
        StopReasons::fromKey(object.value(QStringLiteral("stop_reason")).toString());
    result.cancelled = object.value(QStringLiteral("cancelled")).toBool();

    QList<QJsonObject> levels;
    if (!objectArray(object, QStringLiteral("levels"), &levels, &message))
        return failure(message);
    if (!requestsProblem.isEmpty())
        return failure(requestsProblem);
    for (const QJsonObject& level : std::as_const(levels)) {
        const LevelSummary summary = LevelSummary::fromJson(level);
        result.summary.levels.append(summary);
        const QJsonValue runInfo = level.value(QStringLiteral("run_info"));
        if (runInfo.isObject()) {
            result.levels.append(
                LevelRunInfoJson::fromResultsJson(runInfo.toObject(), loadedRunStartNs));
            result.levels.last().stability =
                LevelRunInfoJson::stabilityFromJson(level.value(QStringLiteral("stability")));
        } else {
            // Older or trimmed files: the summary still knows the level's target.
            LevelRunInfo info;
            info.index = summary.index;
            info.isRate = summary.isRate;
            info.concurrency = summary.concurrency;
            info.rate = summary.rate;
            info.warmupRequests = summary.warmupRequests;
            info.complete = summary.complete;
            result.levels.append(info);
        }
    }
    const QJsonValue journal = object.value(QStringLiteral("journal"));
    if (journal.isObject())
        result.journal = journalFromJson(journal.toObject());
    const QJsonValue serverMetrics = object.value(QStringLiteral("server_metrics"));
    if (serverMetrics.isObject()) {
        result.serverMetrics = ServerRunMetricsJson::fromJson(serverMetrics.toObject());
        for (const QJsonObject& level : std::as_const(levels)) {
            const ServerLevelFigures figures = ServerRunMetricsJson::levelFromJson(
                level, level.value(QStringLiteral("index")).toInt(-1));
            if (!figures.isEmpty() || !figures.crossCheckNote.isEmpty())
                result.serverMetrics.levels.append(figures);
        }
    }
    const QJsonValue calibration = object.value(QStringLiteral("calibration"));
    if (calibration.isObject())
        result.calibration =
            CalibrationJson::fromResultsJson(calibration.toObject(), loadedRunStartNs);
    // The sweep verdicts are cheap to recompute; use the file's when present so a file
    // reads back exactly as written, recompute when a tool trimmed them away.
    const QJsonValue plateau = object.value(QStringLiteral("plateau"));
    const QJsonValue budget = object.value(QStringLiteral("best_in_budget"));
    if (plateau.isObject() && budget.isObject()) {
        result.summary.plateau = PlateauResult::fromJson(plateau.toObject());
        result.summary.budget = BudgetResult::fromJson(budget.toObject());
        for (const QJsonValue curve : object.value(QStringLiteral("plateau_by_batch")).toArray())
            if (result.summary.batchPlateaus.size() < 64) // at most 16 batch sizes are run
                result.summary.batchPlateaus.append(PlateauResult::fromJson(curve.toObject()));
    } else {
        result.summary = SweepAggregator::summarize(result.summary.levels, result.profile.budget,
                                                    result.profile.plan.plateauGainThreshold);
    }
    RepeatsJson::readInto(object, loadedRunStartNs, &result);
    if (object.value(QStringLiteral("shard")).isObject())
        result.shard = ShardInfoJson::fromJson(object.value(QStringLiteral("shard")).toObject());
    return result;
}

QByteArray ResultsJson::toBytes(const RunResult& result) {
    QByteArray bytes;
    writeTo(result, [&bytes](const QByteArray& piece) {
        bytes += piece;
        return true;
    });
    return bytes;
}

bool ResultsJson::writeTo(const RunResult& result, const Sink& sink) {
    const QString requestsKey = QStringLiteral("requests");
    // Everything but the requests as one object; the requests (most of a long run's file)
    // one at a time, so the whole text is never in memory (issue 17).
    const QJsonObject object = toJsonWithoutRequests(result);
    // People read the head of the file: identity and verdicts first, bulk last.
    QStringList keys = {QStringLiteral("schema"),      QStringLiteral("tool_version"),
                        QStringLiteral("started_at"),  QStringLiteral("endpoint_url"),
                        QStringLiteral("stop_reason"), QStringLiteral("cancelled"),
                        QStringLiteral("plateau"),     QStringLiteral("best_in_budget"),
                        QStringLiteral("journal"),     QStringLiteral("calibration"),
                        QStringLiteral("profile"),     QStringLiteral("levels"),
                        QStringLiteral("requests")};
    // A repeated run's verdicts near the top, its repetitions before the bulk (issue 13).
    keys.insert(keys.indexOf(QStringLiteral("profile")), QStringLiteral("between_runs"));
    keys.insert(keys.indexOf(QStringLiteral("requests")), QStringLiteral("repeats"));
    // A batch-size sweep's curves right after the plateau (issue 14).
    keys.insert(keys.indexOf(QStringLiteral("best_in_budget")), QStringLiteral("plateau_by_batch"));
    for (const QString& key : object.keys()) {
        if (!keys.contains(key))
            keys.append(key);
    }
    QByteArray out = "{\n";
    bool first = true;
    for (const QString& key : std::as_const(keys)) {
        if (!object.contains(key) && key != requestsKey)
            continue; // optional ones (calibration) are absent when empty
        const QJsonValue value = object.value(key);
        if (!first)
            out += ",\n";
        first = false;
        out += "  " + compact(key) + ": ";
        if (key == requestsKey) {
            if (!appendRequests(result, sink, &out))
                return false;
        } else if (value.isArray() && !value.toArray().isEmpty()) {
            const QJsonArray array = value.toArray();
            out += "[\n";
            for (qsizetype i = 0; i < array.size(); ++i) {
                out += "    " + compact(array.at(i));
                out += i + 1 < array.size() ? ",\n" : "\n";
            }
            out += "  ]";
        } else {
            out += compact(value);
        }
    }
    out += "\n}\n";
    return sink(out);
}

bool ResultsJson::save(const RunResult& result, const QString& path, QString* error) {
    return OutputFile::writeWith(
        path,
        [&result](int fd) {
            return writeTo(
                result, [fd](const QByteArray& piece) { return OutputFile::writeAll(fd, piece); });
        },
        error);
}

std::optional<RunResult> ResultsJson::load(const QString& path, QString* error, qint64 maxBytes,
                                           const std::atomic_bool* cancelled) {
    QString message;
    std::optional<RunResult> result = ResultsJsonReader::read(path, maxBytes, &message, cancelled);
    if (!result && error)
        *error = path + QStringLiteral(": ") + message;
    return result;
}
