#include "resultwriter.h"

#include "csvexporter.h"
#include "resultsjson.h"
#include "vllmexporter.h"

#include <functional>

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
    return ok;
}
