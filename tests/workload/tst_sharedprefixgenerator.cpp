#include "protocol/promptgenerator.h"
#include "workload/sharedprefixgenerator.h"

#include <QSet>
#include <QTest>

#include <cmath>

namespace {
SharedPrefixOptions options(int groups, int prefixWords, double share) {
    SharedPrefixOptions o;
    o.groups = groups;
    o.prefixWords = prefixWords;
    o.reuseShare = share;
    o.suffix = LengthDistribution::uniform(20, 60);
    return o;
}
} // namespace

class TestSharedPrefixGenerator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupSharesWithinTolerance();
    void sameGroupSamePrefix();
    void lengths();
    void noSharing();
    void deterministicAndRandomAccess();
    void validation_data();
    void validation();
};

void TestSharedPrefixGenerator::groupSharesWithinTolerance() {
    const SharedPrefixGenerator generator(options(4, 10, 0.7), 1);
    constexpr int kRequests = 20000;
    QList<int> perGroup(4, 0);
    int none = 0;
    for (quint64 i = 0; i < kRequests; ++i) {
        const int group = generator.groupOf(i);
        QVERIFY(group >= -1 && group < 4);
        if (group < 0)
            ++none;
        else
            ++perGroup[group];
    }
    // 30% without a group (sd of the share ≈ 0.003); each group 17.5% (sd ≈ 0.0027).
    QVERIFY2(std::abs(none / double(kRequests) - 0.3) < 0.015, qPrintable(QString::number(none)));
    for (int count : perGroup)
        QVERIFY2(std::abs(count / double(kRequests) - 0.175) < 0.015,
                 qPrintable(QString::number(count)));
}

void TestSharedPrefixGenerator::sameGroupSamePrefix() {
    const SharedPrefixGenerator generator(options(3, 50, 1.0), 2);
    QHash<int, QString> prefixOf;
    QSet<QString> suffixes;
    for (quint64 i = 0; i < 300; ++i) {
        const WorkloadRequestSpec spec = generator.request(i);
        QCOMPARE(spec.messages.size(), 2);
        QCOMPARE(spec.messages[0].role, WorkloadMessage::Role::System);
        QVERIFY(spec.prefixGroup >= 0 && spec.prefixGroup < 3);
        QCOMPARE(spec.messages[0].content, generator.prefixText(spec.prefixGroup));
        if (prefixOf.contains(spec.prefixGroup))
            QCOMPARE(spec.messages[0].content, prefixOf[spec.prefixGroup]);
        prefixOf.insert(spec.prefixGroup, spec.messages[0].content);
        suffixes.insert(spec.messages[1].content);
    }
    QCOMPARE(prefixOf.size(), 3);
    QCOMPARE(QSet<QString>(prefixOf.begin(), prefixOf.end()).size(), 3); // groups differ
    QCOMPARE(suffixes.size(), 300); // every request's own suffix
}

void TestSharedPrefixGenerator::lengths() {
    const SharedPrefixGenerator generator(options(2, 64, 0.5), 3);
    for (quint64 i = 0; i < 200; ++i) {
        const WorkloadRequestSpec spec = generator.request(i);
        QCOMPARE(PromptGenerator::wordCount(spec.messages[0].content), 64);
        const int suffix = PromptGenerator::wordCount(spec.messages[1].content);
        QVERIFY2(suffix >= 20 && suffix <= 60, qPrintable(QString::number(suffix)));
        QCOMPARE(spec.inputWords, 64 + suffix);
    }
}

void TestSharedPrefixGenerator::noSharing() {
    // Share 0: every request has a private prefix of the same length, none shared.
    const SharedPrefixGenerator generator(options(2, 30, 0.0), 4);
    QSet<QString> prefixes;
    for (quint64 i = 0; i < 100; ++i) {
        const WorkloadRequestSpec spec = generator.request(i);
        QCOMPARE(spec.prefixGroup, -1);
        QCOMPARE(PromptGenerator::wordCount(spec.messages[0].content), 30);
        prefixes.insert(spec.messages[0].content);
    }
    QCOMPARE(prefixes.size(), 100);
}

void TestSharedPrefixGenerator::deterministicAndRandomAccess() {
    const SharedPrefixGenerator a(options(5, 20, 0.8), 9);
    const SharedPrefixGenerator b(options(5, 20, 0.8), 9);
    QCOMPARE(a.request(17), b.request(17));
    QCOMPARE(a.request(3), a.request(3)); // asking in any order gives the same request
    const SharedPrefixGenerator other(options(5, 20, 0.8), 10);
    QVERIFY(other.prefixText(0) != a.prefixText(0));
}

void TestSharedPrefixGenerator::validation_data() {
    QTest::addColumn<SharedPrefixOptions>("o");
    QTest::addColumn<QString>("error");
    QTest::addRow("ok") << options(8, 512, 1.0) << QString();
    QTest::addRow("no groups") << options(0, 512, 1.0)
                               << QStringLiteral("shared prefix groups 0 is outside 1..10000");
    QTest::addRow("prefix 0") << options(1, 0, 1.0)
                              << QStringLiteral("shared prefix length 0 is outside 1..1000000");
    QTest::addRow("share") << options(1, 5, 1.5)
                           << QStringLiteral("shared prefix share 1.5 is outside 0..1");
    SharedPrefixOptions badSuffix = options(1, 5, 1);
    badSuffix.suffix = LengthDistribution::uniform(9, 3);
    QTest::addRow("suffix") << badSuffix
                            << QStringLiteral("suffix length: uniform: min 9 is above max 3");
    badSuffix.suffix = LengthDistribution::empiricalFile(QStringLiteral("x.json"));
    QTest::addRow("suffix not loaded")
        << badSuffix << QStringLiteral("suffix length: the empirical lengths are not loaded");
}

void TestSharedPrefixGenerator::validation() {
    QFETCH(SharedPrefixOptions, o);
    QFETCH(QString, error);
    QCOMPARE(o.validate(), error);
}

QTEST_GUILESS_MAIN(TestSharedPrefixGenerator)
#include "tst_sharedprefixgenerator.moc"
