#pragma once

#include "profile/endpointconfig.h"
#include "protocol/promptgenerator.h"

#include <QSslConfiguration>
#include <QString>
#include <memory>

// What every request of a run shares, immutable once built: the endpoint as actually
// used (the simulator's loopback URL for sim:), the resolved key, the prompts.
// Jobs hold it by shared_ptr so network threads read it without locks.
struct RunContext {
    EndpointConfig endpoint;
    QString apiKey; // resolved secret (registered with SecretMasker), empty for none
    // TlsConfigBuilder's, built once when the run starts; null: Qt's defaults (a context
    // built without one, as some tests do).
    QSslConfiguration tls;
    int maxTokens = 128;
    int batchSize = 1; // openai-embeddings: inputs per request (profile prompts.batch_size)
    std::shared_ptr<const PromptGenerator> prompts;
};
