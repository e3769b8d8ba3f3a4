#include "profile/profileio.h"

#include "common/boundedfilereader.h"
#include "common/outputfile.h"
#include "common/urlredactor.h"
#include "profile/apikeyresolver.h"
#include "profile/batchsizes.h"
#include "profile/jsonfieldreader.h"
#include "profile/pricejson.h"
#include "profile/profilejsonparser.h"
#include "profile/profilenames.h"
#include "profile/servermetricsjson.h"
#include "profile/shardjson.h"
#include "profile/untilstablejson.h"
#include "profile/workloadjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace {
constexpr qint64 kMaxProfileBytes = 16 * 1024 * 1024;         // a profile is a few KB; refuse blobs
constexpr quint64 kMaxExactJsonInteger = 9007199254740992ULL; // 2^53

QJsonObject endpointToJson(const EndpointConfig& e) {
    QJsonArray headers;
    for (const auto& [name, value] : e.headers)
        headers.append(
            QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    const QJsonObject timeouts{{QStringLiteral("connect_s"), e.connectTimeoutS},
                               {QStringLiteral("first_token_s"), e.firstTokenTimeoutS},
                               {QStringLiteral("idle_s"), e.idleTimeoutS},
                               {QStringLiteral("total_s"), e.totalTimeoutS}};
    QJsonObject object{
        {QStringLiteral("name"), e.name},
        {QStringLiteral("flavor"), e.flavor},
        {QStringLiteral("url"), e.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("model"), e.model},
        // Only a reference is ever written; a literal key becomes "" (never on disk).
        {QStringLiteral("api_key"),
         ApiKeyResolver::isReference(e.apiKeyRef) ? e.apiKeyRef : QString()},
        {QStringLiteral("api_version"), e.apiVersion},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("extra_body"), e.extraBody},
        {QStringLiteral("verify_tls"), e.verifyTls},
        {QStringLiteral("use_system_proxy"), e.useSystemProxy},
        {QStringLiteral("http2"), e.http2},
        {QStringLiteral("force_exact_output"), e.forceExactOutput},
        {QStringLiteral("timeouts"), timeouts},
    };
    // Additive: the TLS files only when set. The passphrase only as a reference.
    const QList<std::pair<QString, QString>> tlsFields{
        {QStringLiteral("ca_cert"), e.caCertFile},
        {QStringLiteral("client_cert"), e.clientCertFile},
        {QStringLiteral("client_key"), e.clientKeyFile},
        {QStringLiteral("client_key_passphrase"),
         ApiKeyResolver::isEnvReference(e.clientKeyPassphraseRef) ? e.clientKeyPassphraseRef
                                                                  : QString()}};
    for (const auto& [key, value] : tlsFields)
        if (!value.isEmpty())
            object.insert(key, value);
    // Additive: a profile that never asked for the server's metrics is written as before.
    if (!ServerMetricsJson::isDefault(e.serverMetrics))
        object.insert(QStringLiteral("server_metrics"), ServerMetricsJson::toJson(e.serverMetrics));
    if (e.price.isSet())
        object.insert(QStringLiteral("price"), PriceJson::toJson(e.price));
    return object;
}

