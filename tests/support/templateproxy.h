#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>

class QTcpSocket;

// A chat template in front of the built-in simulator: a loopback HTTP/1.1 relay on
// 127.0.0.1:0 that adds a fixed system message of `overheadWords` words to every chat
// request before passing it on, so the simulator (which counts whitespace words) reports
// usage.prompt_tokens = overhead + prompt words, as llama.cpp does with its template.
// The calibration probes (max_tokens 1) are numbered from 1 in arrival order; those in
// `failingProbes` get a 500 from the relay itself instead.
class TemplateProxy : public QObject {
    Q_OBJECT
public:
    TemplateProxy(quint16 upstreamPort, int overheadWords, QSet<int> failingProbes = {},
                  QObject* parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    int probesSeen() const { return m_probes; }

private:
    void onConnection();
    // Takes every complete request off the front of `buffer` and handles it.
    void relay(QTcpSocket* client, QTcpSocket* upstream, QByteArray* buffer);
    QByteArray rewriteBody(const QByteArray& body, bool* failProbe);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QByteArray m_systemText;
    QSet<int> m_failingProbes;
    int m_probes = 0;
};
