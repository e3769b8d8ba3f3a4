#include "cli/endpointextraflags.h"

#include "common/terminalsafe.h"
#include "profile/apikeyresolver.h"
#include "profile/pricejson.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <cmath>

namespace {
bool readFile(const QCommandLineParser& parser, const QCommandLineOption& option, QString* out,
              QString* error) {
    if (!parser.isSet(option))
        return true;
    const QString path = parser.value(option);
    const QFileInfo info(path);
    if (!info.exists() || info.isDir()) {
        *error = QStringLiteral("--%1: %2: %3")
                     .arg(option.names().constFirst(), TerminalSafe::escape(path),
                          info.isDir() ? QStringLiteral("is a directory")
                                       : QStringLiteral("no such file"));
        return false;
    }
    *out = path;
    return true;
}

bool number(const QString& flag, const QString& text, double max, double* out, QString* error) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > max) {
        *error = QStringLiteral("--%1: \"%2\" must be a number between 0 and %3")
                     .arg(flag, TerminalSafe::escape(text.trimmed()))
                     .arg(max, 0, 'f', 0);
        return false;
    }
    *out = value;
    return true;
}
} // namespace

bool EndpointExtraFlags::apply(const QCommandLineParser& parser, const RunFlags& flags,
                               EndpointConfig* endpoint, QString* error) {
    return applyTls(parser, flags, endpoint, error) && applyPrice(parser, flags, endpoint, error);
}

bool EndpointExtraFlags::applyTls(const QCommandLineParser& p, const RunFlags& f,
                                  EndpointConfig* endpoint, QString* error) {
    if (!readFile(p, f.caCert, &endpoint->caCertFile, error) ||
        !readFile(p, f.clientCert, &endpoint->clientCertFile, error) ||
        !readFile(p, f.clientKey, &endpoint->clientKeyFile, error))
        return false;
    if (p.isSet(f.clientKeyPassphraseEnv)) {
        const QString var = p.value(f.clientKeyPassphraseEnv).trimmed();
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (!name.match(var).hasMatch()) {
            // Never echoed: it may be the passphrase itself, pasted by mistake.
            *error = QStringLiteral("--client-key-passphrase-env: expects the NAME of an "
                                    "environment variable holding the passphrase, not the "
                                    "passphrase itself");
            return false;
        }
        endpoint->clientKeyPassphraseRef = ApiKeyResolver::envReference(var);
    }
    if (endpoint->clientCertFile.isEmpty() != endpoint->clientKeyFile.isEmpty()) {
        *error = QStringLiteral("--client-cert and --client-key go together (mutual TLS needs "
                                "the certificate and its key)");
        return false;
    }
    return true;
}

bool EndpointExtraFlags::applyPrice(const QCommandLineParser& p, const RunFlags& f,
                                    EndpointConfig* endpoint, QString* error) {
    if (p.isSet(f.pricePerHour) && p.isSet(f.pricePerMtok)) {
        *error = QStringLiteral("--price-per-hour and --price-per-mtok: an endpoint is priced "
                                "per hour or per token, not both");
        return false;
    }
    EndpointPrice price = endpoint->price;
    if (p.isSet(f.pricePerHour)) {
        price = EndpointPrice{};
        if (!number(QStringLiteral("price-per-hour"), p.value(f.pricePerHour),
                    EndpointPrice::kMaxPerHour, &price.perHour, error))
            return false;
    }
    if (p.isSet(f.pricePerMtok)) {
        price = EndpointPrice{};
        const QStringList parts = p.value(f.pricePerMtok).split(u',');
        if (parts.size() != 2) {
            *error = QStringLiteral("--price-per-mtok: expects IN,OUT, the prices per million "
                                    "input and output tokens, e.g. 0.50,1.50");
            return false;
        }
        const QString flag = QStringLiteral("price-per-mtok");
        if (!number(flag, parts.at(0), EndpointPrice::kMaxPerMtok, &price.inputPerMtok, error) ||
            !number(flag, parts.at(1), EndpointPrice::kMaxPerMtok, &price.outputPerMtok, error))
            return false;
    }
    if (p.isSet(f.currency)) {
        price.currency = p.value(f.currency).trimmed().toUpper();
        const QString why = PriceJson::currencyProblem(price.currency);
        if (!why.isEmpty()) {
            *error = QStringLiteral("--currency: ") + why;
            return false;
        }
    }
    endpoint->price = price;
    return true;
}
