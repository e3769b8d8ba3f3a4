#include "stats/rankselection.h"
#include "synthetic.h"

#include <QTest>
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace {
// Every rank a level's statistics read, and a few more: both ends, the middle, the tails.
std::vector<std::int64_t> someRanks(std::int64_t n) {
    std::vector<std::int64_t> ranks{0, n - 1};
    for (const double q : {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999}) {
        const auto below = std::int64_t(std::floor(double(n - 1) * q));
        ranks.push_back(below);
        ranks.push_back(std::min(below + 1, n - 1));
    }
    return ranks;
}

// Runs a selection by hand so that the test sees its passes and what it kept.
RankSelection selectAll(const std::vector<double>& values, std::span<const std::int64_t> ranks,
                        std::size_t collectLimit) {
    RankSelection selection(collectLimit);
    for (const double v : values)
        selection.add(v);
    selection.want(ranks);
    while (selection.needsPass()) {
        for (const double v : values)
            selection.feed(v);
        selection.endPass();
    }
    return selection;
}

void compareWithSort(const std::vector<double>& values, std::size_t collectLimit) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const auto n = std::int64_t(values.size());
    const std::vector<std::int64_t> ranks = someRanks(n);
    const RankSelection selection = selectAll(values, ranks, collectLimit);
    QCOMPARE(selection.count(), n);
    for (const std::int64_t rank : ranks) {
        // Bit for bit: the same double a sort puts at that rank.
        const double expected = sorted[std::size_t(rank)];
        const double found = selection.valueAt(rank);
        QVERIFY2(std::bit_cast<std::uint64_t>(found) == std::bit_cast<std::uint64_t>(expected) ||
                     (found == 0.0 && expected == 0.0),
                 qPrintable(QStringLiteral("rank %1 of %2: %3, sorted %4")
                                .arg(rank)
                                .arg(n)
                                .arg(found, 0, 'g', 17)
                                .arg(expected, 0, 'g', 17)));
    }
}
} // namespace

class TestRankSelection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesSort_data() {
        QTest::addColumn<int>("limit");
        // 1 forces a pass per 16 bits down to single keys; the default keeps values early.
        for (const int limit : {1, 7, 64, 1 << 16})
            QTest::addRow("keep %d", limit) << limit;
    }

    void matchesSort() {
        QFETCH(int, limit);
        const auto keep = std::size_t(limit);
        for (int s = 0; s < 4; ++s) {
            compareWithSort(synthetic::exponential(20'000, 200.0, synthetic::seed(s)), keep);
            compareWithSort(synthetic::normal(5'001, 0.0, 3.0, synthetic::seed(s, 1)), keep);
            // Inter-token gaps as the client measures them: whole ns, in ms.
            std::vector<double> gaps = synthetic::normal(30'000, 5e6, 2e6, synthetic::seed(s, 2));
            for (double& g : gaps)
                g = std::round(std::max(g, 0.0)) / 1e6;
            compareWithSort(gaps, keep);
        }
    }

    void tiesSignsAndExtremes() {
        const double inf = std::numeric_limits<double>::infinity();
        const double tiny = std::numeric_limits<double>::denorm_min();
        compareWithSort({5, 5, 5, 5, 5, 5, 5, 5}, 1); // one key all the way down
        compareWithSort({-0.0, 0.0, -0.0, 1, -1, tiny, -tiny, inf, -inf, 3}, 1);
        compareWithSort({-2.5, -1e300, 1e-300, 7, -7, 2.5}, 2);
        std::vector<double> few(10'000);
        for (std::size_t i = 0; i < few.size(); ++i)
            few[i] = double(i % 3); // three values, thousands of each
        compareWithSort(few, 16);
        compareWithSort({42}, 1);
    }

    // What makes it worth having: at most the limit kept per wanted rank, in three passes
    // for a million values whatever their spread.
    void keepsLittle() {
        std::vector<double> gaps = synthetic::normal(1'000'000, 5.0, 2.0, synthetic::seed(9));
        const std::vector<std::int64_t> ranks = someRanks(std::int64_t(gaps.size()));
        const RankSelection selection = selectAll(gaps, ranks, 4096);
        QVERIFY2(selection.peakKept() <= ranks.size() * 4096,
                 qPrintable(QString::number(selection.peakKept())));
        QVERIFY(selection.peakKept() > 0);
        QVERIFY2(selection.passes() <= 3, qPrintable(QString::number(selection.passes())));
        compareWithSort(gaps, 4096);
    }

    void ranksOutsideTheSampleAreNaN() {
        const std::vector<std::int64_t> ranks{-1, 0, 3};
        const RankSelection selection = selectAll({1, 2, 3}, ranks, 8);
        QVERIFY(std::isnan(selection.valueAt(-1)));
        QVERIFY(std::isnan(selection.valueAt(3)));
        QCOMPARE(selection.valueAt(0), 1.0);
        const RankSelection none = selectAll({}, ranks, 8);
        QVERIFY(!none.needsPass());
        QVERIFY(std::isnan(none.valueAt(0)));
    }

    void selectOverAReplayedSource() {
        const std::vector<double> x = synthetic::exponential(3'000, 1.0, synthetic::seed(3));
        std::vector<double> sorted = x;
        std::sort(sorted.begin(), sorted.end());
        int replays = 0;
        const std::vector<std::int64_t> ranks{2'999, 0, 1'500};
        const std::vector<double> found = RankSelection::select(
            [&](const RankSelection::Visitor& visit) {
                ++replays;
                for (const double v : x)
                    visit(v);
            },
            ranks);
        QCOMPARE(found, (std::vector<double>{sorted[2'999], sorted[0], sorted[1'500]}));
        QCOMPARE(replays, 2); // counted, then kept: 3,000 values fit the default limit
    }
};

QTEST_APPLESS_MAIN(TestRankSelection)
#include "tst_rankselection.moc"
