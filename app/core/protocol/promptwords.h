#pragma once

#include <QLatin1String>

// The embedded vocabulary synthetic prompts are drawn from.
namespace PromptWords {
qsizetype count();
QLatin1String at(qsizetype index); // 0 <= index < count()
} // namespace PromptWords
