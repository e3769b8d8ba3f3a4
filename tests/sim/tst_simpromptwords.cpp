// SimPromptWords: the one word-counting rule, and the chained block hashes the prefix cache
// keys on: equal leading words give equal blocks, any earlier difference changes every
// block after it.
#include "sim/simpromptwords.h"

#include <QTest>

namespace {
QString numbered(const char* stem, int from, int count) {
    QStringList words;
    for (int i = from; i < from + count; ++i)
        words.append(QLatin1String(stem) + QString::number(i));
    return words.join(QLatin1Char(' '));
}

SimPromptWords hashed(const QStringList& texts, int blockWords = 4) {
    SimPromptWords words(blockWords);
    for (const QString& text : texts)
        words.addText(text);
    return words;
}
} // namespace

class TestSimPromptWords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsWordsAcrossTexts();
    void onlyFullBlocksGetAHash();
    void equalHeadsGiveEqualBlocks();
    void aBlockDependsOnEveryBlockBeforeIt();
    void wordBoundariesMatterNotSpacing();
    void outputWordsHashLikeTheirText();
    void tokenIdsAreWordsOfTheirOwn();
    void countingAloneHashesNothing();
};

void TestSimPromptWords::countsWordsAcrossTexts() {
    SimPromptWords words;
    words.addText(u"be brief");
    words.addText(u"  one\ttwo\nthree ");
    words.addText(QStringView());
    words.addText(u"héllo wörld ✓");
    QCOMPARE(words.words(), 8);
    QCOMPARE(SimPromptWords::count(u" a  b\tc\nd "), 4);
    QCOMPARE(SimPromptWords::count(u"   "), 0);
}

void TestSimPromptWords::onlyFullBlocksGetAHash() {
    const SimPromptWords words = hashed({numbered("w", 0, 11)});
    QCOMPARE(words.words(), 11);
    QCOMPARE(words.blocks().size(), size_t(2)); // 8 of 11 words in full blocks of 4
}

void TestSimPromptWords::equalHeadsGiveEqualBlocks() {
    // The same first 8 words, then different ones: two shared blocks, the third differs.
    const SimPromptWords a = hashed({numbered("s", 0, 8), numbered("a", 0, 5)});
    const SimPromptWords b = hashed({numbered("s", 0, 8), numbered("b", 0, 5)});
    QCOMPARE(a.blocks().size(), size_t(3));
    QCOMPARE(b.blocks().size(), size_t(3));
    QCOMPARE(a.blocks()[0], b.blocks()[0]);
    QCOMPARE(a.blocks()[1], b.blocks()[1]);
    QVERIFY(a.blocks()[2] != b.blocks()[2]);
    QVERIFY(a.blocks()[0] != a.blocks()[1]);
}

void TestSimPromptWords::aBlockDependsOnEveryBlockBeforeIt() {
    // Word 0 differs; blocks 1 and 2 hold the same words in both: still every hash differs,
    // as a block's KV is only valid after the same tokens.
    const SimPromptWords a = hashed({QStringLiteral("x ") + numbered("w", 1, 11)});
    const SimPromptWords b = hashed({QStringLiteral("y ") + numbered("w", 1, 11)});
    QCOMPARE(a.blocks().size(), size_t(3));
    for (size_t i = 0; i < a.blocks().size(); ++i)
        QVERIFY(a.blocks()[i] != b.blocks()[i]);
    // The order of words within a block counts too.
    QVERIFY(hashed({QStringLiteral("a b c d")}).blocks() !=
            hashed({QStringLiteral("b a c d")}).blocks());
}

void TestSimPromptWords::wordBoundariesMatterNotSpacing() {
    // Messages split on a word boundary read like one text; spacing is not a word.
    QCOMPARE(hashed({QStringLiteral("a b"), QStringLiteral("c d")}).blocks(),
             hashed({QStringLiteral(" a  b\nc\td ")}).blocks());
    QCOMPARE(hashed({QStringLiteral("ab"), QStringLiteral("cd e f")}).blocks(),
             hashed({QStringLiteral("ab cd e f")}).blocks());
    QVERIFY(hashed({QStringLiteral("ab c d e")}).blocks() !=
            hashed({QStringLiteral("a bc d e")}).blocks());
}

void TestSimPromptWords::outputWordsHashLikeTheirText() {
    // The simulator hashes its own answer (Latin-1 " word" pieces) when it caches it; a
    // client sends the same words back as UTF-16 history: the blocks must be the same.
    SimPromptWords answer(4);
    for (const char* piece :
         {" the", " model", " answers", " with", " tokens", " at", " a", " steady"})
        answer.addText(QByteArrayView(piece));
    const SimPromptWords history =
        hashed({QStringLiteral("the model answers with tokens at a steady")});
    QCOMPARE(answer.words(), 8);
    QCOMPARE(answer.blocks(), history.blocks());
}

void TestSimPromptWords::tokenIdsAreWordsOfTheirOwn() {
    SimPromptWords ids(2);
    ids.addTokenId(1);
    ids.addTokenId(2);
    QCOMPARE(ids.words(), 2);
    QCOMPARE(ids.blocks().size(), size_t(1));
    QVERIFY(ids.blocks() != hashed({QStringLiteral("1 2")}, 2).blocks());
}

void TestSimPromptWords::countingAloneHashesNothing() {
    SimPromptWords words; // block size 0: the count only (the cache is off)
    words.addText(numbered("w", 0, 100));
    QCOMPARE(words.words(), 100);
    QVERIFY(words.blocks().empty());
}

QTEST_GUILESS_MAIN(TestSimPromptWords)
#include "tst_simpromptwords.moc"
