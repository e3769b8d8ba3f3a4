#include "profile/profilejsonparser.h"

#include "profile/apikeyresolver.h"
#include "profile/batchsizes.h"
#include "profile/jsonfieldreader.h"
#include "profile/latencyjson.h"
#include "profile/pricejson.h"
#include "profile/profilenames.h"
#include "profile/servermetricsjson.h"
#include "profile/shardjson.h"
#include "profile/untilstablejson.h"
#include "profile/workloadjson.h"

#include <QJsonArray>
#include <limits>

namespace {
constexpr int kMaxRefineLevels = 20; // RefineSearch::kMaxLevels (sweep/)
constexpr int kIntMax = std::numeric_limits<int>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxLevelValue = 1000000; // concurrency or cap: far above any real client
constexpr double kMaxSeconds = 1e7;     // ~4 months: any longer is a typo

QString indexed(const QString& path, qsizetype index) {
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

bool failWith(QString* error, const QString& message) {
    if (error->isEmpty())
        *error = message;
    return false;
}

bool requireField(const JsonFieldReader& reader, const QString& key, QString* error) {
    if (reader.has(key))
        return true;
    return failWith(error,
                    QStringLiteral("missing field '") + reader.pathOf(key) + QLatin1Char('\''));
}
} // namespace

bool ProfileJsonParser::parse(const QJsonObject& root, Profile* profile) {
    JsonFieldReader reader(root, QString(), m_error);
    reader.accept(QStringLiteral("schema")); // checked by ProfileIo before we get here
    reader.readString(QStringLiteral("name"), &profile->name);

    QJsonArray endpoints;
    if (reader.has(QStringLiteral("endpoints")) &&
        reader.readArray(QStringLiteral("endpoints"), &endpoints)) {
        if (endpoints.isEmpty())
            return failWith(m_error, QStringLiteral("field 'endpoints' must hold at least one "
                                                    "endpoint"));
        profile->endpoints.clear();
        for (qsizetype i = 0; i < endpoints.size(); ++i) {
            const QString path = indexed(QStringLiteral("endpoints"), i);
            QJsonObject object;
            EndpointConfig endpoint;
            if (!JsonFieldReader::toObject(endpoints.at(i), path, &object, m_error) ||
                !parseEndpoint(object, path, &endpoint))
                return false;
            profile->endpoints.append(endpoint);
        }
    }
    reader.readInt(QStringLiteral("active_endpoint"), &profile->activeEndpoint, 0,
                   int(profile->endpoints.size()) - 1);

    QJsonObject section;
    if (reader.has(QStringLiteral("plan")) && reader.readObject(QStringLiteral("plan"), &section) &&
        !parsePlan(section, &profile->plan))
        return false;
    if (reader.has(QStringLiteral("prompts")) &&
        reader.readObject(QStringLiteral("prompts"), &section) &&
        !parsePrompts(section, &profile->prompts))
        return false;
    if (reader.has(QStringLiteral("workload")) &&
        reader.readObject(QStringLiteral("workload"), &section) &&
        !WorkloadJson::fromJson(section, &profile->workload, m_error))
        return false;
    if (reader.has(QStringLiteral("budget")) &&
        reader.readObject(QStringLiteral("budget"), &section) &&
        !parseBudget(section, &profile->budget))
        return false;
    return reader.finish();
}

bool ProfileJsonParser::parseEndpoint(const QJsonObject& object, const QString& path,
                                      EndpointConfig* endpoint) {
    JsonFieldReader reader(object, path, m_error);
    QString url;
    if (reader.readString(QStringLiteral("url"), &url) && reader.has(QStringLiteral("url"))) {
        // Tolerant: people paste URLs with spaces or unescaped characters; invalid hosts still
        // fail.
        const QUrl parsed(url, QUrl::TolerantMode);
        if (!url.isEmpty() && !parsed.isValid())
            return failWith(m_error, QStringLiteral("field '") +
                                         reader.pathOf(QStringLiteral("url")) +
                                         QStringLiteral("' is not a valid URL: ") +
                                         JsonFieldReader::printable(parsed.errorString(), 160));
        // Tolerant parsing can keep characters (a '#' inside the fragment) that only have an
        // encoded spelling; re-reading the encoded form makes the URL equal to what a save
        // and a later load produce.
        endpoint->url = QUrl(parsed.toString(QUrl::FullyEncoded), QUrl::TolerantMode);
        // A hand-written endpoint without a name is named after its host, not "simulator".
        if (!endpoint->isBuiltinSimulator())
            endpoint->name = parsed.host();
    }
    reader.readString(QStringLiteral("name"), &endpoint->name);
    reader.readString(QStringLiteral("flavor"), &endpoint->flavor);
    reader.readString(QStringLiteral("model"), &endpoint->model);
    reader.readString(QStringLiteral("api_key"), &endpoint->apiKeyRef);
    if (reader.ok() && !ApiKeyResolver::isReference(endpoint->apiKeyRef))
        return failWith(m_error,
                        QStringLiteral("field '") + reader.pathOf(QStringLiteral("api_key")) +
                            QStringLiteral("' holds a literal key; a profile may only refer to a "
                                           "key: \"${env:NAME}\" or \"keychain:ENTRY\""));
    reader.readString(QStringLiteral("api_version"), &endpoint->apiVersion);
    QJsonArray headers;
    if (reader.readArray(QStringLiteral("headers"), &headers) &&
        !parseHeaders(headers, reader.pathOf(QStringLiteral("headers")), endpoint))
        return false;
    reader.readObject(QStringLiteral("extra_body"), &endpoint->extraBody);
    reader.readBool(QStringLiteral("verify_tls"), &endpoint->verifyTls);
    reader.readString(QStringLiteral("ca_cert"), &endpoint->caCertFile);
    reader.readString(QStringLiteral("client_cert"), &endpoint->clientCertFile);
    reader.readString(QStringLiteral("client_key"), &endpoint->clientKeyFile);
    reader.readString(QStringLiteral("client_key_passphrase"), &endpoint->clientKeyPassphraseRef);
    if (reader.ok() && !endpoint->clientKeyPassphraseRef.isEmpty() &&
        !ApiKeyResolver::isEnvReference(endpoint->clientKeyPassphraseRef))
        return failWith(m_error, QStringLiteral("field '") +
                                     reader.pathOf(QStringLiteral("client_key_passphrase")) +
                                     QStringLiteral("' must name where the passphrase lives, "
                                                    "\"${env:NAME}\"; a profile never holds it"));
    reader.readBool(QStringLiteral("use_system_proxy"), &endpoint->useSystemProxy);
    reader.readBool(QStringLiteral("http2"), &endpoint->http2);
    reader.readBool(QStringLiteral("force_exact_output"), &endpoint->forceExactOutput);
    QJsonObject timeouts;
    if (reader.has(QStringLiteral("timeouts")) &&
        reader.readObject(QStringLiteral("timeouts"), &timeouts) &&
        !parseTimeouts(timeouts, reader.pathOf(QStringLiteral("timeouts")), endpoint))
        return false;
    QJsonObject serverMetrics;
    if (reader.has(QStringLiteral("server_metrics")) &&
        reader.readObject(QStringLiteral("server_metrics"), &serverMetrics) &&
        !ServerMetricsJson::fromJson(serverMetrics, reader.pathOf(QStringLiteral("server_metrics")),
                                     &endpoint->serverMetrics, m_error))
        return false;
    QJsonObject price;
    if (reader.has(QStringLiteral("price")) && reader.readObject(QStringLiteral("price"), &price) &&
        !PriceJson::fromJson(price, reader.pathOf(QStringLiteral("price")), &endpoint->price,
                             m_error))
        return false;
    return reader.finish();
}

bool ProfileJsonParser::parseHeaders(const QJsonArray& array, const QString& path,
                                     EndpointConfig* endpoint) {
    endpoint->headers.clear();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = indexed(path, i);
        QJsonObject object;
        if (!JsonFieldReader::toObject(array.at(i), itemPath, &object, m_error))
            return false;
        JsonFieldReader reader(object, itemPath, m_error);
        QString name;
        QString value;
        if (!requireField(reader, QStringLiteral("name"), m_error) ||
            !requireField(reader, QStringLiteral("value"), m_error) ||
            !reader.readString(QStringLiteral("name"), &name) ||
            !reader.readString(QStringLiteral("value"), &value) || !reader.finish())
            return false;
        endpoint->headers.append({name, value});
    }
    return true;
}

