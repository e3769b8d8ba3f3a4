#include "resultwriter.h"

#include "atomicfile.h"
#include "csvexporter.h"
#include "resultsjson.h"
#include "vllmexporter.h"

#include <QDir>
#include <QJsonDocument>
#include <functional>

namespace {
// vLLM `bench serve --save-result` writes one flat JSON object per run; scripts built on
// it read such files one by one. A sweep is one run per level, so one file per level.
bool writeVllmDir(const RunResult& result, const QString& dirPath, QStringList* written,
                  QStringList* errors) {
    if (!QDir().mkpath(dirPath)) {
        errors->append(QStringLiteral("cannot create the vLLM result directory %1").arg(dirPath));
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
        if (AtomicFile::write(path, bytes, &error)) {
            ++count;
        } else {
            ok = false;
            errors->append(QStringLiteral("cannot write vLLM result %1: %2").arg(path, error));
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

bool ResultWriter::write(const RunResult& result, const RunOutputs& outputs, QStringList* written,
                         QStringList* errors) {
    using Saver = std::function<bool(const RunResult&, const QString&, QString*)>;
    const struct {
        QString label;
        QString path;
        Saver save;
    } files[] = {
        {QStringLiteral("results"), outputs.outPath, &ResultsJson::save},
        {QStringLiteral("requests CSV"), outputs.csvPath, &CsvExporter::save},
        {QStringLiteral("vLLM-style JSON"), outputs.vllmJsonPath, &VllmExporter::save},
    };
    bool ok = true;
    for (const auto& file : files) {
        if (file.path.isEmpty())
            continue;
        QString error;
        if (file.save(result, file.path, &error)) {
            written->append(QStringLiteral("%1: %2").arg(file.label, file.path));
        } else {
            ok = false;
            errors->append(
                QStringLiteral("cannot write %1 %2: %3").arg(file.label, file.path, error));
        }
    }
    if (!outputs.vllmDirPath.isEmpty())
        ok = writeVllmDir(result, outputs.vllmDirPath, written, errors) && ok;
    return ok;
}
