#include "sim/simpromptwords.h"

#include <QChar>
#include <bit>

namespace {
constexpr quint64 kFnvOffset = 0xCBF29CE484222325ULL;

// SplitMix64's finaliser: every input bit moves every output bit, so chaining through it
// makes a block's hash depend on each word before it and on their order.
quint64 scramble(quint64 z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

bool isSpace(QChar c) {
    return c.isSpace();
}
bool isSpace(char c) {
    return QChar::fromLatin1(c).isSpace();
}
char16_t unit(QChar c) {
    return c.unicode();
}
char16_t unit(char c) {
    return char16_t(uchar(c)); // Latin-1 is the first 256 code points: the same units as UTF-16
}
} // namespace

template <typename Text> void SimPromptWords::addChars(const Text& text) {
    for (const auto c : text) {
        if (isSpace(c)) {
            if (m_inWord)
                endWord();
            continue;
        }
        if (!m_inWord)
            startWord();
        if (m_blockWords > 0)
            mix(unit(c));
    }
    if (m_inWord)
        endWord(); // a text's end ends its last word: words never span two messages
}

void SimPromptWords::addText(QStringView text) {
    addChars(text);
}

void SimPromptWords::addText(QByteArrayView latin1) {
    addChars(latin1);
}

void SimPromptWords::addTokenId(double id) {
    startWord();
    if (m_blockWords > 0) {
        mix(0x10000); // outside UTF-16: a token id never hashes like a word of text
        mix(std::bit_cast<quint64>(id)); // JSON gives a double: its bits, never a cast
    }
    endWord();
}

void SimPromptWords::startWord() {
    ++m_words;
    m_inWord = true;
    m_wordHash = kFnvOffset;
}

void SimPromptWords::endWord() {
    m_inWord = false;
    if (m_blockWords == 0)
        return;
    m_blockHash = scramble(m_blockHash ^ m_wordHash);
    if (++m_blockFill < m_blockWords)
        return;
    const quint64 parent = m_blocks.empty() ? 0 : m_blocks.back();
    m_blocks.push_back(scramble(parent ^ scramble(m_blockHash)));
    m_blockHash = 0;
    m_blockFill = 0;
}
