#include "cli/conversationflags.h"

#include "common/terminalsafe.h"

namespace {
bool fail(QString* error, const QString& message) {
    *error = message;
    return false;
}

QString shown(const QString& text) {
    return QLatin1Char('"') + TerminalSafe::escape(text.left(80)) + QLatin1Char('"');
}

bool readTurns(const QString& text, int* turns, QString* error) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1 || value > WorkloadSettings::kMaxTurns)
        return fail(error, QStringLiteral("--turns: %1 must be a whole number 1..%2")
                               .arg(shown(text))
                               .arg(WorkloadSettings::kMaxTurns));
    *turns = value;
    return true;
}

// "MS" (fixed) or "exp:MS" (exponential with that mean).
bool readThinkTime(const QString& text, WorkloadSettings::Conversations* c, QString* error) {
    QString number = text.trimmed();
    const bool exponential = number.startsWith(QLatin1String("exp:"), Qt::CaseInsensitive);
    if (exponential)
        number = number.mid(4).trimmed();
    bool ok = false;
    const double ms = number.toDouble(&ok);
    if (!ok || !(ms >= 0.0 && ms <= WorkloadSettings::kMaxThinkTimeMs))
        return fail(error, QStringLiteral("--think-time: %1 must be milliseconds 0..%2, or "
                                          "exp:MS for an exponential pause of that mean")
                               .arg(shown(text))
                               .arg(WorkloadSettings::kMaxThinkTimeMs, 0, 'f', 0));
    c->thinkTimeMs = ms;
    c->thinkTimeExponential = exponential;
    return true;
}
} // namespace

bool ConversationFlags::apply(const QCommandLineParser& p, const RunFlags& f, WorkloadSettings* w,
                              QString* error) {
    using Kind = WorkloadSettings::Kind;
    if (p.isSet(f.conversations)) {
        if (p.isSet(f.trace))
            return fail(error, QStringLiteral("--conversations and --trace: choose one"));
        if (p.isSet(f.sharedPrefix)) // the history is the shared prefix of a conversation
            return fail(error, QStringLiteral("--shared-prefix goes with single-turn prompts, "
                                              "not --conversations"));
        if (p.isSet(f.rate))
            return fail(error, QStringLiteral("--conversations runs concurrent users: give "
                                              "--concurrency levels, not --rate"));
        if (w->kind != Kind::Dataset)
            w->dataset.path.clear(); // synthetic conversations, whatever the profile had
        w->kind = Kind::Conversations;
    }
    const bool conversations = w->kind == Kind::Conversations;
    if (!conversations && (p.isSet(f.turns) || p.isSet(f.thinkTime)))
        return fail(error, QStringLiteral("--turns and --think-time go with --conversations"));
    if (p.isSet(f.turns) && !readTurns(p.value(f.turns), &w->conversations.turns, error))
        return false;
    if (p.isSet(f.thinkTime) && !readThinkTime(p.value(f.thinkTime), &w->conversations, error))
        return false;
    return true;
}
