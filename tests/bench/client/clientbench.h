#pragma once

#include "results/runresult.h"
#include "simprocess.h"
#include "transport/engineoptions.h"

#include <QString>
#include <QStringList>

// One measured sweep level driven by Plateau's real client (SweepRunner) against a
// `plateau-cli sim` process (or another server), with the client's CPU time and memory around it.
class ClientBench {
public:
    struct Level {
        int concurrency = 1;
        int requests = 1;
        int inputTokens = 32;
        int outputTokens = 64;
    };
    struct Outcome {
        bool ok = false;
        QString error;
        RunResult result;
        double wallS = 0;
        double clientCpuS = 0; // user + system of this process (the client alone)
        qint64 rssBeforeKb = 0;
        qint64 rssAfterKb = 0;
        qint64 contentEvents = 0; // content events received (each one a token for the sim)
        qint64 otherEvents = 0;   // role, finish, usage and [DONE] events, 4 per request
        qint64 outputTokens = 0;
        int failed = 0;
    };

    explicit ClientBench(SimProcess* sim)
        : m_url(sim->baseUrl()) {}
    // Any other OpenAI-compatible server (the stand-in of the independent-streams parts).
    explicit ClientBench(const QUrl& url)
        : m_url(url) {}
    // Which HTTP stack the client runs on (--transport qt gives the "before" figures).
    static void setTransport(EngineOptions::Transport transport) { s_transport = transport; }
    // Network threads of the client (0: the engine's default).
    static void setNetworkThreads(int threads) { s_networkThreads = threads; }
    // The lag probe's period on every client thread (0: the engine's default), to show its cost.
    static void setLagProbeIntervalMs(int ms) { s_lagProbeIntervalMs = ms; }
    Outcome run(const Level& level);

    static double cpuSeconds(); // this process, user + system
    static qint64 rssKb();      // this process, VmRSS

private:
    QUrl m_url;
    static inline EngineOptions::Transport s_transport = EngineOptions::Transport::Auto;
    static inline int s_networkThreads = 0;
    static inline int s_lagProbeIntervalMs = 0;
};
