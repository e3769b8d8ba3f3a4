#include "protocol/apiflavor.h"

#include "protocol/anthropicflavor.h"
#include "protocol/azureopenaiflavor.h"
#include "protocol/databricksflavor.h"
#include "protocol/ollamaflavor.h"
#include "protocol/openaichatflavor.h"
#include "protocol/openaicompletionsflavor.h"
#include "protocol/openaiembeddingsflavor.h"
#include "protocol/openairesponsesflavor.h"
#include "protocol/tgiflavor.h"

std::unique_ptr<ApiFlavor> ApiFlavor::create(const QString& id) {
    if (id == OpenAiChatFlavor::staticId())
        return std::make_unique<OpenAiChatFlavor>();
    if (id == OpenAiCompletionsFlavor::staticId())
        return std::make_unique<OpenAiCompletionsFlavor>();
    if (id == DatabricksFlavor::staticId())
        return std::make_unique<DatabricksFlavor>();
    if (id == AzureOpenAiFlavor::staticId())
        return std::make_unique<AzureOpenAiFlavor>();
    if (id == AnthropicFlavor::staticId())
        return std::make_unique<AnthropicFlavor>();
    if (id == OpenAiResponsesFlavor::staticId())
        return std::make_unique<OpenAiResponsesFlavor>();
    if (id == TgiFlavor::staticId())
        return std::make_unique<TgiFlavor>();
    if (id == OllamaFlavor::staticId())
        return std::make_unique<OllamaFlavor>();
    if (id == OpenAiEmbeddingsFlavor::staticId())
        return std::make_unique<OpenAiEmbeddingsFlavor>();
    return nullptr;
}

QStringList ApiFlavor::ids() {
    return {OpenAiChatFlavor::staticId(),
            OpenAiCompletionsFlavor::staticId(),
            DatabricksFlavor::staticId(),
            AzureOpenAiFlavor::staticId(),
            AnthropicFlavor::staticId(),
            OpenAiResponsesFlavor::staticId(),
            TgiFlavor::staticId(),
            OllamaFlavor::staticId(),
            OpenAiEmbeddingsFlavor::staticId()};
}
