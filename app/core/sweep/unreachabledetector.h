#pragma once

#include "record/requestrecord.h"

#include <QString>

// Decides, from the first requests of a run, whether the endpoint cannot be reached at
// all: the first `threshold` finished requests all failed before any response (connect
// or TLS errors, or a connect timeout). One success or any other outcome settles it as
// reachable for the rest of the run.
class UnreachableDetector {
public:
    explicit UnreachableDetector(int threshold = 3);

    void setThreshold(int threshold);
    // True exactly once: when this record completes the evidence of unreachability.
    bool feed(const RequestRecord& record);
    bool settled() const { return m_settled; }
    QString lastError() const { return m_lastError; }

    static bool isConnectFailure(const RequestRecord& record);

private:
    int m_threshold;
    int m_failures = 0;
    bool m_settled = false;
    QString m_lastError;
};
