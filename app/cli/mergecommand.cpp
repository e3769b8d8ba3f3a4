#include "cli/mergecommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/numberformat.h"
#include "cli/resultwriter.h"
#include "results/journalreader.h"
#include "results/resultsjson.h"
#include "results/shardmerger.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
#include <cmath>

namespace {
constexpr int kMaxFiles = 1024;           // 4 x the largest shard count: duplicates included
constexpr double kMaxOffsetMs = 86400000; // a day

// A journal's first line is its "run" header; a results file starts with "{" and a newline.
bool looksLikeJournal(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096);
    const qsizetype newline = head.indexOf('\n');
    const QByteArray firstLine = newline < 0 ? head : head.left(newline);
    return firstLine.contains("\"type\"") && firstLine.contains("\"run\"");
}

std::optional<RunResult> load(const QString& path, QString* error, QString* note) {
    if (looksLikeJournal(path))
        return JournalReader::read(path, error, note);
    return ResultsJson::load(path, error);
}

bool parseOffset(const QString& text, QMap<int, double>* overrides, QString* error) {
    static const QRegularExpression form(QStringLiteral("^([0-9]{1,3})=(-?[0-9]+(\\.[0-9]+)?)$"));
    const QRegularExpressionMatch match = form.match(text.trimmed());
    const double ms = match.hasMatch() ? match.captured(2).toDouble() : NAN;
    if (!match.hasMatch() || !(std::abs(ms) <= kMaxOffsetMs)) {
        *error = QStringLiteral("--clock-offset takes I=MS (shard index = its clock's offset "
                                "to the endpoint in ms, within a day), not \"%1\"")
                     .arg(text.left(30));
        return false;
    }
    overrides->insert(match.captured(1).toInt(), ms);
    return true;
}
} // namespace

std::optional<MergeCommand::Invocation> MergeCommand::parse(const QStringList& args,
                                                            QString* error) {
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption out(QStringList{QStringLiteral("o"), QStringLiteral("out")}, QString(),
                                 QStringLiteral("FILE"));
    const QCommandLineOption csv(QStringLiteral("csv"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption vllm(QStringLiteral("vllm-json"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption vllmDir(QStringLiteral("vllm-dir"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption offset(QStringLiteral("clock-offset"), QString(),
                                    QStringLiteral("I=MS"));
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({help, out, csv, vllm, vllmDir, offset});
    if (!parser.parse(QStringList{QStringLiteral("plateau-cli merge")} + args)) {
        *error = parser.errorText() + QStringLiteral(" (see plateau-cli merge --help)");
        return std::nullopt;
    }
    Invocation inv;
    if (parser.isSet(help)) {
        inv.help = true;
        return inv;
    }
    inv.files = parser.positionalArguments();
    if (inv.files.isEmpty() || inv.files.size() > kMaxFiles) {
        *error = QStringLiteral("merge needs every shard's results or journal (1 to %1 files): "
                                "plateau-cli merge SHARD0.json SHARD1.json... --out merged.json")
                     .arg(kMaxFiles);
        return std::nullopt;
    }
    for (const QString& value : parser.values(offset)) {
        if (!parseOffset(value, &inv.clockOverridesMs, error))
            return std::nullopt;
    }
    inv.outputs.outPath = parser.value(out);
    inv.outputs.csvPath = parser.value(csv);
    inv.outputs.vllmJsonPath = parser.value(vllm);
    inv.outputs.vllmDirPath = parser.value(vllmDir);
    if (inv.outputs.outPath.isEmpty()) {
        *error = QStringLiteral("merge needs --out FILE (the merged results; - for standard "
                                "output)");
        return std::nullopt;
    }
    return inv;
}

int MergeCommand::exec(const Invocation& inv) {
    QString error;
    if (!ResultWriter::checkTargets(inv.outputs, &error)) {
        Console::error(error);
        return ExitCode::Usage;
    }
    QList<ShardMerger::Input> inputs;
    for (const QString& path : inv.files) {
        QString note;
        std::optional<RunResult> result = load(path, &error, &note);
        if (!result) {
            Console::error(error);
            return ExitCode::Usage;
        }
        if (!note.isEmpty())
            Console::err(QStringLiteral("note: %1\n").arg(note.simplified()));
        inputs.append({std::move(*result), path});
    }
    QStringList warnings;
    const std::optional<RunResult> merged =
        ShardMerger::merge(inputs, inv.clockOverridesMs, &warnings, &error);
    for (const QString& warning : std::as_const(warnings))
        Console::err(QStringLiteral("warning: %1\n").arg(warning));
    if (!merged) {
        Console::error(error);
        return ExitCode::Usage;
    }
    Console::err(QStringLiteral("Merged %1 shards: %2 requests in %3 levels.\n")
                     .arg(merged->shard.shards.size())
                     .arg(NumberFormat::count(double(merged->records.size())))
                     .arg(merged->levels.size()));
    for (const MergedShard& shard : merged->shard.shards)
        Console::err(QStringLiteral("  shard %1: clock offset %2 ms +- %3 ms (%4)\n")
                         .arg(shard.index)
                         .arg(shard.clock.offsetMs, 0, 'f', 1)
                         .arg(shard.clock.uncertaintyMs, 0, 'f', 1)
                         .arg(shard.clock.source));
    return ResultWriter::writeAndReport(*merged, inv.outputs) ? ExitCode::Ok : ExitCode::Failure;
}

int MergeCommand::main(const QStringList& args) {
    QString error;
    const auto inv = parse(args, &error);
    if (!inv) {
        Console::error(error);
        return ExitCode::Usage;
    }
    if (inv->help) {
        Console::out(helpText());
        return ExitCode::Ok;
    }
    return exec(*inv);
}

QString MergeCommand::helpText() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli merge SHARD... --out FILE [options]

One result from every shard of a sharded run (plateau-cli run --shard I/N): give each
shard's results file or journal (a journal's first line says which). Every level is
aggregated again from all shards' requests: exact percentiles over the union, throughput
over the common steady window (the shards' windows intersected once their clocks are put
on the endpoint's), in-flight counts summed. Each shard's own figures (client_bound,
errors) are kept under "shard": {"shards": [...]}. Refused: files from different plans,
a missing shard or level; the same shard given twice counts once (a warning).

Options:
  -o, --out FILE         the merged results (plateau.results/1; - for standard output)
  --csv FILE             every request of every shard as CSV
  --vllm-json FILE       vLLM bench-serve JSON (one object per level)
  --vllm-dir DIR         one vLLM bench-serve file per level
  --clock-offset I=MS    shard I's clock is MS ms behind the endpoint's (instead of
                         its own estimate); repeatable
  -h, --help             this text

Example:
  plateau-cli merge shard-0.json shard-1.journal.jsonl --out merged.json
)TXT");
}
