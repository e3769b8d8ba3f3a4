// libFuzzer target for the journal reader: arbitrary bytes -> JournalReader::parse, the
// code `plateau-cli recover` runs on whatever file it is given (a torn, repeated, edited
// or hostile journal). Must never crash, hang or trip ASan/UBSan; a refusal is one line
// naming the journal; what it accepts must survive being written as results.
#include "results/journalreader.h"
#include "results/resultsjson.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString name = QStringLiteral("fuzz.jsonl");
    QString error;
    QString warning;
    const std::optional<RunResult> result = JournalReader::parse(bytes, name, &error, &warning);
    if (!result) {
        if (!error.startsWith(name + QStringLiteral(": ")) || error.contains(QLatin1Char('\n')))
            std::abort(); // every refusal is one line naming the journal
        return 0;
    }
    if (ResultsJson::toBytes(*result).isEmpty())
        std::abort();
    return 0;
}
