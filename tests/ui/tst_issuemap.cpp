#include "editors/fieldissuelabel.h"
#include "editors/issuemap.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstIssueMap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void routesByLooseName();
    void walksUpToParentField();
    void unclaimedAreReturned();
    void sentences_data();
    void sentences();
    void duplicatesShownOnce();
};

void TstIssueMap::routesByLooseName() {
    QWidget root;
    auto* duration = new FieldIssueLabel(&root);
    auto* idle = new FieldIssueLabel(&root);
    IssueMap map;
    map.add(u"durationPerLevelS"_s, duration, u"Length"_s);
    map.add(u"timeouts.idle_s"_s, idle, u"Idle timeout"_s);
    const auto rest = map.apply({{u"duration_per_level_s"_s, u"must not be negative"_s},
                                 {u"timeouts.idle_s"_s, u"must be greater than 0"_s}});
    QVERIFY(rest.isEmpty());
    QCOMPARE(duration->issue(), u"Length must not be negative"_s);
    QCOMPARE(idle->issue(), u"Idle timeout must be greater than 0"_s);
    QVERIFY(!duration->isHidden());
    // The next pass without issues clears both.
    map.apply({});
    QCOMPARE(duration->issue(), QString());
    QVERIFY(duration->isHidden());
}

void TstIssueMap::walksUpToParentField() {
    QWidget root;
    auto* headers = new FieldIssueLabel(&root);
    IssueMap map;
    map.add(u"headers"_s, headers, u"Extra headers"_s);
    map.apply({{u"headers[1].name"_s, u"is not a valid HTTP header name"_s}});
    QCOMPARE(headers->issue(), u"Extra headers is not a valid HTTP header name"_s);
}

void TstIssueMap::unclaimedAreReturned() {
    QWidget root;
    IssueMap map;
    map.add(u"url"_s, new FieldIssueLabel(&root));
    const auto rest = map.apply({{u"active_endpoint"_s, u"names no endpoint"_s}});
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.first().field, u"active_endpoint"_s);
}

void TstIssueMap::sentences_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::newRow("predicate") << u"Model"_s << u"is empty; name the model"_s
                               << u"Model is empty; name the model"_s;
    QTest::newRow("must") << u"URL"_s << u"must be an http(s) URL"_s
                          << u"URL must be an http(s) URL"_s;
    QTest::newRow("sentence") << u"API version"_s << u"Azure OpenAI needs an api-version"_s
                              << u"Azure OpenAI needs an api-version"_s;
    QTest::newRow("lowercase") << u"File"_s << u"no such file"_s << u"No such file"_s;
    QTest::newRow("no name") << QString() << u"is empty"_s << u"Is empty"_s;
}

void TstIssueMap::sentences() {
    QFETCH(QString, name);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QCOMPARE(IssueMap::sentence(name, message), expected);
}

void TstIssueMap::duplicatesShownOnce() {
    QWidget root;
    auto* label = new FieldIssueLabel(&root);
    IssueMap map;
    map.add(u"url"_s, label, u"URL"_s);
    map.apply({{u"url"_s, u"is empty"_s}, {u"URL"_s, u"is empty"_s}, {u"url"_s, u"has no host"_s}});
    QCOMPARE(label->issue(), u"URL is empty\nURL has no host"_s);
}

QTEST_MAIN(TstIssueMap)
#include "tst_issuemap.moc"
