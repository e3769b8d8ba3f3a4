#include "editors/fieldissuelabel.h"
#include "editors/lengthdistributionedit.h"
#include "editors/profileeditor.h"
#include "editors/workloadeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using Kind = WorkloadSettings::Kind;

namespace {
// Every field away from its default.
WorkloadSettings everyFieldChanged(const QString& dataset, const QString& trace) {
    WorkloadSettings w;
    w.kind = Kind::Dataset;
    w.input = LengthDistribution::normal(300.0, 40.5, 10, 900);
    w.output = LengthDistribution::logNormal(120.0, 0.75, 5, 4000);
    w.dataset.path = dataset;
    w.dataset.format = QStringLiteral("sharegpt");
    w.dataset.sample = 250;
    w.dataset.withReplacement = true;
    w.dataset.shuffle = true;
    w.dataset.minPromptWords = 4;
    w.dataset.maxPromptWords = 2048;
    w.dataset.outputFromReference = false;
    w.sharedPrefix.enabled = false; // only with synthetic prompts (the validator says so)
    w.sharedPrefix.groups = 16;
    w.sharedPrefix.prefixTokens = 1024;
    w.sharedPrefix.share = 0.75;
    w.conversations.turns = 6;
    w.conversations.thinkTimeMs = 1500.0;
    w.conversations.thinkTimeExponential = true;
    w.trace.path = trace;
    w.trace.speed = 2.5;
    w.trace.windowStartS = 60.0;
    w.trace.windowEndS = 120.0;
    return w;
}

FieldIssueLabel* issueOf(QWidget* field) {
    // FormHelpers::addRow puts the field and its issue label in one box.
    for (QWidget* box = field->parentWidget(); box; box = box->parentWidget())
        if (auto* label = box->findChild<FieldIssueLabel*>(QString(), Qt::FindDirectChildrenOnly))
            return label;
    return nullptr;
}

template <typename T> T* child(QWidget* parent, const char* name) {
    T* widget = parent->findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}
} // namespace

class TstWorkloadEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defaultsRoundTrip();
    void everyFieldRoundTrips();
    void otherDistributionsRoundTrip();
    void editingWidgetsChangesTheSettings();
    void onlyTheChosenKindIsShown();
    void onlyTheDistributionsParametersAreShown();
    void profileEditorCarriesTheWorkload();
    void validationMessageNextToTheField();
    void localChecks();

private:
    QTemporaryDir m_dir;
    QString m_dataset;
    QString m_trace;
};

void TstWorkloadEditor::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_dataset = m_dir.filePath(QStringLiteral("chat.json"));
    m_trace = m_dir.filePath(QStringLiteral("trace.jsonl"));
    for (const QString& path : {m_dataset, m_trace}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(path == m_dataset ? R"([{"prompt": "hello"}])"
                                     : R"({"timestamp": 0, "input_length": 5})");
    }
}

void TstWorkloadEditor::defaultsRoundTrip() {
    WorkloadEditor editor;
    QCOMPARE(editor.settings(), WorkloadSettings{});
}

void TstWorkloadEditor::everyFieldRoundTrips() {
    const WorkloadSettings expected = everyFieldChanged(m_dataset, m_trace);
    WorkloadEditor editor;
    editor.setSettings(expected);
    const WorkloadSettings actual = editor.settings();
    QVERIFY(actual.input == expected.input);
    QVERIFY(actual.output == expected.output);
    QVERIFY(actual.dataset == expected.dataset);
    QVERIFY(actual.sharedPrefix == expected.sharedPrefix);
    QVERIFY(actual.conversations == expected.conversations);
    QVERIFY(actual.trace == expected.trace);
    QVERIFY(actual == expected);
}

void TstWorkloadEditor::otherDistributionsRoundTrip() {
    WorkloadSettings expected;
    expected.kind = Kind::Trace;
    expected.trace.path = m_trace;
    expected.input = LengthDistribution::empiricalFile(m_dataset);
    expected.output = LengthDistribution::uniform(20, 700);
    WorkloadEditor editor;
    editor.setSettings(expected);
    QVERIFY(editor.settings() == expected);
    expected.input = LengthDistribution::fixed(77);
    expected.output.reset(); // "as on the Sweep tab"
    expected.trace.windowEndS = -1.0;
    editor.setSettings(expected);
    QVERIFY(editor.settings() == expected);
}

