#include "editors/budgeteditor.h"
#include "editors/endpointlisteditor.h"
#include "editors/profileeditor.h"
#include "profileformdriver.h"
#include "uitestutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstProfileEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defaultProfileIsValid();
    void setProfileRoundTrips();
    void widgetsProduceTheProfile();
    void validationMessageNextToField_data();
    void validationMessageNextToField();
    void otherEndpointsProblemsFlagTheirRow();
    void halfTypedListKeepsLastGoodValue();
    void batchSizeField();
    void interleaveWithIsRefusedWhereTheCliRefusesIt();

private:
    QTemporaryDir m_dir;
    QString m_promptFile;
};

void TstProfileEditor::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_promptFile = m_dir.filePath(u"prompts.jsonl"_s);
    QFile file(m_promptFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"prompt\": \"Say hello\"}\n");
}

void TstProfileEditor::defaultProfileIsValid() {
    ProfileEditor editor;
    QCOMPARE(editor.profile(), Profile::defaultProfile());
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
}

void TstProfileEditor::setProfileRoundTrips() {
    const Profile expected = ProfileFormDriver::everyFieldChanged(m_promptFile);
    ProfileEditor editor;
    editor.setProfile(expected);
    QCOMPARE(editor.profile(), expected);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
}

void TstProfileEditor::widgetsProduceTheProfile() {
    const Profile expected = ProfileFormDriver::everyFieldChanged(m_promptFile);
    ProfileEditor editor;
    editor.show();
    QSignalSpy changed(&editor, &ProfileEditor::changed);
    QVERIFY(ProfileFormDriver::fill(&editor, expected));
    QVERIFY(changed.count() > 0);
    const Profile actual = editor.profile();
    // Field by field first, so a failure names the part that differs.
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.endpoints.size(), expected.endpoints.size());
    for (qsizetype i = 0; i < expected.endpoints.size(); ++i)
        QVERIFY2(actual.endpoints.at(i) == expected.endpoints.at(i),
                 qPrintable(u"endpoint %1"_s.arg(i)));
    QCOMPARE(actual.activeEndpoint, expected.activeEndpoint);
    QVERIFY(actual.plan == expected.plan);
    QVERIFY(actual.prompts == expected.prompts);
    QVERIFY(actual.budget == expected.budget);
    QVERIFY(actual == expected);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
}

void TstProfileEditor::validationMessageNextToField_data() {
    QTest::addColumn<QString>("field");   // object name of the widget typed into
    QTest::addColumn<QString>("value");   // text typed ("" for a line edit = cleared)
    QTest::addColumn<QString>("message"); // expected part of the message next to it

    QTest::newRow("url scheme") << u"url"_s << u"ftp://example.com"_s
                                << u"URL must be an http(s) URL"_s;
    QTest::newRow("url empty") << u"url"_s << QString() << u"URL is empty"_s;
    QTest::newRow("model empty") << u"model"_s << QString() << u"Model is empty"_s;
    QTest::newRow("extra body") << u"extraBody"_s << u"{\"temperature\": "_s
                                << u"Extra body is not valid JSON"_s;
    QTest::newRow("extra body array")
        << u"extraBody"_s << u"[1, 2]"_s << u"Extra body must be a JSON object"_s;
    QTest::newRow("levels word") << u"concurrencies"_s << u"1, 2, four"_s
                                 << u"\"four\" is not a whole number"_s;
    QTest::newRow("levels zero") << u"concurrencies"_s << u"0, 2"_s
                                 << u"Levels must be 1 or more (got 0)"_s;
    QTest::newRow("levels empty") << u"concurrencies"_s << QString()
                                  << u"Levels needs at least one level"_s;
    QTest::newRow("env name") << u"keyName"_s << u"1BAD-NAME"_s
                              << u"is not a valid environment variable name"_s;
    QTest::newRow("seed empty") << u"seed"_s << QString() << u"Random seed is empty"_s;
}

void TstProfileEditor::validationMessageNextToField() {
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    ProfileEditor editor;
    editor.show();
    if (field == u"keyName"_s) {
        editor.findChild<QComboBox*>(u"keySource"_s)->setCurrentIndex(1); // environment
        editor.findChild<QLineEdit*>(u"keyName"_s)->setText(u"GOOD_NAME"_s);
    }
    QSignalSpy validity(&editor, &ProfileEditor::validityChanged);
    QWidget* widget = editor.findChild<QWidget*>(field);
    QVERIFY(widget);
    QCOMPARE(issueNextTo(widget), QString());
    if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        edit->selectAll();
        if (value.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        else
            QTest::keyClicks(edit, value);
    } else {
        qobject_cast<QPlainTextEdit*>(widget)->setPlainText(value);
    }
    QVERIFY2(issueNextTo(widget).contains(message),
             qPrintable(u"shown: \"%1\"; expected: \"%2\""_s.arg(issueNextTo(widget), message)));
    QVERIFY(!editor.isValid());
    QVERIFY(validity.count() >= 1);
    QCOMPARE(validity.last().at(0).toBool(), false);

    // Putting the default back clears the message and makes the profile valid again.
    editor.setProfile(Profile::defaultProfile());
    QCOMPARE(issueNextTo(widget), QString());
    QVERIFY(editor.isValid());
}

