#pragma once

#include <QtGlobal>

#include <functional>

// Called while a file is read: bytes read so far and the total (-1 when unknown, e.g. a
// pipe). Return false to cancel the load.
using LoadProgress = std::function<bool(qint64 bytesRead, qint64 bytesTotal)>;
