#pragma once

#include <QString>

// Random words from the synthetic-prompt vocabulary (PromptWords), one reproducible stream
// per seed. Unlike PromptGenerator's prompts it adds no closing instruction, so any prefix
// of a block is the same words: shared-prefix groups and a trace's hash blocks are made of
// these.
class SyntheticText {
public:
    // `count` words (none when count <= 0) separated by single spaces.
    static QString words(quint64 streamSeed, int count);
};