QJsonObject planToJson(const SweepPlan& p) {
    QJsonArray concurrencies;
    for (int c : p.concurrencies)
        concurrencies.append(c);
    QJsonArray rates;
    for (double r : p.rates)
        rates.append(r);
    // Above 2^53 a JSON number stops being exact in most readers: write a string then.
    const QJsonValue seed = p.seed <= kMaxExactJsonInteger ? QJsonValue(qint64(p.seed))
                                                           : QJsonValue(QString::number(p.seed));
    QJsonObject plan{
        {QStringLiteral("mode"), ProfileNames::modeName(p.mode)},
        {QStringLiteral("concurrencies"), concurrencies},
        {QStringLiteral("rates"), rates},
        {QStringLiteral("arrival"), ProfileNames::arrivalName(p.arrival)},
        {QStringLiteral("burstiness"), p.burstiness},
        {QStringLiteral("max_concurrency"), p.maxConcurrency},
        {QStringLiteral("requests_per_level"), p.requestsPerLevel},
        {QStringLiteral("duration_per_level_s"), p.durationPerLevelS},
        {QStringLiteral("warmup_requests"), p.warmupRequests},
        {QStringLiteral("stop_at_plateau"), p.stopAtPlateau},
        {QStringLiteral("stop_when_budget_exceeded"), p.stopWhenBudgetExceeded},
        {QStringLiteral("max_error_rate"), p.maxErrorRate},
        {QStringLiteral("plateau_gain_threshold"), p.plateauGainThreshold},
        {QStringLiteral("seed"), seed},
    };
    if (p.untilStable.enabled)
        plan.insert(QStringLiteral("until_stable"), UntilStableJson::toJson(p.untilStable));
    if (p.shard.isSharded())
        plan.insert(QStringLiteral("shard"), ShardJson::toJson(p.shard));
    if (p.refine.enabled)
        plan.insert(QStringLiteral("refine"),
                    QJsonObject{{QStringLiteral("max_levels"), p.refine.maxLevels}});
    if (p.repeat != 1) // absent for one run, so older builds still read the profile
        plan.insert(QStringLiteral("repeat"), p.repeat);
    if (!p.interleaveWith.isEmpty())
        plan.insert(QStringLiteral("interleave_with"), p.interleaveWith);
    return plan;
}

QJsonObject promptsToJson(const PromptSource& s) {
    QJsonObject prompts{
        {QStringLiteral("kind"), ProfileNames::promptKindName(s.kind)},
        {QStringLiteral("input_tokens"), s.inputTokens},
        {QStringLiteral("output_tokens"), s.outputTokens},
        {QStringLiteral("calibrate"), s.calibrate},
        {QStringLiteral("file"), s.file},
    };
    // Absent for one input, so older builds still read the profile; a number for one size.
    if (s.batchSizes != QList<int>{BatchSizes::kDefault})
        prompts.insert(QStringLiteral("batch_size"), BatchSizes::toJson(s.batchSizes));
    return prompts;
}

QJsonObject budgetToJson(const LatencyBudget& b) {
    QJsonArray limits;
    for (const LatencyLimit& l : b.limits)
        limits.append(QJsonObject{{QStringLiteral("metric"), LatencyNames::key(l.metric)},
                                  {QStringLiteral("stat"), LatencyNames::key(l.stat)},
                                  {QStringLiteral("max_ms"), l.maxMs}});
    return {{QStringLiteral("limits"), limits}};
}

// "" when the schema is ours; otherwise why it is not.
QString schemaProblem(const QJsonObject& object) {
    const QString expected = QLatin1String(ProfileIo::schemaName);
    const QJsonValue schema = object.value(QStringLiteral("schema"));
    if (schema.isUndefined())
        return QStringLiteral("missing field 'schema' (a Plateau profile starts with "
                              "\"schema\": \"") +
               expected + QStringLiteral("\")");
    if (!schema.isString())
        return QStringLiteral("field 'schema' must be a string such as \"") + expected +
               QStringLiteral("\"");
    const QString text = schema.toString();
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("plateau\\.profile/(\\d{1,9})")));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return QStringLiteral("not a Plateau profile (schema \"") +
               JsonFieldReader::printable(text) + QStringLiteral("\"; expected \"") + expected +
               QStringLiteral("\")");
    const int version = match.captured(1).toInt();
    if (version > Profile::schemaVersion)
        return QStringLiteral("was written by a newer Plateau (") + text +
               QStringLiteral("); this build reads ") + expected;
    if (version < Profile::oldestSchemaVersion)
        return QStringLiteral("unsupported schema ") + text +
               QStringLiteral("; this build reads ") + expected;
    return {};
}

QString literalKeyField(const Profile& profile) {
    for (qsizetype i = 0; i < profile.endpoints.size(); ++i) {
        if (!ApiKeyResolver::isReference(profile.endpoints.at(i).apiKeyRef))
            return QStringLiteral("endpoints[") + QString::number(i) + QStringLiteral("].api_key");
    }
    return {};
}

