// The endpoint editor's TLS files and price (issue 14): each file is checked beside its field
// (missing, not PEM, an encrypted key without its passphrase variable), the fields and the
// price survive the form, and Test connection against a loopback TLS server signed by a
// private CA first names that CA as untrusted, then passes once the CA bundle is chosen.

#include "cannedhttpserver.h"
#include "connectiontestutil.h"
#include "editors/connectiontestpanel.h"
#include "editors/endpointform.h"
#include "editors/endpointlisteditor.h"
#include "editors/filepathedit.h"
#include "record/requestrecord.h"
#include "testpki.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstTlsFilesForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fileProblemsSayWhich();
    void fieldsAndPriceSurviveTheForm();
    void testConnectionTrustsTheChosenCa();
    void loadedProfilesFilesAreCheckedAtOnce();

private:
    TestPki m_pki;
};

namespace {
QString issueOf(const EndpointForm& form, const QString& field) {
    for (const ValidationIssue& issue : form.localIssues())
        if (issue.field == field)
            return issue.message;
    return QString();
}

void setPath(EndpointForm& form, const char* name, const QString& path) {
    auto* edit = form.findChild<FilePathEdit*>(QLatin1String(name));
    QVERIFY(edit);
    edit->setPath(path);
}

ConnectionTestResult clickTest(EndpointForm& form) {
    QSignalSpy done(form.testPanel(), &ConnectionTestPanel::testFinished);
    QTest::mouseClick(form.findChild<QPushButton*>(u"testConnection"_s), Qt::LeftButton);
    if (done.isEmpty() && !done.wait(ConnectionTestUtil::kWaitMs))
        return {};
    return done.first().first().value<ConnectionTestResult>();
}
} // namespace

void TstTlsFilesForm::initTestCase() {
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt build");
    QVERIFY2(m_pki.create(), qPrintable(m_pki.error()));
}

void TstTlsFilesForm::fileProblemsSayWhich() {
    EndpointForm form;
    QTemporaryDir dir;
    const QString notPem = dir.filePath(u"notes.txt"_s);
    QFile file(notPem);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some text\n");
    file.close();

    QVERIFY(issueOf(form, u"ca_cert"_s).isEmpty()); // nothing named, nothing to check
    setPath(form, "caCert", dir.filePath(u"missing.pem"_s));
    QCOMPARE(issueOf(form, u"ca_cert"_s), u"no such file"_s);
    setPath(form, "caCert", dir.path());
    QVERIFY2(issueOf(form, u"ca_cert"_s).contains(u"directory"_s),
             qPrintable(issueOf(form, u"ca_cert"_s)));
    setPath(form, "caCert", notPem);
    QVERIFY2(issueOf(form, u"ca_cert"_s).contains(u"no PEM certificate"_s),
             qPrintable(issueOf(form, u"ca_cert"_s)));
    setPath(form, "caCert", m_pki.caCert());
    QVERIFY(issueOf(form, u"ca_cert"_s).isEmpty());

    setPath(form, "clientCert", m_pki.clientCert());
    setPath(form, "clientKey", m_pki.clientCert()); // a certificate is not a key
    QVERIFY2(issueOf(form, u"client_key"_s).contains(u"not a PEM private key"_s),
             qPrintable(issueOf(form, u"client_key"_s)));
    setPath(form, "clientKey", m_pki.clientKeyEncrypted());
    QVERIFY2(issueOf(form, u"client_key"_s).contains(u"passphrase"_s),
             qPrintable(issueOf(form, u"client_key"_s)));
    auto* variable = form.findChild<QLineEdit*>(u"clientKeyPassphraseVariable"_s);
    variable->setText(u"not a name"_s);
    QVERIFY(!issueOf(form, u"client_key_passphrase"_s).isEmpty());
    variable->setText(u"PLATEAU_KEY_PASS"_s);
    QVERIFY(issueOf(form, u"client_key"_s).isEmpty());
    QVERIFY(issueOf(form, u"client_key_passphrase"_s).isEmpty());
    QCOMPARE(form.endpoint().clientKeyPassphraseRef, u"${env:PLATEAU_KEY_PASS}"_s);
    QVERIFY(form.localIssues().isEmpty());
}

void TstTlsFilesForm::fieldsAndPriceSurviveTheForm() {
    EndpointConfig endpoint;
    endpoint.caCertFile = m_pki.caCert();
    endpoint.clientCertFile = m_pki.clientCert();
    endpoint.clientKeyFile = m_pki.clientKeyEncrypted();
    endpoint.clientKeyPassphraseRef = u"${env:PLATEAU_KEY_PASS}"_s;
    endpoint.price.inputPerMtok = 0.5;
    endpoint.price.outputPerMtok = 1.5;
    endpoint.price.currency = u"EUR"_s;
    EndpointForm form;
    form.setEndpoint(endpoint);
    QCOMPARE(form.endpoint(), endpoint);

    // Switching to per hour drops the per-token figures (one kind or the other).
    auto* kind = form.findChild<QComboBox*>(u"priceKind"_s);
    kind->setCurrentIndex(1);
    form.findChild<QDoubleSpinBox*>(u"pricePerHour"_s)->setValue(12.5);
    EndpointPrice perHour = form.endpoint().price;
    QCOMPARE(perHour.perHour, 12.5);
    QCOMPARE(perHour.inputPerMtok, 0.0);
    QCOMPARE(perHour.currency, u"EUR"_s);
    kind->setCurrentIndex(0);
    QVERIFY(!form.endpoint().price.isSet());
}

void TstTlsFilesForm::testConnectionTrustsTheChosenCa() {
    CannedHttpServer server;
    server.setResponse(CannedHttpServer::response(
        200, "OK", "text/event-stream",
        ConnectionTestUtil::readSample("llama-server-chat-usage.sse"), true));
    QVERIFY(server.listen(m_pki.serverConfig(TestPki::Server::Good)));
    EndpointConfig endpoint = ConnectionTestUtil::endpointFor(server.port(), true);
    endpoint.apiKeyRef.clear();
    EndpointForm form;
    form.setEndpoint(endpoint);
    form.show();

    const ConnectionTestResult refused = clickTest(form);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error, ErrorClass::Tls);
    const QString shown = form.testPanel()->resultText();
    QVERIFY2(shown.contains(u"signed by 'CN=Plateau Test Root CA' which is not trusted"_s) &&
                 shown.contains(u"add that CA"_s),
             qPrintable(shown));
    QCOMPARE(server.requests().size(), 0);

    setPath(form, "caCert", m_pki.caCert());
    const ConnectionTestResult passed = clickTest(form);
    QVERIFY2(passed.ok, qPrintable(form.testPanel()->resultText()));
    QVERIFY2(form.testPanel()->resultText().contains(u"HTTP 200"_s),
             qPrintable(form.testPanel()->resultText()));
    QCOMPARE(server.requests().size(), 1);
}

void TstTlsFilesForm::loadedProfilesFilesAreCheckedAtOnce() {
    EndpointConfig endpoint;
    endpoint.caCertFile = m_pki.path(u"nowhere.pem"_s);
    EndpointListEditor editor;
    editor.setEndpoints({endpoint}, 0);
    const QList<ValidationIssue> issues = editor.localIssues();
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().field, u"endpoints[0].ca_cert"_s);
    QCOMPARE(issues.first().message, u"no such file"_s);
}

QTEST_MAIN(TstTlsFilesForm)
#include "tst_tlsfilesform.moc"
