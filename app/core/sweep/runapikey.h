#pragma once

#include "profile/endpointconfig.h"

#include <QString>

// The API key a run sends: the one given directly (the GUI's keychain) or the endpoint's
// reference resolved (environment variable). Registered with the secret masker either way,
// checked for what a header cannot carry.
class RunApiKey {
public:
    // false with a one-line *error (already masked), to be shown after "API key: ".
    static bool resolve(const EndpointConfig& endpoint, bool hasApiKey, const QString& given,
                        QString* apiKey, QString* error);
};
