#include "scriptedserver.h"

ScriptedServer::ScriptedServer(QObject* parent)
    : QObject(parent) {}

void ScriptedServer::setScript(const QList<Step>& steps, bool closeAtEnd) {
    MisbehavingServer::Script script;
    for (const Step& step : steps) {
        script.append(MisbehavingServer::Action::send(step.bytes, step.delayMs));
        if (step.reset) {
            script.append(MisbehavingServer::Action::reset());
            break; // nothing follows a reset
        }
    }
    if (closeAtEnd &&
        (script.isEmpty() || script.last().kind != MisbehavingServer::Action::Kind::Reset))
        script.append(MisbehavingServer::Action::close());
    m_server.setScript(script);
}

QByteArray ScriptedServer::lastRequestHead() const {
    const QByteArray request = m_server.lastRawRequest();
    return request.left(request.indexOf("\r\n\r\n"));
}

QByteArray ScriptedServer::lastRequestBody() const {
    const QByteArray request = m_server.lastRawRequest();
    const qsizetype end = request.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : request.mid(end + 4);
}
