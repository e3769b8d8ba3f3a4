// libFuzzer target for the streaming results reader (issue 17): arbitrary bytes ->
// ResultsJsonReader::parse, what `plateau-cli compare`/`merge` and the GUI's File > Open run on
// whatever file they are given. Must never crash, hang or trip ASan/UBSan; a refusal is one
// line; what it accepts reads as the QJsonDocument reader reads it and can be written again.
#include "results/resultsjson.h"
#include "results/resultsjsonreader.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<RunResult> result = ResultsJsonReader::parse(bytes, &error);
    if (!result) {
        if (error.isEmpty() || error.contains(QLatin1Char('\n')))
            std::abort(); // every refusal is one line
        return 0;
    }
    // Accepted: QJsonDocument's reader, which it replaced, gives the same run.
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        QString qtError;
        const std::optional<RunResult> qt = ResultsJson::fromJson(document.object(), &qtError);
        if (!qt || ResultsJson::toJson(*qt) != ResultsJson::toJson(*result))
            std::abort();
    }
    if (ResultsJson::toBytes(*result).isEmpty())
        std::abort();
    return 0;
}
