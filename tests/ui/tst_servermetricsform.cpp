// The endpoint editor's server-metrics settings (issue 12): every field round-trips through
// the form and the profile file, the URL's placeholder is the endpoint's default metrics URL,
// and what the profile could not read back is refused beside its field.
#include "editors/endpointform.h"
#include "editors/fieldissuelabel.h"
#include "editors/profileeditor.h"
#include "editors/servermetricsform.h"
#include "profile/profileio.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;

class TstServerMetricsForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsThroughTheProfile();
    void widgetsProduceTheSettings();
    void placeholderIsTheDefaultUrl();
    void problemsShowBesideTheFields_data();
    void problemsShowBesideTheFields();
};

namespace {
ServerMetricsConfig everyFieldChanged() {
    ServerMetricsConfig config;
    config.enabled = true;
    config.url = QUrl(u"http://10.0.0.5:8001/metrics"_s);
    config.keySource = ServerMetricsConfig::KeySource::Reference;
    config.keyRef = u"${env:METRICS_KEY}"_s;
    config.verifyTls = false;
    config.intervalMs = 250;
    config.extraNames = {u"vllm:num_requests_swapped"_s, u"process_cpu_seconds_total"_s};
    return config;
}

QString issueAt(QWidget* field) {
    // FormHelpers::addRow puts the field and its issue label in one box.
    const auto labels = field->parentWidget()->findChildren<FieldIssueLabel*>();
    return labels.isEmpty() ? QString() : labels.first()->issue();
}
} // namespace

void TstServerMetricsForm::roundTripsThroughTheProfile() {
    Profile profile = Profile::defaultProfile();
    profile.endpoints[0].url = QUrl(u"http://10.0.0.5:8000/v1"_s);
    profile.endpoints[0].serverMetrics = everyFieldChanged();
    ProfileEditor editor;
    editor.setProfile(profile);
    QCOMPARE(editor.profile().endpoints.at(0).serverMetrics, everyFieldChanged());
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    // Through the file format and back into the form: nothing lost.
    QString error;
    const std::optional<Profile> reread =
        ProfileIo::fromJson(ProfileIo::toJson(editor.profile()), &error);
    QVERIFY2(reread, qPrintable(error));
    QCOMPARE(reread->endpoints.at(0).serverMetrics, everyFieldChanged());
    for (const auto source :
         {ServerMetricsConfig::KeySource::None, ServerMetricsConfig::KeySource::Same}) {
        profile.endpoints[0].serverMetrics.keySource = source;
        profile.endpoints[0].serverMetrics.keyRef.clear();
        editor.setProfile(profile);
        QCOMPARE(editor.profile().endpoints.at(0).serverMetrics.keySource, source);
    }
}

void TstServerMetricsForm::widgetsProduceTheSettings() {
    EndpointForm form;
    ServerMetricsForm* metrics = form.serverMetricsForm();
    QVERIFY(!metrics->isChecked()); // off by default, as in a new profile
    metrics->setChecked(true);
    metrics->findChild<QLineEdit*>(u"serverMetricsUrl"_s)
        ->setText(u"http://10.0.0.5:8001/metrics"_s);
    metrics->findChild<QComboBox*>(u"serverMetricsKeyChoice"_s)->setCurrentIndex(2);
    auto* key = metrics->findChild<QWidget*>(u"serverMetricsKey"_s);
    key->findChild<QComboBox*>(u"keySource"_s)->setCurrentIndex(1); // environment variable
    key->findChild<QLineEdit*>(u"keyName"_s)->setText(u"METRICS_KEY"_s);
    metrics->findChild<QCheckBox*>(u"serverMetricsVerifyTls"_s)->setChecked(false);
    metrics->findChild<QSpinBox*>(u"serverMetricsInterval"_s)->setValue(250);
    metrics->findChild<QLineEdit*>(u"serverMetricsExtra"_s)
        ->setText(
            u"vllm:num_requests_swapped,  process_cpu_seconds_total vllm:num_requests_swapped"_s);
    QCOMPARE(form.endpoint().serverMetrics, everyFieldChanged());
    QVERIFY(form.localIssues().isEmpty());
    // The interval is bounded like the profile's: 100..60000 ms.
    auto* interval = metrics->findChild<QSpinBox*>(u"serverMetricsInterval"_s);
    QCOMPARE(interval->minimum(), 100);
    QCOMPARE(interval->maximum(), 60000);
}

void TstServerMetricsForm::placeholderIsTheDefaultUrl() {
    EndpointForm form;
    form.findChild<QLineEdit*>(u"url"_s)->setText(u"https://gpu-box:8443/v1"_s);
    QCOMPARE(form.serverMetricsForm()->urlPlaceholder(), u"https://gpu-box:8443/metrics"_s);
    form.findChild<QLineEdit*>(u"url"_s)->setText(u"sim:default"_s);
    QVERIFY(form.serverMetricsForm()->urlPlaceholder().contains(u"simulator"_s));
    // Empty stays empty: the default is resolved when the run starts, not stored.
    QVERIFY(form.endpoint().serverMetrics.url.isEmpty());
}

void TstServerMetricsForm::problemsShowBesideTheFields_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not http") << u"serverMetricsUrl"_s << u"ftp://host/metrics"_s << u"http://"_s;
    QTest::newRow("no host") << u"serverMetricsUrl"_s << u"metrics"_s << u"http://"_s;
    QTest::newRow("credentials") << u"serverMetricsUrl"_s << u"http://user:pw@host:8001/metrics"_s
                                 << u"credentials"_s;
    QTest::newRow("bad metric name")
        << u"serverMetricsExtra"_s << u"vllm:ok 9starts_with_digit"_s << u"9starts_with_digit"_s;
    QTest::newRow("too many names") << u"serverMetricsExtra"_s << [] {
        QStringList names;
        for (int i = 0; i < 65; ++i)
            names << u"m%1"_s.arg(i);
        return names.join(u' ');
    }() << u"more than 64"_s;
}

void TstServerMetricsForm::problemsShowBesideTheFields() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    ProfileEditor editor;
    auto* metrics = editor.findChild<ServerMetricsForm*>();
    QVERIFY(metrics);
    metrics->setChecked(true);
    auto* edit = metrics->findChild<QLineEdit*>(field);
    edit->setText(text);
    QVERIFY(!editor.isValid()); // a run is blocked
    QVERIFY2(issueAt(edit).contains(expected), qPrintable(issueAt(edit)));
    edit->clear();
    QVERIFY2(editor.isValid(), qPrintable(ProfileValidator::summary(editor.issues())));
    QCOMPARE(issueAt(edit), QString());
}

QTEST_MAIN(TstServerMetricsForm)
#include "tst_servermetricsform.moc"
