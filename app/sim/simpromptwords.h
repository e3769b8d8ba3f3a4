#pragma once

#include <QByteArrayView>
#include <QStringView>
#include <vector>

// The simulator's one tokenisation rule, and the prefix cache's view of a prompt.
//
// The simulator has no vocabulary: a token is a whitespace-separated word (tokens ≈ words).
// Texts are added in the order the model would read them (every chat message's content,
// system, user and assistant history alike; a completion's prompt), a text boundary always
// ending a word. With blockWords > 0 the words are also cut into blocks of blockWords words,
// each identified by a hash chained over every block before it: two prompts share block k's
// hash only when their first (k + 1) * blockWords words are equal, as vLLM's prefix cache
// keys a block by its tokens and its parent block. Only full blocks get a hash.
class SimPromptWords {
public:
    explicit SimPromptWords(int blockWords = 0)
        : m_blockWords(blockWords > 0 ? blockWords : 0) {}

    void addText(QStringView text);
    void addText(QByteArrayView latin1); // the simulator's own (ASCII) output words
    void addTokenId(double id);          // a completion prompt given as token ids: one word each

    int words() const { return m_words; }
    const std::vector<quint64>& blocks() const { return m_blocks; }

    static int count(QStringView text) {
        SimPromptWords words;
        words.addText(text);
        return words.words();
    }

private:
    template <typename Text> void addChars(const Text& text);
    void mix(quint64 unit) { m_wordHash = (m_wordHash ^ unit) * 0x100000001B3ULL; } // FNV-1a
    void startWord();
    void endWord();

    int m_blockWords;
    int m_words = 0;
    bool m_inWord = false;
    quint64 m_wordHash = 0;  // of the word being read
    quint64 m_blockHash = 0; // of the words of the block being filled
    int m_blockFill = 0;     // words in that block
    std::vector<quint64> m_blocks;
};
