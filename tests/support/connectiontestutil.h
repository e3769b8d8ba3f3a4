#pragma once

#include "cannedhttpserver.h"
#include "transport/connectiontester.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

// Shared by the ConnectionTester tests.
namespace ConnectionTestUtil {
// Generous: loopback answers in milliseconds, but the CI machine is shared and slow.
inline constexpr int kWaitMs = 20000;

inline QByteArray readSample(const char* name) {
    QFile file(QStringLiteral(PLATEAU_SAMPLES_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", name);
    return file.readAll();
}

inline EndpointConfig endpointFor(quint16 port, bool tls = false) {
    EndpointConfig endpoint;
    endpoint.name = QStringLiteral("canned");
    endpoint.flavor = QStringLiteral("openai-chat");
    endpoint.url = QUrl(QStringLiteral("%1://127.0.0.1:%2")
                            .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                            .arg(port));
    endpoint.model = QStringLiteral("tiny");
    endpoint.apiKeyRef = QStringLiteral("${env:PLATEAU_TEST_KEY}");
    endpoint.useSystemProxy = false; // loopback only, whatever the environment says
    return endpoint;
}

// Runs one test to completion in this thread's event loop.
inline ConnectionTestResult runTest(const EndpointConfig& endpoint, const QString& key = QString(),
                                    int maxTokens = 16) {
    ConnectionTester tester;
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    tester.start(endpoint, key, maxTokens);
    if (!spy.wait(kWaitMs) || spy.size() != 1) {
        qWarning("no result from ConnectionTester");
        return ConnectionTestResult();
    }
    return spy.first().first().value<ConnectionTestResult>();
}
} // namespace ConnectionTestUtil
