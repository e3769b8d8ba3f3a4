#pragma once

#include "profile/endpointconfig.h"
#include "transport/connectiontester.h"

#include <QWidget>
#include <functional>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class LocalEndpoint;

// "Test connection": sends one short streaming request to the endpoint being edited and
// shows status, TTFB/TTFT, tokens and the first raw events, or a plain-language error.
// A sim: endpoint gets its own simulator for the test, stopped when the test ends.
class ConnectionTestPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionTestPanel(QWidget* parent = nullptr);
    ~ConnectionTestPanel() override;

    // Supplies the endpoint as currently edited, at the moment the button is pressed.
    void setEndpointSource(std::function<EndpointConfig()> source);
    void startTest();
    bool isTesting() const;
    QString resultText() const; // the summary line shown ("HTTP 200 · TTFT 12 ms · ...")

Q_SIGNALS:
    void testFinished(const ConnectionTestResult& result);

private:
    void runWithKey(EndpointConfig endpoint, const QString& key);
    void showResult(const ConnectionTestResult& result);
    void fail(const QString& message);
    void finish();

    std::function<EndpointConfig()> m_source;
    QPushButton* m_button;
    QLabel* m_status;
    QPlainTextEdit* m_details;
    ConnectionTester* m_tester = nullptr;
    std::unique_ptr<LocalEndpoint> m_sim;
    QString m_metricsProblem; // why the metrics URL could not be tried (bad key reference)
};
