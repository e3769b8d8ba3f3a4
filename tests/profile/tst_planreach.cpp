#include "profile/planreach.h"
#include "profile/profile.h"
#include "profile/profilevalidator.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPlanReach : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void problem_data() {
        QTest::addColumn<QList<int>>("concurrencies");
        QTest::addColumn<int>("requests");
        QTest::addColumn<double>("duration");
        QTest::addColumn<bool>("rate");
        QTest::addColumn<QString>("expected"); // a part of the message; empty = fine

        // Issue 10: `-c 1..128 -n 2` never had more than 2 requests in flight.
        QTest::newRow("2 requests for 128 workers")
            << QList<int>{1, 2, 4, 128} << 2 << 0.0 << false
            << u"2 requests per level cannot put 128 requests in flight"_s;
        QTest::newRow("one short") << QList<int>{1, 64} << 63 << 0.0 << false
                                   << u"use at least 64 requests per level, or a duration"_s;
        QTest::newRow("exactly enough") << QList<int>{1, 64} << 64 << 0.0 << false << QString();
        QTest::newRow("unsorted levels") << QList<int>{16, 4} << 8 << 0.0 << false << u"c=16"_s;
        // A duration wins over the count: workers issue until the time is up.
        QTest::newRow("duration") << QList<int>{1, 128} << 2 << 6.0 << false << QString();
        // A rate plan has no workers to fill (max_concurrency is a cap, not a target).
        QTest::newRow("rate plan") << QList<int>{128} << 2 << 0.0 << true << QString();
    }
    void problem() {
        QFETCH(QList<int>, concurrencies);
        QFETCH(int, requests);
        QFETCH(double, duration);
        QFETCH(bool, rate);
        QFETCH(QString, expected);
        SweepPlan plan;
        plan.concurrencies = concurrencies;
        plan.requestsPerLevel = requests;
        plan.durationPerLevelS = duration;
        if (rate) {
            plan.mode = SweepPlan::Mode::Rate;
            plan.rates = {1.0, 2.0};
        }
        const QString why = PlanReach::problem(plan);
        if (expected.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(expected), qPrintable(why));
    }

    // The validator (behind the command line, the GUI's editor and the engine) refuses it on
    // the request count's field.
    void validatorRefusesIt() {
        Profile profile = Profile::defaultProfile();
        profile.plan.concurrencies = {1, 2, 4, 8};
        profile.plan.durationPerLevelS = 0;
        profile.plan.requestsPerLevel = 2;
        const QList<ValidationIssue> issues = ProfileValidator::validate(profile);
        bool found = false;
        for (const ValidationIssue& issue : issues)
            found = found || (issue.field == u"plan.requests_per_level"_s &&
                              issue.message.contains(u"cannot put 8 requests in flight"_s));
        QVERIFY2(found, qPrintable(ProfileValidator::summary(issues)));
        profile.plan.requestsPerLevel = 8;
        QVERIFY2(ProfileValidator::validate(profile).isEmpty(),
                 qPrintable(ProfileValidator::summary(ProfileValidator::validate(profile))));
    }
};

QTEST_GUILESS_MAIN(TestPlanReach)
#include "tst_planreach.moc"