void TstWorkloadEditor::editingWidgetsChangesTheSettings() {
    WorkloadEditor editor;
    QSignalSpy changed(&editor, &WorkloadEditor::changed);
    auto* kind = child<QComboBox>(&editor, "workloadKind");
    kind->setCurrentIndex(kind->findData(int(Kind::Conversations)));
    child<QSpinBox>(&editor, "turns")->setValue(9);
    child<QDoubleSpinBox>(&editor, "thinkTime")->setValue(250.0);
    child<QCheckBox>(&editor, "thinkTimeExponential")->setChecked(true);
    child<QLineEdit>(&editor, "datasetPath")->setText(QStringLiteral("  ") + m_dataset);
    auto* input = child<QComboBox>(&editor, "inputKind");
    input->setCurrentIndex(input->findData(int(LengthDistribution::Kind::Uniform)));
    child<QSpinBox>(&editor, "inputMin")->setValue(50);
    child<QSpinBox>(&editor, "inputMax")->setValue(500);
    auto* output = child<QComboBox>(&editor, "outputKind");
    output->setCurrentIndex(output->findData(int(LengthDistribution::Kind::LogNormal)));
    child<QDoubleSpinBox>(&editor, "outputMedian")->setValue(180.0);
    child<QDoubleSpinBox>(&editor, "outputSigma")->setValue(0.8);
    child<QCheckBox>(&editor, "datasetShuffle")->setChecked(true);
    auto* format = child<QComboBox>(&editor, "datasetFormat");
    format->setCurrentIndex(format->findData(QStringLiteral("chat-jsonl")));

    const WorkloadSettings w = editor.settings();
    QVERIFY(changed.count() >= 10);
    QCOMPARE(w.kind, Kind::Conversations);
    QCOMPARE(w.conversations.turns, 9);
    QCOMPARE(w.conversations.thinkTimeMs, 250.0);
    QVERIFY(w.conversations.thinkTimeExponential);
    QCOMPARE(w.dataset.path, m_dataset); // trimmed
    QVERIFY(w.input == LengthDistribution::uniform(50, 500));
    QCOMPARE(w.output->kind, LengthDistribution::Kind::LogNormal);
    QCOMPARE(w.output->median, 180.0);
    QCOMPARE(w.output->sigma, 0.8);
    QVERIFY(w.dataset.shuffle);
    QCOMPARE(w.dataset.format, QStringLiteral("chat-jsonl"));

    // A new "from a dataset" choice starts with the workload's dataset.
    output->setCurrentIndex(output->findData(int(LengthDistribution::Kind::Empirical)));
    QVERIFY(editor.settings().output == LengthDistribution::empiricalFile(m_dataset));
}

void TstWorkloadEditor::onlyTheChosenKindIsShown() {
    WorkloadEditor editor;
    editor.show();
    auto* kind = child<QComboBox>(&editor, "workloadKind");
    auto shown = [&editor](const char* name) {
        return editor.findChild<QWidget*>(QLatin1String(name))->isVisibleTo(&editor);
    };
    kind->setCurrentIndex(kind->findData(int(Kind::Synthetic)));
    QVERIFY(shown("sharedPrefix") && shown("inputKind") && shown("outputKind"));
    QVERIFY(!shown("datasetPath") && !shown("turns") && !shown("tracePath"));
    kind->setCurrentIndex(kind->findData(int(Kind::Dataset)));
    QVERIFY(shown("datasetPath") && shown("outputKind"));
    QVERIFY(!shown("sharedPrefix") && !shown("inputKind") && !shown("turns") &&
            !shown("tracePath"));
    kind->setCurrentIndex(kind->findData(int(Kind::Conversations)));
    QVERIFY(shown("turns") && shown("datasetPath") && shown("inputKind"));
    child<QLineEdit>(&editor, "datasetPath")->setText(m_dataset);
    QVERIFY(!shown("inputKind")); // the dataset's turns have their own lengths
    kind->setCurrentIndex(kind->findData(int(Kind::Trace)));
    QVERIFY(shown("tracePath") && shown("traceSpeed"));
    QVERIFY(!shown("datasetPath") && !shown("turns") && !shown("sharedPrefix"));
}

