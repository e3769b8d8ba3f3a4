#pragma once

#include "protocol/eventscan.h"
#include "protocol/prompt.h"
#include "protocol/streamevent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

struct EndpointConfig;

// What every OpenAI-shaped flavor shares: URL joining, the common headers and body
// fields, the extraBody merge, and the decoding of chat / completion chunks. Kept in one
// place so the flavors differ only in what really differs (URL, auth header, body shape).
class FlavorSupport {
public:
    // Bearer: "Authorization: Bearer KEY"; ApiKeyHeader: "api-key: KEY" (Azure);
    // XApiKeyHeader: "x-api-key: KEY" (Anthropic).
    enum class Auth { Bearer, ApiKeyHeader, XApiKeyHeader };

    // url's path with `suffix` appended ("/v1/chat/completions"), without doubled slashes;
    // the query is kept.
    static QUrl appendPath(const QUrl& url, const QString& suffix);
    // The URL's path without trailing slashes.
    static QString trimmedPath(const QUrl& url);
    // True if the path's last segment is an API version ("v1", "v2", "v1beta", ...).
    static bool endsWithVersionSegment(const QString& path);
    // The URL of a versioned resource ("messages", "responses"): kept when its path already
    // ends in /RESOURCE, /RESOURCE after a version segment, else /v1/RESOURCE.
    static QUrl versionedResourceUrl(const QUrl& url, const QString& resource);

    // Content-Type, Accept, Accept-Encoding: identity, User-Agent, auth, the endpoint's
    // extra headers (last, so they may override), no caching, HTTP/2 only if asked.
    // Credentials in the URL become "Authorization: Basic ..." and leave the URL.
    static QNetworkRequest makeRequest(const QUrl& url, const EndpointConfig& endpoint,
                                       const QString& apiKey, Auth auth);
    // "header \"X-Trace\" contains a line break (LF)", or empty when every header of the
    // request can go on the wire as it is (RFC 9110 names, no control character but a tab
    // in values). Never quotes a value: it may be a key. Every sender checks it last.
    static QString headerProblem(const QNetworkRequest& request);

    // stream, stream_options.include_usage, max_tokens, model (when includeModel) and
    // the exact-length fields when endpoint.forceExactOutput and the flavor supports them.
    static QJsonObject commonBody(const EndpointConfig& endpoint, int maxTokens, bool includeModel,
                                  bool exactOutputSupported = true);
    static QJsonArray chatMessages(const Prompt& prompt);
    static QString completionPrompt(const Prompt& prompt);
    // endpoint.extraBody merged into body (deep merge of objects; a null value removes the
    // key, e.g. {"stream_options": null} for a server that rejects it), compact JSON.
    static QByteArray finishBody(QJsonObject body, const EndpointConfig& endpoint);
    static QJsonObject deepMerge(QJsonObject base, const QJsonObject& overlay);

    // Decodes one OpenAI-style chunk (chat deltas, completion text, usage, errors, [DONE]):
    // ChunkScanner's fast path, falling back to the reference decoder for anything unusual.
    // Text::Skip: the fast path leaves StreamEvent::text empty (ApiFlavor::decodeWithoutText).
    using Text = EventScan::Text;
    static StreamEvent decodeOpenAiPayload(const QByteArray& payload, Text text = Text::Decode);
    // The same through QJsonDocument: the definition of the result (tests and the fuzzer
    // check the fast path against it).
    static StreamEvent decodeOpenAiPayloadReference(const QByteArray& payload);
    // The JSON object of one event payload of a non-OpenAI flavor; false when there is
    // none: "[DONE]" (event marked done) or not a JSON object (marked malformed).
    static bool parseEventObject(const QByteArray& payload, StreamEvent* event,
                                 QJsonObject* object);
    // A top-level "error" of a native flavor's event ({"error": "..."} or an object): marks
    // `event` as an error with the server's message and returns true.
    static bool readErrorField(const QJsonObject& object, const QByteArray& payload,
                               StreamEvent* event);
    // A non-negative integer count at `key` of `object`, else -1.
    static int usageCount(const QJsonObject& object, QLatin1String key);
    // The human-readable message inside an error body: {"error":{"message":..}},
    // {"error":".."}, {"message":..}, {"detail":..}; else the start of the text itself.
    static QString serverErrorMessage(const QByteArray& body);
    // At most maxChars of bytes as printable text (for messages that show server output).
    static QString preview(const QByteArray& bytes, int maxChars = 200);
};
