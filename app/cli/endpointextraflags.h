#pragma once

#include "cli/runflags.h"
#include "profile/endpointconfig.h"

#include <QCommandLineParser>
#include <QString>

// The enterprise TLS and price flags of `plateau-cli run` (issue 14), applied on top of the
// profile's endpoint:
//   --ca-cert FILE                 PEM CAs trusted for this endpoint beside the system's
//   --client-cert FILE --client-key FILE
//                                  mutual TLS: the client certificate and its key (PEM)
//   --client-key-passphrase-env VAR
//                                  the encrypted key's passphrase, from that variable
//   --price-per-hour X             provisioned price per hour (0-1000000)
//   --price-per-mtok IN,OUT        pay-per-token price per million input, output tokens
//   --currency CODE                ISO 4217 code of the price (default USD)
// Errors are one line naming the flag; a file is checked to exist (its content is read,
// capped, when the run starts).
class EndpointExtraFlags {
public:
    static bool apply(const QCommandLineParser& parser, const RunFlags& flags,
                      EndpointConfig* endpoint, QString* error);

private:
    static bool applyTls(const QCommandLineParser& parser, const RunFlags& flags,
                         EndpointConfig* endpoint, QString* error);
    static bool applyPrice(const QCommandLineParser& parser, const RunFlags& flags,
                           EndpointConfig* endpoint, QString* error);
};
