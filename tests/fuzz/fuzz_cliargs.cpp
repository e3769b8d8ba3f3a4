// libFuzzer target for the command line: arbitrary bytes -> the arguments of `plateau-cli run`
// or `plateau-cli sim` (split at NUL bytes; the first byte picks the command) -> the same
// parsers the CLI uses. Must never crash, hang or trip ASan/UBSan; every refusal has a
// message; whatever is accepted is within the shared bounds (InputLimits) and passes the
// profile validator, so no flag can smuggle in an unbounded count; the simulator's banner
// never shows a key given with --set api_key=.
#include "cli/clioptions.h"
#include "cli/simoptions.h"
#include "common/inputlimits.h"
#include "profile/profilevalidator.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <cstdlib>

namespace {
void check(bool condition) {
    if (!condition)
        std::abort();
}

QStringList argumentsOf(const QByteArray& bytes) {
    QStringList args;
    const QList<QByteArray> parts = bytes.split('\0');
    for (const QByteArray& part : parts)
        args.append(QString::fromUtf8(part));
    return args;
}

// Every refusal says why. (Its text may quote what was typed, line breaks included:
// Console::error folds and escapes it into one line on the terminal.)
void checkRefusal(const QString& error) {
    check(!error.trimmed().isEmpty());
}

void fuzzRun(const QStringList& args) {
    QString error;
    const std::optional<RunInvocation> run = CliOptions::parseRun(args, &error);
    if (!run) {
        checkRefusal(error);
        return;
    }
    if (run->help)
        return;
    check(ProfileValidator::validate(run->profile).isEmpty());
    const double maxThreads = InputLimits::bound(InputLimits::Field::ClientThreads).max;
    check(run->engine.networkThreads <= maxThreads);
}

void fuzzSim(const QStringList& args) {
    QString error;
    const std::optional<SimInvocation> sim = SimOptions::parse(args, &error);
    if (!sim) {
        checkRefusal(error);
        return;
    }
    QString invalid;
    check(sim->help || sim->listPresets || sim->config.validate(&invalid));
    // The banner never shows a key given on the command line: described with only its
    // api_key overrides, the invocation shows none of their values (unless a value is a
    // piece of the banner's own words).
    SimInvocation keysOnly = *sim;
    QStringList values;
    keysOnly.overrides.clear();
    for (const QString& item : sim->overrides) {
        if (item.section(QLatin1Char('='), 0, 0).trimmed() == QLatin1String("api_key")) {
            keysOnly.overrides.append(item);
            values.append(item.section(QLatin1Char('='), 1).trimmed());
        }
    }
    const QString shown = keysOnly.describe();
    const QString words =
        QStringLiteral("preset %1 config %2 + api_key=***, ").arg(sim->presetName, sim->configPath);
    for (const QString& value : std::as_const(values))
        check(value.isEmpty() || words.contains(value) || !shown.contains(value));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    static QCoreApplication app(*argc, *argv); // QStandardPaths and friends want one
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0 || size > 4096)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    const QStringList args = argumentsOf(bytes);
    // Arguments that name files would make the fuzzer read the machine's files (devices
    // under /dev among them): the parsers' file handling has tests and a fuzzer of its own.
    for (const QString& arg : args) {
        if (arg.contains(QLatin1Char('/')) || arg.endsWith(QLatin1String(".json")) ||
            arg.endsWith(QLatin1String(".jsonl")))
            return 0;
    }
    if (data[0] & 1)
        fuzzSim(args);
    else
        fuzzRun(args);
    return 0;
}
