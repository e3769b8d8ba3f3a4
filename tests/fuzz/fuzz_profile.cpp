// libFuzzer target for the profile loader: arbitrary bytes -> QJsonDocument ->
// ProfileIo::fromJson. Must never crash, hang or trip ASan/UBSan; a profile it accepts
// must survive a write/read round trip unchanged and pass the validator without crashing.
#include "profile/profileio.h"
#include "profile/profilevalidator.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    QString error;
    const std::optional<Profile> profile = ProfileIo::fromJson(document.object(), &error);
    if (!profile) {
        if (error.isEmpty() || error.contains(QLatin1Char('\n')))
            std::abort(); // every refusal is a one-line message
        return 0;
    }
    (void)ProfileValidator::validate(*profile);
    const std::optional<Profile> again = ProfileIo::fromJson(ProfileIo::toJson(*profile), &error);
    if (!again || !(*again == *profile))
        std::abort(); // what we accept, we must write back identically
    return 0;
}