bool ProfileJsonParser::parseTimeouts(const QJsonObject& object, const QString& path,
                                      EndpointConfig* endpoint) {
    JsonFieldReader reader(object, path, m_error);
    reader.readDouble(QStringLiteral("connect_s"), &endpoint->connectTimeoutS, 0, kMaxSeconds);
    reader.readDouble(QStringLiteral("first_token_s"), &endpoint->firstTokenTimeoutS, 0,
                      kMaxSeconds);
    reader.readDouble(QStringLiteral("idle_s"), &endpoint->idleTimeoutS, 0, kMaxSeconds);
    reader.readDouble(QStringLiteral("total_s"), &endpoint->totalTimeoutS, 0, kMaxSeconds);
    return reader.finish();
}

bool ProfileJsonParser::parsePlan(const QJsonObject& object, SweepPlan* plan) {
    JsonFieldReader reader(object, QStringLiteral("plan"), m_error);
    QString word;
    if (reader.readEnum(QStringLiteral("mode"), ProfileNames::modes(), &word) && !word.isEmpty())
        plan->mode = ProfileNames::modeFromName(word);

    QJsonArray array;
    if (reader.has(QStringLiteral("concurrencies")) &&
        reader.readArray(QStringLiteral("concurrencies"), &array)) {
        plan->concurrencies.clear();
        for (qsizetype i = 0; i < array.size(); ++i) {
            int value = 0;
            if (!JsonFieldReader::toInt(array.at(i),
                                        indexed(QStringLiteral("plan.concurrencies"), i), 1,
                                        kMaxLevelValue, &value, m_error))
                return false;
            plan->concurrencies.append(value);
        }
    }
    if (reader.has(QStringLiteral("rates")) && reader.readArray(QStringLiteral("rates"), &array)) {
        plan->rates.clear();
        for (qsizetype i = 0; i < array.size(); ++i) {
            double value = 0;
            if (!JsonFieldReader::toDouble(array.at(i), indexed(QStringLiteral("plan.rates"), i), 0,
                                           1e9, &value, m_error))
                return false;
            plan->rates.append(value);
        }
    }
    word.clear();
    if (reader.readEnum(QStringLiteral("arrival"), ProfileNames::arrivals(), &word) &&
        !word.isEmpty())
        plan->arrival = ProfileNames::arrivalFromName(word);
    reader.readDouble(QStringLiteral("burstiness"), &plan->burstiness, 0, 1e6);
    reader.readInt(QStringLiteral("max_concurrency"), &plan->maxConcurrency, 0, kMaxLevelValue);
    reader.readInt(QStringLiteral("requests_per_level"), &plan->requestsPerLevel, 0, kIntMax);
    reader.readDouble(QStringLiteral("duration_per_level_s"), &plan->durationPerLevelS, 0,
                      kMaxSeconds);
    reader.readInt(QStringLiteral("warmup_requests"), &plan->warmupRequests, 0, kIntMax);
    reader.readBool(QStringLiteral("stop_at_plateau"), &plan->stopAtPlateau);
    reader.readBool(QStringLiteral("stop_when_budget_exceeded"), &plan->stopWhenBudgetExceeded);
    reader.readDouble(QStringLiteral("max_error_rate"), &plan->maxErrorRate, 0, 1);
    reader.readDouble(QStringLiteral("plateau_gain_threshold"), &plan->plateauGainThreshold, 0, 10);
    reader.readUInt64(QStringLiteral("seed"), &plan->seed);
    reader.readInt(QStringLiteral("repeat"), &plan->repeat, 1, SweepPlan::kMaxRepeat);
    reader.readString(QStringLiteral("interleave_with"), &plan->interleaveWith);
    QJsonObject untilStable;
    if (reader.has(QStringLiteral("until_stable")) &&
        reader.readObject(QStringLiteral("until_stable"), &untilStable) &&
        !UntilStableJson::fromJson(untilStable, reader.pathOf(QStringLiteral("until_stable")),
                                   &plan->untilStable, m_error))
        return false;
    QJsonObject shard;
    if (reader.has(QStringLiteral("shard")) && reader.readObject(QStringLiteral("shard"), &shard) &&
        !ShardJson::fromJson(shard, reader.pathOf(QStringLiteral("shard")), &plan->shard, m_error))
        return false;
    QJsonObject refine;
    if (reader.has(QStringLiteral("refine")) &&
        reader.readObject(QStringLiteral("refine"), &refine)) {
        JsonFieldReader refineReader(refine, reader.pathOf(QStringLiteral("refine")), m_error);
        plan->refine.enabled = true;
        refineReader.readInt(QStringLiteral("max_levels"), &plan->refine.maxLevels, 1,
                             kMaxRefineLevels);
        if (!refineReader.finish())
            return false;
    }
    return reader.finish();
}

