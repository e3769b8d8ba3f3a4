#include "transport/engineoptions.h"

#include <QThread>
#include <algorithm>

int EngineOptions::resolvedNetworkThreads() const {
    if (networkThreads > 0)
        return networkThreads;
    return std::clamp(QThread::idealThreadCount(), 1, 4);
}
