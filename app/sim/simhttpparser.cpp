#include "sim/simhttpparser.h"

QByteArray SimHttpRequest::queryValue(const QByteArray& key) const {
    const QList<QByteArray> pairs = query.split('&');
    for (const QByteArray& pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if ((eq < 0 ? pair : pair.left(eq)) == key)
            return eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1));
    }
    return {};
}

SimHttpParser::State SimHttpParser::fail(int status, const char* message) {
    m_errorStatus = status;
    m_errorMessage = message;
    m_buffer.clear();
    return State::Error;
}

SimHttpParser::State SimHttpParser::parse() {
    if (m_errorStatus)
        return State::Error;
    if (!m_headersDone) {
        // Tolerate empty lines between requests (RFC 9112 section 2.2).
        qsizetype skip = 0;
        while (skip < m_buffer.size() && (m_buffer[skip] == '\r' || m_buffer[skip] == '\n'))
            ++skip;
        if (skip)
            m_buffer.remove(0, skip);
        if (m_buffer.isEmpty())
            return State::NeedMore;
        m_inHeaders = true;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                return fail(431, "request header fields too large");
            return State::NeedMore;
        }
        if (end > kMaxHeaderBytes)
            return fail(431, "request header fields too large");
        const QByteArray head = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        if (!parseHead(head))
            return State::Error;
        m_headersDone = true;
        m_inHeaders = false;
    }
    if (!m_headersReported) {
        m_headersReported = true;
        if (m_bodyLength > 0 && m_buffer.size() < m_bodyLength)
            return State::HeadersDone;
    }
    if (m_buffer.size() < m_bodyLength)
        return State::NeedMore;
    m_request.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    return State::Complete;
}

SimHttpRequest SimHttpParser::take() {
    SimHttpRequest request = std::move(m_request);
    m_request = SimHttpRequest{};
    m_bodyLength = 0;
    m_headersDone = false;
    m_headersReported = false;
    return request;
}

bool SimHttpParser::parseHead(const QByteArray& head) {
    const QList<QByteArray> lines = head.split('\n');
    QByteArray requestLine = lines.first();
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return fail(400, "malformed request line"), false;
    for (char c : parts[0]) {
        if (c < 'A' || c > 'Z')
            return fail(400, "malformed method"), false;
    }
    if (parts[2] == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (parts[2] == "HTTP/1.0")
        m_request.minorVersion = 0;
    else if (parts[2].startsWith("HTTP/"))
        return fail(505, "HTTP version not supported"), false;
    else
        return fail(400, "malformed request line"), false;
    m_request.method = parts[0];
    const QByteArray& target = parts[1];
    const qsizetype q = target.indexOf('?');
    m_request.path = q < 0 ? target : target.left(q);
    m_request.query = q < 0 ? QByteArray() : target.mid(q + 1);
    if (!m_request.path.startsWith('/'))
        return fail(400, "request target must be an absolute path"), false;

    bool haveLength = false;
    QByteArray connection;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty() || line[0] == ' ' || line[0] == '\t')
            return fail(400, "malformed header line"), false;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, "malformed header line"), false;
        const QByteArray name = line.left(colon).toLower();
        if (name.contains(' ') || name.contains('\t'))
            return fail(400, "malformed header name"), false;
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qlonglong length = value.toLongLong(&ok);
            if (!ok || length < 0 || (haveLength && length != m_bodyLength))
                return fail(400, "invalid Content-Length"), false;
            if (length > kMaxBodyBytes)
                return fail(413, "request body too large"), false;
            m_bodyLength = qsizetype(length);
            haveLength = true;
        } else if (name == "transfer-encoding") {
            return fail(411, "chunked request bodies are not supported: send Content-Length"),
                   false;
        } else if (name == "connection") {
            connection = value.toLower();
        } else if (name == "expect") {
            m_request.expectContinue = value.toLower() == "100-continue";
        }
        m_request.headers.append({name, value});
    }
    if (m_request.minorVersion == 0)
        m_request.keepAlive = connection.contains("keep-alive");
    else
        m_request.keepAlive = !connection.contains("close");
    return true;
}
