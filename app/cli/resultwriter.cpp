#include "cli/resultwriter.h"

#include "cli/console.h"
#include "cli/summarytable.h"
#include "common/outputfile.h"
#include "common/secretmasker.h"
#include "results/csvexporter.h"
#include "results/resultsjson.h"
#include "results/vllmexporter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace {
// Writes a file's content to an open descriptor; false with errno set.
using Writer = bool (*)(const RunResult&, int fd);

struct OutputSlot {
    const char* flag;
    QString label;
    QString path;
    Writer write;
};

// The results file and the CSV go out piece by piece: a long run's are hundreds of MB
// (issue 17).
bool writeResults(const RunResult& result, int fd) {
    return ResultsJson::writeTo(
        result, [fd](const QByteArray& piece) { return OutputFile::writeAll(fd, piece); });
}

bool writeCsv(const RunResult& result, int fd) {
    return CsvExporter::writeTo(
        result, [fd](const QByteArray& piece) { return OutputFile::writeAll(fd, piece); });
}

bool writeVllmJson(const RunResult& result, int fd) {
    return OutputFile::writeAll(fd, VllmExporter::toBytes(result));
}

QList<OutputSlot> fileSlots(const RunOutputs& outputs) {
    return {
        {"--out", QStringLiteral("results"), outputs.outPath, &writeResults},
        {"--csv", QStringLiteral("requests CSV"), outputs.csvPath, &writeCsv},
        {"--vllm-json", QStringLiteral("vLLM-style JSON"), outputs.vllmJsonPath, &writeVllmJson},
    };
}

QString shown(const QString& path) {
    return OutputFile::isStandardOutput(path) ? QStringLiteral("standard output") : path;
}

// vLLM `bench serve --save-result` writes one flat JSON object per run; scripts built on
// it read such files one by one. A sweep is one run per level, so one file per level.
bool writeVllmDir(const RunResult& result, const QString& dirPath, QStringList* written,
                  QStringList* errors) {
    if (!QDir().mkpath(dirPath)) {
        errors->append(QStringLiteral("cannot create the vLLM result directory %1%2")
                           .arg(dirPath, QFileInfo(dirPath).exists()
                                             ? QStringLiteral(": it exists and is not a directory")
                                             : QString()));
        return false;
    }
    const QDir dir(dirPath);
    bool ok = true;
    int count = 0;
    for (int i = 0; i < result.summary.levels.size(); ++i) {
        const QString path =
            dir.filePath(ResultWriter::vllmLevelFileName(result.summary.levels.at(i)));
        QString error;
        const QByteArray bytes =
            QJsonDocument(VllmExporter::levelToJson(result, i)).toJson(QJsonDocument::Indented);
        if (OutputFile::write(path, bytes, &error)) {
            ++count;
        } else {
            ok = false;
            errors->append(QStringLiteral("vLLM result not written: %1").arg(error));
        }
    }
    written->append(
        QStringLiteral("vLLM results (%1 files, one per level): %2").arg(count).arg(dirPath));
    return ok;
}
} // namespace

QString ResultWriter::vllmLevelFileName(const LevelSummary& level) {
    if (!level.isRate)
        return QStringLiteral("c%1.json").arg(level.concurrency);
    QString name = QString::number(level.rate) + QStringLiteral("rps");
    if (level.concurrency > 0)
        name += QStringLiteral("-cap%1").arg(level.concurrency);
    return name + QStringLiteral(".json");
}

bool ResultWriter::usesStandardOutput(const RunOutputs& outputs) {
    for (const OutputSlot& slot : fileSlots(outputs)) {
        if (OutputFile::isStandardOutput(slot.path))
            return true;
    }
    return false;
}

bool ResultWriter::checkTargets(const RunOutputs& outputs, QString* error) {
    QStringList onStdout;
    for (const OutputSlot& slot : fileSlots(outputs)) {
        if (slot.path.isEmpty())
            continue;
        const QString flag = QLatin1String(slot.flag);
        if (OutputFile::isStandardOutput(slot.path)) {
            onStdout << flag;
            continue;
        }
        QString target;
        QString reason;
        if (!OutputFile::checkTarget(slot.path, &target, &reason)) {
            *error = QStringLiteral("%1 %2: %3").arg(flag, slot.path, reason);
            return false;
        }
    }
    if (onStdout.size() > 1) {
        *error =
            QStringLiteral("%1 all ask for standard output (\"-\"); only one file can go there")
                .arg(onStdout.join(QStringLiteral(", ")));
        return false;
    }
    if (OutputFile::isStandardOutput(outputs.journalPath)) {
        *error = QStringLiteral("--journal cannot be \"-\": the journal is a file that must "
                                "survive a crash");
        return false;
    }
    if (OutputFile::isStandardOutput(outputs.vllmDirPath)) {
        *error = QStringLiteral("--vllm-dir cannot be \"-\": it names a directory");
        return false;
    }
    QString target;
    QString reason;
    if (!outputs.journalPath.isEmpty() &&
        !OutputFile::checkTarget(outputs.journalPath, &target, &reason)) {
        *error = QStringLiteral("--journal %1: %2").arg(outputs.journalPath, reason);
        return false;
    }
    const QFileInfo dir(outputs.vllmDirPath);
    if (!outputs.vllmDirPath.isEmpty() && dir.exists() && !dir.isDir()) {
        *error =
            QStringLiteral("--vllm-dir %1: exists and is not a directory").arg(outputs.vllmDirPath);
        return false;
    }
    return true;
}

bool ResultWriter::write(const RunResult& result, const RunOutputs& outputs, QStringList* written,
                         QStringList* errors) {
    bool ok = true;
    for (const OutputSlot& slot : fileSlots(outputs)) {
        if (slot.path.isEmpty())
            continue;
        QString error;
        const Writer writer = slot.write;
        if (OutputFile::writeWith(
                slot.path, [&result, writer](int fd) { return writer(result, fd); }, &error,
                OutputFile::StandardOutput::Allowed)) {
            written->append(QStringLiteral("%1: %2").arg(slot.label, shown(slot.path)));
        } else {
            ok = false;
            errors->append(QStringLiteral("%1 not written: %2").arg(slot.label, error));
        }
    }
    if (!outputs.vllmDirPath.isEmpty())
        ok = writeVllmDir(result, outputs.vllmDirPath, written, errors) && ok;
    return ok;
}

void ResultWriter::report(const RunResult& result, const RunOutputs& outputs,
                          const QStringList& written, const QStringList& errors) {
    // With a file on standard output ("--out -"), everything else goes to stderr.
    const auto print = usesStandardOutput(outputs) ? &Console::err : &Console::out;
    print(SummaryTable::render(result));
    for (const QString& line : written)
        print(QStringLiteral("Wrote %1\n").arg(line));
    for (const QString& line : errors)
        Console::error(SecretMasker::mask(line));
}

bool ResultWriter::writeAndReport(const RunResult& result, const RunOutputs& outputs) {
    QStringList written;
    QStringList errors;
    const bool ok = write(result, outputs, &written, &errors);
    report(result, outputs, written, errors);
    return ok;
}