// A URL with user:password or a credential parameter ("?api_key=...") would put the secret in
// the file in clear; results files redact it, a profile cannot (it must still work when loaded).
QString urlCredentialField(const Profile& profile) {
    for (qsizetype i = 0; i < profile.endpoints.size(); ++i) {
        if (UrlRedactor::hasCredentials(profile.endpoints.at(i).url))
            return QStringLiteral("endpoints[") + QString::number(i) + QStringLiteral("].url");
    }
    return {};
}

// "line 3, column 7" for a byte offset: editors speak lines, QJsonParseError speaks bytes.
QString lineAndColumn(const QByteArray& data, qsizetype offset) {
    offset = qBound(qsizetype(0), offset, data.size());
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line ") + QString::number(line) + QStringLiteral(", column ") +
           QString::number(column);
}
} // namespace

QJsonObject ProfileIo::toJson(const Profile& profile) {
    QJsonArray endpoints;
    for (const EndpointConfig& e : profile.endpoints)
        endpoints.append(endpointToJson(e));
    return {
        {QStringLiteral("schema"), QLatin1String(schemaName)},
        {QStringLiteral("name"), profile.name},
        {QStringLiteral("endpoints"), endpoints},
        {QStringLiteral("active_endpoint"), profile.activeEndpoint},
        {QStringLiteral("plan"), planToJson(profile.plan)},
        {QStringLiteral("prompts"), promptsToJson(profile.prompts)},
        {QStringLiteral("workload"), WorkloadJson::toJson(profile.workload)},
        {QStringLiteral("budget"), budgetToJson(profile.budget)},
    };
}

std::optional<Profile> ProfileIo::fromJson(const QJsonObject& object, QString* error) {
    QString message = schemaProblem(object);
    Profile profile;
    if (message.isEmpty()) {
        ProfileJsonParser parser(&message);
        if (parser.parse(object, &profile) && message.isEmpty())
            return profile;
        if (message.isEmpty())
            message = QStringLiteral("invalid profile");
    }
    if (error)
        *error = message;
    return std::nullopt;
}

std::optional<Profile> ProfileIo::load(const QString& path, QString* error) {
    auto failure = [&](const QString& message) -> std::optional<Profile> {
        if (error)
            *error = path + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    // Capped whatever the file is: /dev/zero or an endless pipe stops at the cap.
    const BoundedFileReader::Result read =
        BoundedFileReader::read(path, kMaxProfileBytes, QStringLiteral("a profile"));
    if (read.failure == BoundedFileReader::Failure::IsDirectory)
        return failure(QStringLiteral("is a directory, not a profile"));
    if (!read.ok())
        return failure(read.reason);
    const QByteArray& data = read.data;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QStringLiteral("not valid JSON at offset ") +
                       QString::number(parseError.offset) + QStringLiteral(" (") +
                       lineAndColumn(data, parseError.offset) + QStringLiteral("): ") +
                       parseError.errorString());
    if (!document.isObject())
        return failure(QStringLiteral("not a Plateau profile (the top level is an array, not an "
                                      "object)"));
    QString message;
    std::optional<Profile> profile = fromJson(document.object(), &message);
    if (!profile)
        return failure(message);
    return profile;
}

QByteArray ProfileIo::toBytes(const Profile& profile) {
    return QJsonDocument(toJson(profile)).toJson(QJsonDocument::Indented);
}

bool ProfileIo::save(const Profile& profile, const QString& path, QString* error) {
    auto failure = [&](const QString& message) {
        if (error)
            *error = path + QStringLiteral(": ") + message;
        return false;
    };
    const QString literal = literalKeyField(profile);
    if (!literal.isEmpty())
        return failure(QStringLiteral("not saved: ") + literal +
                       QStringLiteral(" holds a literal key; refer to it as \"${env:NAME}\" or "
                                      "\"keychain:ENTRY\""));
    const QString inUrl = urlCredentialField(profile);
    if (!inUrl.isEmpty())
        return failure(QStringLiteral("not saved: ") + inUrl +
                       QStringLiteral(" carries credentials (user:password or a key parameter); "
                                      "remove them and give the key as an API key reference, "
                                      "\"${env:NAME}\" or \"keychain:ENTRY\""));
    // A regular file only, replaced atomically, errors with the system's reason.
    return OutputFile::write(path, toBytes(profile), error);
}
