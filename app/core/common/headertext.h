#pragma once

#include <QByteArrayView>
#include <QString>

// What may go into an HTTP header line. A CR or LF in a name or value would end the line
// and start another header (header injection); NUL and the other control characters are
// refused by servers or mangled by proxies. Checked where headers enter (profile and -H
// validation, the API key) and again where they are written (both transports).
namespace HeaderText {
// RFC 9110 token: what a header name is made of.
bool isValidName(QStringView name);
// No control character other than a tab (RFC 9110 field-value).
bool isValidValue(QStringView value);
bool isValidValue(QByteArrayView value);
// "a line break (LF)" / "a carriage return (CR)" / "a NUL byte" / "a control character";
// empty when the value is valid. Never quotes the value: it may be a secret.
QString valueProblem(QStringView value);
} // namespace HeaderText
