#include "protocol/jsonfields.h"

#include <QTest>

// JsonFields: the one-walk picker under AnthropicScanner and ResponsesScanner.
class TestJsonFields : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void picksWhereverTheyStand();
    void readsAsQJsonValueConverts();
    void refusesWhatItDoesNotRead_data();
    void refusesWhatItDoesNotRead();
    void readsRepeatsOffThePaths();
};

namespace {
using Kind = JsonFields::Kind;

constexpr JsonFields::Spec kSpecs[] = {
    {"type", Kind::Name},
    {"delta.text", Kind::String},
    {"message.usage.input_tokens", Kind::Count},
    {"message.usage.output_tokens", Kind::Count},
    {"error", Kind::Present},
    {"detail", Kind::Refused},
};
enum { Type, Text, Input, Output, Error, Detail, kCount };
using Values = JsonFields::Value[kCount];
} // namespace

void TestJsonFields::picksWhereverTheyStand() {
    Values v;
    QVERIFY(JsonFields::pick(
        R"( {"message":{"id":"m","usage":{"output_tokens":3,"input_tokens":25}},"x":[{"type":1}],)"
        R"("delta":{"text":"a\nb","type":"t"},"type":"content"} )",
        kSpecs, v));
    QCOMPARE(v[Type].name(), QByteArrayView("content"));
    QVERIFY(v[Text].nonEmpty());
    QCOMPARE(v[Text].text(), QStringLiteral("a\nb"));
    QCOMPARE(v[Input].count, 25);
    QCOMPARE(v[Output].count, 3);
    QVERIFY(!v[Error].present);
    Values dotted; // a key with a dot is not a path
    QVERIFY(JsonFields::pick(R"({"delta.text":"x","message.usage":{"input_tokens":1}})", kSpecs,
                             dotted));
    QVERIFY(!dotted[Text].present);
    QCOMPARE(dotted[Input].count, -1);
}

void TestJsonFields::readsAsQJsonValueConverts() {
    Values v;
    QVERIFY(JsonFields::pick(R"({"type":5,"delta":"x","message":{"usage":{"input_tokens":"7",)"
                             R"("output_tokens":-1}},"error":null})",
                             kSpecs, v));
    QVERIFY(v[Type].present);
    QVERIFY(v[Type].name().isEmpty()); // not a string: reads as ""
    QVERIFY(!v[Text].present);         // under a non-object
    QVERIFY(!v[Text].nonEmpty());
    QVERIFY(v[Text].text().isEmpty());
    QCOMPARE(v[Input].count, -1);  // not a number
    QCOMPARE(v[Output].count, -1); // negative
    QVERIFY(v[Error].present);
    Values empty;
    QVERIFY(JsonFields::pick(R"({"type":"","delta":{"text":""}})", kSpecs, empty));
    QVERIFY(empty[Type].name().isEmpty());
    QVERIFY(empty[Text].present);
    QVERIFY(!empty[Text].nonEmpty());
}

void TestJsonFields::refusesWhatItDoesNotRead_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("repeated key") << QByteArray(R"({"type":"a","type":"b"})");
    QTest::newRow("repeated parent") << QByteArray(R"({"delta":{},"delta":{"text":"x"}})");
    QTest::newRow("repeated inner parent")
        << QByteArray(R"({"message":{"usage":{"input_tokens":1},"usage":null}})");
    QTest::newRow("repeated present") << QByteArray(R"({"error":1,"error":2})");
    QTest::newRow("refused key") << QByteArray(R"({"type":"a","detail":null})");
    QTest::newRow("escaped name") << QByteArray(R"({"type":"\u0061"})");
    QTest::newRow("escaped key") << QByteArray(R"({"typ\u0065":"a"})");
    QTest::newRow("count fraction") << QByteArray(R"({"message":{"usage":{"input_tokens":1.0}}})");
    QTest::newRow("count exponent") << QByteArray(R"({"message":{"usage":{"input_tokens":1e2}}})");
    QTest::newRow("not an object") << QByteArray(R"(["type"])");
    QTest::newRow("garbage after") << QByteArray(R"({"type":"a"}{})");
    QTest::newRow("deep") << QByteArray(70, '[').prepend("{\"x\":") + QByteArray(70, ']') + "}";
    QTest::newRow("empty") << QByteArray();
}

void TestJsonFields::refusesWhatItDoesNotRead() {
    QFETCH(QByteArray, json);
    Values v;
    QVERIFY(!JsonFields::pick(json, kSpecs, v));
}

// A key repeated where no path goes is read: QJsonDocument keeps one of the two, and no
// picked field depends on which.
void TestJsonFields::readsRepeatsOffThePaths() {
    Values other;
    QVERIFY(JsonFields::pick(R"({"x":1,"x":2,"delta":{"y":[],"y":{}},"type":"a"})", kSpecs, other));
    QCOMPARE(other[Type].name(), QByteArrayView("a"));
}

QTEST_GUILESS_MAIN(TestJsonFields)
#include "tst_jsonfields.moc"
