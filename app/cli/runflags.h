#pragma once

#include <QCommandLineOption>
#include <QList>

// Every option of `plateau-cli run`, in one place so the parser and --help agree
// (HelpText::run() documents each of them; tst_clihelp checks it).
inline QCommandLineOption runValueOption(const QStringList& names, const QString& valueName) {
    return QCommandLineOption(names, QString(), valueName);
}

struct RunFlags {
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}};
    QCommandLineOption url = runValueOption({QStringLiteral("url")}, QStringLiteral("URL"));
    QCommandLineOption api = runValueOption({QStringLiteral("api")}, QStringLiteral("FLAVOR"));
    QCommandLineOption model = runValueOption({QStringLiteral("model")}, QStringLiteral("NAME"));
    QCommandLineOption apiVersion =
        runValueOption({QStringLiteral("api-version")}, QStringLiteral("V"));
    QCommandLineOption apiKeyEnv =
        runValueOption({QStringLiteral("api-key-env")}, QStringLiteral("VAR"));
    QCommandLineOption header =
        runValueOption({QStringLiteral("header"), QStringLiteral("H")}, QStringLiteral("K: V"));
    QCommandLineOption concurrency = runValueOption(
        {QStringLiteral("c"), QStringLiteral("concurrency")}, QStringLiteral("LIST"));
    QCommandLineOption rate = runValueOption({QStringLiteral("rate")}, QStringLiteral("LIST"));
    QCommandLineOption maxConcurrency =
        runValueOption({QStringLiteral("max-concurrency")}, QStringLiteral("N"));
    QCommandLineOption requests = runValueOption(
        {QStringLiteral("n"), QStringLiteral("requests-per-level")}, QStringLiteral("N"));
    QCommandLineOption duration =
        runValueOption({QStringLiteral("duration-per-level")}, QStringLiteral("S"));
    QCommandLineOption warmup = runValueOption({QStringLiteral("warmup")}, QStringLiteral("N"));
    QCommandLineOption inputTokens =
        runValueOption({QStringLiteral("input-tokens")}, QStringLiteral("N"));
    QCommandLineOption outputTokens =
        runValueOption({QStringLiteral("output-tokens")}, QStringLiteral("N"));
    QCommandLineOption prompts =
        runValueOption({QStringLiteral("prompts")}, QStringLiteral("FILE"));
    QCommandLineOption batchSize =
        runValueOption({QStringLiteral("batch-size")}, QStringLiteral("N"));
    // The workload (issue 16): WorkloadFlags applies them.
    QCommandLineOption inputLen =
        runValueOption({QStringLiteral("input-len")}, QStringLiteral("DIST"));
    QCommandLineOption outputLen =
        runValueOption({QStringLiteral("output-len")}, QStringLiteral("DIST"));
    QCommandLineOption dataset =
        runValueOption({QStringLiteral("dataset")}, QStringLiteral("FILE"));
    QCommandLineOption datasetFormat =
        runValueOption({QStringLiteral("dataset-format")}, QStringLiteral("FORMAT"));
    QCommandLineOption sample = runValueOption({QStringLiteral("sample")}, QStringLiteral("N"));
    QCommandLineOption sharedPrefix =
        runValueOption({QStringLiteral("shared-prefix")}, QStringLiteral("G:T[:S]"));
    QCommandLineOption trace = runValueOption({QStringLiteral("trace")}, QStringLiteral("FILE"));
    QCommandLineOption traceSpeed =
        runValueOption({QStringLiteral("trace-speed")}, QStringLiteral("X"));
    QCommandLineOption traceWindow =
        runValueOption({QStringLiteral("trace-window")}, QStringLiteral("A-B"));
    QCommandLineOption conversations{QStringLiteral("conversations")};
    QCommandLineOption turns = runValueOption({QStringLiteral("turns")}, QStringLiteral("K"));
    QCommandLineOption thinkTime =
        runValueOption({QStringLiteral("think-time")}, QStringLiteral("MS"));
    // "until stable" levels (issue 13): StabilityFlags applies them.
    QCommandLineOption untilStable{QStringLiteral("until-stable")};
    QCommandLineOption stableWithin =
        runValueOption({QStringLiteral("stable-within")}, QStringLiteral("X%,Y%"));
    QCommandLineOption stableLatency =
        runValueOption({QStringLiteral("stable-latency")}, QStringLiteral("METRIC:pNN"));
    QCommandLineOption levelTime =
        runValueOption({QStringLiteral("level-time")}, QStringLiteral("MIN-MAX"));
    QCommandLineOption refine{QStringLiteral("refine")};
    QCommandLineOption refineLevels =
        runValueOption({QStringLiteral("refine-levels")}, QStringLiteral("N"));
    QCommandLineOption repeat = runValueOption({QStringLiteral("repeat")}, QStringLiteral("N"));
    // Interleave two endpoints (issue 13): InterleaveFlags applies them.
    QCommandLineOption interleaveWith =
        runValueOption({QStringLiteral("interleave-with")}, QStringLiteral("ENDPOINT"));
    QCommandLineOption interleaveOut =
        runValueOption({QStringLiteral("interleave-out")}, QStringLiteral("FILE"));
    QCommandLineOption failIf = runValueOption({QStringLiteral("fail-if")}, QStringLiteral("COND"));
    // Sharding (issue 15): ShardFlags applies them.
    QCommandLineOption shard = runValueOption({QStringLiteral("shard")}, QStringLiteral("I/N"));
    QCommandLineOption startAt =
        runValueOption({QStringLiteral("start-at")}, QStringLiteral("TIME"));
    QCommandLineOption levelGap =
        runValueOption({QStringLiteral("level-gap")}, QStringLiteral("S"));
    QCommandLineOption budget = runValueOption({QStringLiteral("budget")}, QStringLiteral("SPEC"));
    QCommandLineOption stopAtPlateau{QStringLiteral("stop-at-plateau")};
    QCommandLineOption stopOnBudget{QStringLiteral("stop-on-budget")};
    QCommandLineOption seed = runValueOption({QStringLiteral("seed")}, QStringLiteral("N"));
    QCommandLineOption connectTimeout =
        runValueOption({QStringLiteral("connect-timeout")}, QStringLiteral("S"));
    QCommandLineOption firstTokenTimeout =
        runValueOption({QStringLiteral("first-token-timeout")}, QStringLiteral("S"));
    QCommandLineOption idleTimeout =
        runValueOption({QStringLiteral("idle-timeout")}, QStringLiteral("S"));
    QCommandLineOption timeout = runValueOption({QStringLiteral("timeout")}, QStringLiteral("S"));
    QCommandLineOption insecure{QStringLiteral("insecure")};
    // Enterprise TLS and price (issue 14): EndpointExtraFlags applies them.
    QCommandLineOption caCert = runValueOption({QStringLiteral("ca-cert")}, QStringLiteral("FILE"));
    QCommandLineOption clientCert =
        runValueOption({QStringLiteral("client-cert")}, QStringLiteral("FILE"));
    QCommandLineOption clientKey =
        runValueOption({QStringLiteral("client-key")}, QStringLiteral("FILE"));
    QCommandLineOption clientKeyPassphraseEnv =
        runValueOption({QStringLiteral("client-key-passphrase-env")}, QStringLiteral("VAR"));
    QCommandLineOption pricePerHour =
        runValueOption({QStringLiteral("price-per-hour")}, QStringLiteral("X"));
    QCommandLineOption pricePerMtok =
        runValueOption({QStringLiteral("price-per-mtok")}, QStringLiteral("IN,OUT"));
    QCommandLineOption currency =
        runValueOption({QStringLiteral("currency")}, QStringLiteral("CODE"));
    QCommandLineOption http2{QStringLiteral("http2")};
    QCommandLineOption transport =
        runValueOption({QStringLiteral("transport")}, QStringLiteral("auto|qt"));
    QCommandLineOption clientThreads =
        runValueOption({QStringLiteral("client-threads")}, QStringLiteral("N"));
    QCommandLineOption journal =
        runValueOption({QStringLiteral("journal")}, QStringLiteral("FILE"));
    QCommandLineOption out =
        runValueOption({QStringLiteral("o"), QStringLiteral("out")}, QStringLiteral("FILE"));
    QCommandLineOption csv = runValueOption({QStringLiteral("csv")}, QStringLiteral("FILE"));
    QCommandLineOption vllm = runValueOption({QStringLiteral("vllm-json")}, QStringLiteral("FILE"));
    QCommandLineOption vllmDir =
        runValueOption({QStringLiteral("vllm-dir")}, QStringLiteral("DIR"));
    QCommandLineOption quiet{{QStringLiteral("q"), QStringLiteral("quiet")}};
    QCommandLineOption assertion =
        runValueOption({QStringLiteral("assert")}, QStringLiteral("CONDITION"));
    // Optional value: a bare --server-metrics is given "" (the default URL) before parsing.
    QCommandLineOption serverMetrics =
        runValueOption({QStringLiteral("server-metrics")}, QStringLiteral("URL"));
    QCommandLineOption serverMetricsInterval =
        runValueOption({QStringLiteral("server-metrics-interval")}, QStringLiteral("MS"));

    QList<QCommandLineOption> all() const {
        return {help,
                url,
                api,
                model,
                apiVersion,
                apiKeyEnv,
                header,
                concurrency,
                rate,
                maxConcurrency,
                requests,
                duration,
                warmup,
                inputTokens,
                outputTokens,
                prompts,
                batchSize,
                inputLen,
                outputLen,
                dataset,
                datasetFormat,
                sample,
                sharedPrefix,
                trace,
                traceSpeed,
                traceWindow,
                conversations,
                turns,
                thinkTime,
                untilStable,
                stableWithin,
                stableLatency,
                levelTime,
                refine,
                refineLevels,
                repeat,
                interleaveWith,
                interleaveOut,
                failIf,
                shard,
                startAt,
                levelGap,
                budget,
                stopAtPlateau,
                stopOnBudget,
                seed,
                connectTimeout,
                firstTokenTimeout,
                idleTimeout,
                timeout,
                insecure,
                caCert,
                clientCert,
                clientKey,
                clientKeyPassphraseEnv,
                pricePerHour,
                pricePerMtok,
                currency,
                http2,
                transport,
                clientThreads,
                journal,
                out,
                csv,
                vllm,
                vllmDir,
                quiet,
                assertion,
                serverMetrics,
                serverMetricsInterval};
    }
};