void TstProfileEditor::otherEndpointsProblemsFlagTheirRow() {
    Profile profile = Profile::defaultProfile();
    EndpointConfig broken;
    broken.name = u"Broken"_s;
    broken.url = QUrl(u"ftp://nowhere"_s);
    profile.endpoints.append(broken);
    ProfileEditor editor;
    editor.setProfile(profile);
    QVERIFY(!editor.isValid());
    auto* list = editor.findChild<QListWidget*>(u"endpointList"_s);
    QVERIFY(list->item(0)->icon().isNull());
    QVERIFY(!list->item(1)->icon().isNull());
    QVERIFY(!list->item(1)->toolTip().isEmpty());
    // Selecting it shows the message at its URL field.
    list->setCurrentRow(1);
    QVERIFY(
        issueNextTo(editor.findChild<QLineEdit*>(u"url"_s)).contains(u"must be an http(s) URL"_s));
    QCOMPARE(editor.profile().activeEndpoint, 1);
}

void TstProfileEditor::halfTypedListKeepsLastGoodValue() {
    ProfileEditor editor;
    auto* levels = editor.findChild<QLineEdit*>(u"concurrencies"_s);
    levels->setText(u"1 2 4"_s);
    QCOMPARE(editor.profile().plan.concurrencies, (QList<int>{1, 2, 4}));
    levels->setText(u"1 2 4,"_s); // a trailing separator is fine
    QCOMPARE(editor.profile().plan.concurrencies, (QList<int>{1, 2, 4}));
    levels->setText(u"1 2 x"_s);
    QCOMPARE(editor.profile().plan.concurrencies, (QList<int>{1, 2, 4}));
    QVERIFY(!editor.isValid());
    // The preset fills the list with powers of two.
    auto* preset = editor.findChild<QComboBox*>(u"concurrencyPreset"_s);
    const int index = preset->findData(64);
    QVERIFY(index > 0);
    preset->setCurrentIndex(index);
    Q_EMIT preset->activated(index);
    QCOMPARE(editor.profile().plan.concurrencies, (QList<int>{1, 2, 4, 8, 16, 32, 64}));
    QVERIFY(editor.isValid());
}

// Issue 14: "Inputs per request" shows only for openai-embeddings, reads and writes
// prompts.batch_size (one size or a list to sweep), and is bounded like --batch-size.
void TstProfileEditor::batchSizeField() {
    ProfileEditor editor;
    editor.show();
    auto* batch = editor.findChild<QLineEdit*>(u"batchSizes"_s);
    QVERIFY(batch);
    QVERIFY(batch->parentWidget()->isHidden()); // openai-chat sends one prompt
    Profile profile = Profile::defaultProfile();
    profile.endpoints[0].flavor = u"openai-embeddings"_s;
    profile.prompts.batchSizes = {16};
    editor.setProfile(profile);
    QVERIFY(!batch->parentWidget()->isHidden());
    QCOMPARE(batch->text(), u"16"_s);
    QCOMPARE(editor.profile(), profile);

    batch->setText(u"1, 8, 32"_s);
    profile.prompts.batchSizes = {1, 8, 32};
    QCOMPARE(editor.profile(), profile);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    ProfileEditor other; // what the form wrote reads back the same
    other.setProfile(editor.profile());
    QCOMPARE(other.findChild<QLineEdit*>(u"batchSizes"_s)->text(), u"1, 8, 32"_s);
    QCOMPARE(other.profile(), profile);

    batch->setText(u"4096"_s);
    QVERIFY(!editor.isValid());
    QVERIFY2(issueNextTo(batch).contains(u"must be at most 2048"_s),
             qPrintable(issueNextTo(batch)));
    batch->setText(QString());
    QVERIFY(!editor.isValid());
    QVERIFY2(issueNextTo(batch).contains(u"needs at least one batch size"_s),
             qPrintable(issueNextTo(batch)));
    batch->setText(u"8"_s);
    QVERIFY(editor.isValid());
    QCOMPARE(issueNextTo(batch), QString());

    // Back to a chat flavor: the field goes, and a list would be refused (one prompt each).
    auto* flavor = editor.findChild<QComboBox*>(u"flavor"_s);
    flavor->setCurrentIndex(flavor->findData(u"openai-chat"_s));
    QVERIFY(batch->parentWidget()->isHidden());
    profile.endpoints[0].flavor = u"openai-chat"_s;
    profile.prompts.batchSizes = {1, 8};
    editor.setProfile(profile); // a list there stays in sight, refused beside the field
    QVERIFY(!batch->parentWidget()->isHidden());
    QVERIFY(!editor.isValid());
    QVERIFY2(issueNextTo(batch).contains(u"needs --api openai-embeddings"_s),
             qPrintable(issueNextTo(batch)));
}

// "Interleave with" (issue 13): typed, it becomes plan.interleave_with (empty: off); with
// until-stable levels it is refused next to the field, as `run --interleave-with` refuses it,
// and the profile cannot be started until one of the two goes.
void TstProfileEditor::interleaveWithIsRefusedWhereTheCliRefusesIt() {
    ProfileEditor editor;
    editor.show();
    auto* field = editor.findChild<QLineEdit*>(u"interleaveWith"_s);
    QVERIFY(field);
    QVERIFY(field->text().isEmpty());
    QTest::keyClicks(field, u"sim:small-fast"_s);
    QCOMPARE(editor.profile().plan.interleaveWith, u"sim:small-fast"_s);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));

    Profile stable = editor.profile();
    stable.plan.untilStable.enabled = true;
    editor.setProfile(stable);
    QCOMPARE(field->text(), u"sim:small-fast"_s);
    QVERIFY(!editor.isValid());
    QVERIFY2(issueNextTo(field).contains(u"cannot be combined with until-stable levels"_s),
             qPrintable(issueNextTo(field)));

    field->clear();
    QVERIFY(editor.profile().plan.interleaveWith.isEmpty());
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    QCOMPARE(issueNextTo(field), QString());
}

QTEST_MAIN(TstProfileEditor)
#include "tst_profileeditor.moc"
