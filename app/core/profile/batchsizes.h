#pragma once

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

struct Profile;

// openai-embeddings (issue 14): the batch sizes (inputs per request) a run sweeps. One size is
// today's `prompts.batch_size: 8`; a list (`[1, 8, 32]`, `--batch-size 1,8,32`) makes a grid
// with the plan's levels, batch-major: every level at the first size, then every level at the
// next (sweep/batchgrid.h), each batch size its own curve and its own plateau.
class BatchSizes {
public:
    static constexpr int kDefault = 1;

    // A number for one size (absent from the profile when it is the default), else an array.
    static QJsonValue toJson(const QList<int>& sizes);
    // A number or an array of numbers, each 1..2048 whole (the validator says why a value is
    // out of bounds; here only the shape and a sane range are checked). false with the error
    // naming `path` ("prompts.batch_size[2]").
    static bool fromJson(const QJsonValue& value, const QString& path, QList<int>* sizes,
                         QString* error);
    // What the profile validator says about the list: bounds, count, duplicates, the grid's
    // size, a list on a flavor that sends no batches, and the options a grid cannot take.
    static QList<QPair<QString, QString>> problems(const Profile& profile);
    // "1, 8, 32"
    static QString format(const QList<int>& sizes);
};