void TstWorkloadEditor::onlyTheDistributionsParametersAreShown() {
    LengthDistributionEdit edit(QStringLiteral("x"));
    edit.show();
    auto shown = [&edit](const char* name) {
        return edit.findChild<QWidget*>(QLatin1String(name))->isVisibleTo(&edit);
    };
    edit.setDistribution(LengthDistribution::normal(100.0, 10.0));
    QVERIFY(shown("xMean") && shown("xSd") && shown("xMin") && shown("xMax"));
    QVERIFY(!shown("xValue") && !shown("xMedian") && !shown("xFile"));
    edit.setDistribution(LengthDistribution::fixed(5));
    QVERIFY(shown("xValue"));
    QVERIFY(!shown("xMean") && !shown("xMin") && !shown("xFile"));
    edit.setDistribution(std::nullopt);
    QVERIFY(!shown("xValue") && !shown("xMean") && !shown("xMin") && !shown("xFile"));
    edit.setDefaultLength(333);
    QCOMPARE(edit.kindBox()->currentText(), QStringLiteral("As on the Sweep tab (333)"));
}

void TstWorkloadEditor::profileEditorCarriesTheWorkload() {
    Profile expected = Profile::defaultProfile();
    expected.workload = everyFieldChanged(m_dataset, m_trace);
    ProfileEditor editor;
    editor.setProfile(expected);
    QVERIFY(editor.profile() == expected);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    QCOMPARE(editor.tabs()->tabText(ProfileEditor::WorkloadPage), QStringLiteral("Workload"));
    // The Sweep tab's lengths name what "as on the Sweep tab" means.
    expected.workload.input.reset();
    expected.prompts.inputTokens = 640;
    editor.setProfile(expected);
    QCOMPARE(editor.workloadEditor()->inputEdit()->kindBox()->currentText(),
             QStringLiteral("As on the Sweep tab (640)"));
}

void TstWorkloadEditor::validationMessageNextToTheField() {
    Profile profile = Profile::defaultProfile();
    profile.workload.kind = Kind::Dataset;
    profile.workload.dataset.path = m_dir.filePath(QStringLiteral("missing.json"));
    ProfileEditor editor;
    editor.show();
    editor.setProfile(profile);
    QVERIFY(!editor.isValid());
    FieldIssueLabel* issue = issueOf(child<QLineEdit>(&editor, "datasetPath"));
    QVERIFY(issue);
    QCOMPARE(issue->issue(), QStringLiteral("No such file"));
    QVERIFY(!editor.tabs()->tabIcon(ProfileEditor::WorkloadPage).isNull());
    QVERIFY(editor.tabs()->tabIcon(ProfileEditor::BudgetPage).isNull());

    // Fixing it clears the message and the tab's icon.
    child<QLineEdit>(&editor, "datasetPath")->setText(m_dataset);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    QVERIFY(issue->issue().isEmpty());
    QVERIFY(editor.tabs()->tabIcon(ProfileEditor::WorkloadPage).isNull());

    // A distribution's own message sits under it.
    auto* kind = child<QComboBox>(&editor, "workloadKind");
    kind->setCurrentIndex(kind->findData(int(Kind::Synthetic)));
    auto* input = child<QComboBox>(&editor, "inputKind");
    input->setCurrentIndex(input->findData(int(LengthDistribution::Kind::Uniform)));
    child<QSpinBox>(&editor, "inputMin")->setValue(600);
    child<QSpinBox>(&editor, "inputMax")->setValue(500);
    QVERIFY(!editor.isValid());
    FieldIssueLabel* inputIssue =
        editor.workloadEditor()->inputEdit()->findChild<FieldIssueLabel*>();
    QVERIFY2(inputIssue->issue().startsWith(QStringLiteral("Uniform: ")),
             qPrintable(inputIssue->issue()));
}

void TstWorkloadEditor::localChecks() {
    Profile profile = Profile::defaultProfile();
    profile.workload.kind = Kind::Dataset;
    profile.workload.dataset.path = m_dataset;
    profile.workload.dataset.withReplacement = true; // without a sample size
    ProfileEditor editor;
    editor.setProfile(profile);
    QVERIFY(!editor.isValid());
    QCOMPARE(issueOf(child<QCheckBox>(&editor, "withReplacement"))->issue(),
             QStringLiteral("Drawing with replacement needs a sample size"));
    child<QSpinBox>(&editor, "datasetSample")->setValue(10);
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));

    profile.workload.kind = Kind::Trace;
    profile.workload.trace.path = m_trace;
    profile.workload.trace.windowStartS = 50.0;
    profile.workload.trace.windowEndS = 20.0;
    editor.setProfile(profile);
    QCOMPARE(issueOf(child<QDoubleSpinBox>(&editor, "traceWindowEnd"))->issue(),
             QStringLiteral("The window must end after it starts"));
}

QTEST_MAIN(TstWorkloadEditor)
#include "tst_workloadeditor.moc"
