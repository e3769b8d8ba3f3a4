#include "sweep/runapikey.h"

#include "common/secretmasker.h"
#include "profile/apikeyresolver.h"

bool RunApiKey::resolve(const EndpointConfig& endpoint, bool hasApiKey, const QString& given,
                        QString* apiKey, QString* error) {
    *apiKey = given;
    if (!hasApiKey) {
        if (ApiKeyResolver::resolve(endpoint.apiKeyRef, apiKey, error))
            return true;
        *error = SecretMasker::mask(*error);
        return false;
    }
    if (apiKey->isEmpty())
        return true;
    SecretMasker::registerSecret(*apiKey);
    // A key from the keychain: the same one-line rule as the environment's.
    return ApiKeyResolver::checkSecret(*apiKey, QStringLiteral("the API key"), error);
}
