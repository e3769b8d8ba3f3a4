#include "cli/comparecommand.h"

#include "cli/comparereport.h"
#include "cli/console.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "results/resultsjson.h"

#include <optional>

namespace {
struct CompareArgs {
    QStringList files;
    QString format = QStringLiteral("text");
    QList<GateExpression> gates;
};

const QStringList kFormats = {QStringLiteral("text"), QStringLiteral("json"),
                              QStringLiteral("junit"), QStringLiteral("markdown")};

// "--name value" or "--name=value"; advances i past what it used.
std::optional<QString> optionValue(const QStringList& args, qsizetype& i, const QString& name,
                                   QString* error) {
    const QString& arg = args.at(i);
    if (arg.startsWith(name + QLatin1Char('=')))
        return arg.mid(name.size() + 1);
    if (i + 1 >= args.size()) {
        *error = QStringLiteral("%1 needs a value").arg(name);
        return std::nullopt;
    }
    return args.at(++i);
}

bool isOption(const QString& arg, const QString& name) {
    return arg == name || arg.startsWith(name + QLatin1Char('='));
}

std::optional<CompareArgs> parse(const QStringList& args, QString* error) {
    CompareArgs parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (isOption(arg, QStringLiteral("--format"))) {
            const auto v = optionValue(args, i, QStringLiteral("--format"), error);
            if (!v)
                return std::nullopt;
            if (!kFormats.contains(*v)) {
                *error = QStringLiteral("--format must be one of %1, not \"%2\"")
                             .arg(kFormats.join(QStringLiteral(", ")), v->left(40));
                return std::nullopt;
            }
            parsed.format = *v;
        } else if (isOption(arg, QStringLiteral("--fail-if"))) {
            const auto v = optionValue(args, i, QStringLiteral("--fail-if"), error);
            if (!v)
                return std::nullopt;
            if (parsed.gates.size() >= CompareCommand::kMaxConditions) {
                *error = QStringLiteral("at most %1 --fail-if conditions")
                             .arg(CompareCommand::kMaxConditions);
                return std::nullopt;
            }
            const auto gate = GateExpression::parse(*v, RunComparison::figureNames(), true, error);
            if (!gate)
                return std::nullopt;
            parsed.gates.append(*gate);
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            *error = QStringLiteral("unknown option \"%1\" (plateau-cli help compare)")
                         .arg(arg.left(60));
            return std::nullopt;
        } else {
            parsed.files.append(arg);
        }
    }
    if (parsed.files.size() != 2) {
        *error = QStringLiteral("compare needs exactly two results files (plateau-cli compare "
                                "BASE.json NEW.json)");
        return std::nullopt;
    }
    return parsed;
}
} // namespace

int CompareCommand::exec(const QStringList& args) {
    if (args.contains(QLatin1String("-h")) || args.contains(QLatin1String("--help"))) {
        Console::out(HelpText::compare());
        return ExitCode::Ok;
    }
    QString error;
    const std::optional<CompareArgs> parsed = parse(args, &error);
    if (!parsed) {
        Console::error(error);
        return ExitCode::Usage;
    }
    std::optional<RunResult> runs[2];
    for (int k = 0; k < 2; ++k) {
        runs[k] = ResultsJson::load(parsed->files.at(k), &error);
        if (!runs[k]) {
            Console::error(QStringLiteral("%1: %2").arg(parsed->files.at(k), error));
            return ExitCode::Usage;
        }
    }
    CompareReport report;
    report.basePath = parsed->files.at(0);
    report.candidatePath = parsed->files.at(1);
    report.rows = RunComparison::compare(*runs[0], *runs[1]);
    report.unmatched = RunComparison::unmatchedLevels(*runs[0], *runs[1]);
    for (const GateExpression& gate : parsed->gates)
        report.gates.append(CompareReport::evaluate(gate, report.rows));

    if (parsed->format == QLatin1String("json"))
        Console::out(report.json());
    else if (parsed->format == QLatin1String("junit"))
        Console::out(report.junit());
    else if (parsed->format == QLatin1String("markdown"))
        Console::out(report.markdown());
    else
        Console::out(report.text());
    return report.anyGateFailed() ? ExitCode::Regression : ExitCode::Ok;
}
