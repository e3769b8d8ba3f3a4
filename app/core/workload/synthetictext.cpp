#include "workload/synthetictext.h"

#include "protocol/promptwords.h"
#include "workload/seededrandom.h"

QString SyntheticText::words(quint64 streamSeed, int count) {
    SeededRandom random(streamSeed);
    const quint64 vocabulary = quint64(PromptWords::count());
    QString text;
    text.reserve(qsizetype(count > 0 ? count : 0) * 8);
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            text += QLatin1Char(' ');
        text += PromptWords::at(qsizetype(random.below(vocabulary)));
    }
    return text;
}
