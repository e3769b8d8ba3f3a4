#include "cli/simoptions.h"

#include "common/boundedfilereader.h"
#include "common/simpresets.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {
bool parseHost(const QString& text, QHostAddress* host) {
    if (text == QLatin1String("localhost")) {
        *host = QHostAddress::LocalHost;
        return true;
    }
    return host->setAddress(text);
}

std::optional<SimConfig> loadConfig(const QString& path, QString* error) {
    // Capped whatever the file is (a config is a few hundred bytes; /dev/zero is not one).
    constexpr qint64 kMaxConfigBytes = 1024 * 1024;
    const BoundedFileReader::Result read =
        BoundedFileReader::read(path, kMaxConfigBytes, QStringLiteral("a simulator config"));
    if (!read.ok()) {
        *error = QStringLiteral("--config: cannot read %1: %2").arg(path, read.reason);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(read.data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("--config: %1 is not a JSON object (%2 at offset %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    // fromJson() ignores what it does not know; a typo in a config must not pass silently.
    const QStringList known = SimConfig::keys();
    const QStringList keys = doc.object().keys();
    for (const QString& key : keys) {
        if (!known.contains(key)) {
            *error = QStringLiteral("--config: %1: unknown key \"%2\" (known: %3)")
                         .arg(path, key, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    return SimConfig::fromJson(doc.object());
}
} // namespace

QString SimInvocation::describe() const {
    QString text = configPath.isEmpty() ? QStringLiteral("preset ") + presetName
                                        : QStringLiteral("config ") + configPath;
    if (overrides.isEmpty())
        return text;
    // The banner goes to terminals and logs: a key given with --set api_key=... stays out.
    QStringList shown;
    for (const QString& item : overrides) {
        const QString key = item.section(QLatin1Char('='), 0, 0).trimmed();
        shown.append(key == QLatin1String("api_key") ? key + QStringLiteral("=***") : item);
    }
    return text + QStringLiteral(" + %1").arg(shown.join(QStringLiteral(", ")));
}

std::optional<SimInvocation> SimOptions::parse(const QStringList& args, QString* error) {
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption host(QStringLiteral("host"), QString(), QStringLiteral("ADDRESS"));
    const QCommandLineOption port(QStringLiteral("port"), QString(), QStringLiteral("PORT"));
    const QCommandLineOption preset(QStringLiteral("preset"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption config(QStringLiteral("config"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption set(QStringLiteral("set"), QString(), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption list(QStringLiteral("list-presets"));
    const QCommandLineOption log(QStringLiteral("request-log"), QString(), QStringLiteral("FILE"));
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({help, host, port, preset, config, set, list, log});
    if (!parser.parse(QStringList{QStringLiteral("plateau-cli sim")} + args)) {
        *error = parser.errorText() + QStringLiteral(" (see plateau-cli sim --help)");
        return std::nullopt;
    }
    SimInvocation inv;
    inv.help = parser.isSet(help);
    inv.listPresets = parser.isSet(list);
    if (inv.help || inv.listPresets)
        return inv;
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("sim takes no positional arguments, got: %1")
                     .arg(parser.positionalArguments().join(QLatin1Char(' ')));
        return std::nullopt;
    }
    if (parser.isSet(host) && !parseHost(parser.value(host), &inv.host)) {
        *error = QStringLiteral("--host: \"%1\" is not an IP address").arg(parser.value(host));
        return std::nullopt;
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            *error = QStringLiteral("--port: \"%1\" is not a port (0-65535; 0 = any free port)")
                         .arg(parser.value(port));
            return std::nullopt;
        }
        inv.port = quint16(value);
    }
    if (parser.isSet(log)) {
        inv.requestLogPath = parser.value(log);
        if (inv.requestLogPath.isEmpty()) {
            *error = QStringLiteral("--request-log: needs a file name");
            return std::nullopt;
        }
    }
    if (parser.isSet(preset) && parser.isSet(config)) {
        *error = QStringLiteral(
            "--preset and --config exclude each other (use --set to adjust a preset)");
        return std::nullopt;
    }
    if (parser.isSet(preset)) {
        inv.presetName = parser.value(preset);
        QString why;
        if (!SimPresets::check(inv.presetName, &why)) { // the check sim:PRESET URLs get too
            *error = QStringLiteral("--preset: ") + why;
            return std::nullopt;
        }
    }
    if (parser.isSet(config)) {
        inv.configPath = parser.value(config);
        const auto loaded = loadConfig(inv.configPath, error);
        if (!loaded)
            return std::nullopt;
        inv.config = *loaded;
    } else {
        inv.config = SimConfig::preset(inv.presetName);
    }
    const QStringList sets = parser.values(set);
    for (const QString& item : sets) {
        const int eq = int(item.indexOf(QLatin1Char('=')));
        if (eq <= 0) {
            *error = QStringLiteral("--set: \"%1\" is not of the form key=value").arg(item);
            return std::nullopt;
        }
        QString why;
        if (!inv.config.set(item.left(eq).trimmed(), item.mid(eq + 1).trimmed(), &why)) {
            *error = QStringLiteral("--set %1: %2").arg(item, why);
            return std::nullopt;
        }
        inv.overrides.append(item);
    }
    QString invalid;
    if (!inv.config.validate(&invalid)) {
        *error = QStringLiteral("invalid simulator configuration: %1").arg(invalid);
        return std::nullopt;
    }
    return inv;
}
