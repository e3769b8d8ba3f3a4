#include "models/naminglegend.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {
struct Row {
    const char* plateau;
    const char* vllm;
    const char* guidellm;
    const char* aiperf;
};

// Closest names in each tool's output; notes in brackets where definitions differ.
const Row kRows[] = {
    {"TTFT", "TTFT (counts a role-only first chunk)", "time to first token", "Time to First Token"},
    {"TTFE", "TTFT (vLLM's definition)", "—", "—"},
    {"TPOT", "TPOT", "inter-token latency (ITL)", "Inter Token Latency"},
    {"ITL (per event gap)", "ITL", "—", "inter-chunk latency"},
    {"E2E latency", "E2EL", "request latency", "Request Latency"},
    {"Output tok/s (steady window)", "—", "output tokens/s", "Output Token Throughput"},
    {"Total tok/s (wall time)", "Output token throughput", "—", "—"},
    {"Req/s", "Request throughput", "requests/s", "Request Throughput"},
    {"Goodput", "Request goodput (--goodput)", "—", "Goodput"},
    {"Concurrency c=N", "--max-concurrency", "concurrent rate", "--concurrency"},
};

QString tr(const char* text) {
    return QCoreApplication::translate("NamingLegend", text);
}
} // namespace

QString NamingLegend::html() {
    QString text = u"<p><b>"_s % tr("Metric names in other tools") % u"</b></p><table>"_s %
                   u"<tr><th align=left>Plateau</th><th align=left>vLLM bench serve</th>"
                   u"<th align=left>GuideLLM</th><th align=left>AIPerf</th></tr>"_s;
    for (const Row& row : kRows) {
        text += u"<tr><td>"_s % QString::fromUtf8(row.plateau) % u"</td><td>"_s %
                QString::fromUtf8(row.vllm) % u"</td><td>"_s % QString::fromUtf8(row.guidellm) %
                u"</td><td>"_s % QString::fromUtf8(row.aiperf) % u"</td></tr>"_s;
    }
    return text % u"</table><p>"_s %
           tr("TPOT excludes the first token; failed requests are left out of latency.") %
           u"</p>"_s;
}

QString NamingLegend::plainText() {
    QStringList lines;
    lines.append(u"Plateau | vLLM bench serve | GuideLLM | AIPerf"_s);
    for (const Row& row : kRows) {
        lines.append(QString::fromUtf8(row.plateau) % u" | "_s % QString::fromUtf8(row.vllm) %
                     u" | "_s % QString::fromUtf8(row.guidellm) % u" | "_s %
                     QString::fromUtf8(row.aiperf));
    }
    return lines.join(u'\n');
}
