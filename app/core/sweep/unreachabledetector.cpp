#include "sweep/unreachabledetector.h"

#include <algorithm>

UnreachableDetector::UnreachableDetector(int threshold)
    : m_threshold(std::max(1, threshold)) {}

void UnreachableDetector::setThreshold(int threshold) {
    m_threshold = std::max(1, threshold);
}

bool UnreachableDetector::isConnectFailure(const RequestRecord& record) {
    if (record.error == ErrorClass::Connect || record.error == ErrorClass::Tls)
        return true;
    // RequestExecution words its connect-phase timeout this way.
    return record.error == ErrorClass::Timeout && record.tHeadersNs < 0 &&
           record.errorMessage.startsWith(QLatin1String("connect timeout"));
}

bool UnreachableDetector::feed(const RequestRecord& record) {
    if (m_settled || record.error == ErrorClass::Cancelled)
        return false;
    if (!isConnectFailure(record)) {
        m_settled = true;
        return false;
    }
    m_lastError = record.errorMessage;
    if (++m_failures >= m_threshold) {
        m_settled = true;
        return true;
    }
    return false;
}