bool ProfileJsonParser::parsePrompts(const QJsonObject& object, PromptSource* prompts) {
    JsonFieldReader reader(object, QStringLiteral("prompts"), m_error);
    QString word;
    if (reader.readEnum(QStringLiteral("kind"), ProfileNames::promptKinds(), &word) &&
        !word.isEmpty())
        prompts->kind = ProfileNames::promptKindFromName(word);
    reader.readInt(QStringLiteral("input_tokens"), &prompts->inputTokens, 0, 10000000);
    reader.readInt(QStringLiteral("output_tokens"), &prompts->outputTokens, 0, 10000000);
    if (reader.has(QStringLiteral("batch_size"))) { // a number, or a list to sweep
        reader.accept(QStringLiteral("batch_size"));
        if (!BatchSizes::fromJson(object.value(QStringLiteral("batch_size")),
                                  reader.pathOf(QStringLiteral("batch_size")), &prompts->batchSizes,
                                  m_error))
            return false;
    }
    reader.readBool(QStringLiteral("calibrate"), &prompts->calibrate);
    reader.readString(QStringLiteral("file"), &prompts->file);
    return reader.finish();
}

bool ProfileJsonParser::parseBudget(const QJsonObject& object, LatencyBudget* budget) {
    JsonFieldReader reader(object, QStringLiteral("budget"), m_error);
    QJsonArray limits;
    if (reader.has(QStringLiteral("limits")) &&
        reader.readArray(QStringLiteral("limits"), &limits)) {
        budget->limits.clear();
        for (qsizetype i = 0; i < limits.size(); ++i) {
            const QString path = indexed(QStringLiteral("budget.limits"), i);
            QJsonObject item;
            if (!JsonFieldReader::toObject(limits.at(i), path, &item, m_error))
                return false;
            JsonFieldReader limitReader(item, path, m_error);
            LatencyLimit limit;
            if (!requireField(limitReader, QStringLiteral("max_ms"), m_error))
                return false;
            LatencyJson::readMetric(&limitReader, QStringLiteral("metric"),
                                    LatencyNames::budgetMetrics(), &limit.metric);
            LatencyJson::readStat(&limitReader, QStringLiteral("stat"), LatencyNames::budgetStats(),
                                  &limit.stat);
            limitReader.readDouble(QStringLiteral("max_ms"), &limit.maxMs, 0, kInf);
            if (!limitReader.finish())
                return false;
            budget->limits.append(limit);
        }
    }
    return reader.finish();
}
