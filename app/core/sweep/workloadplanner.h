#pragma once

#include "profile/profile.h"
#include "protocol/promptgenerator.h"
#include "sweep/conversationusers.h"
#include "sweep/tracereplay.h"
#include "transport/requestjob.h"
#include "workload/conversation.h"
#include "workload/lengthsampler.h"
#include "workload/sharedprefixgenerator.h"
#include "workload/workloadrequestspec.h"

#include <QList>
#include <memory>
#include <optional>

// Turns a profile's workload (WorkloadSettings) into the request each index of a run sends
// (issue 16): synthetic prompts of a length drawn per request, shared-prefix groups, or
// dataset entries; and the output length asked for. Request i is the same for the same seed
// whatever order requests are built in (each index draws from its own random stream), so a
// rerun sends the same workload. A profile with no workload choice (schema 1, fixed lengths)
// is not planned here: the engine sends PromptGenerator's prompts as before (isActive()).
class WorkloadPlanner {
public:
    // Reads what the workload needs (a dataset is loaded and sampled here); false with a
    // one-line *error (a missing file, a dataset with no usable entry, a kind this build
    // cannot run).
    bool prepare(const Profile& profile, QString* error);

    // Whether requests come from here rather than from the profile's PromptGenerator.
    bool isActive() const { return m_active; }
    // Whether prompts are synthetic text whose length calibration can size.
    bool calibrates() const;
    // The input length the calibration probes aim at: the input distribution's median.
    int calibrationTargetTokens() const;

    // Request `index`: messages, the output tokens to ask for (-1: the run's default) and
    // its labels (prefix group, dataset entry). `calibrated` holds the server's tokens per
    // word (synthetic prompts are sized with it). Thread-safe (const).
    WorkloadRequestSpec request(quint64 index, const PromptGenerator& calibrated) const;

    // A conversation workload: its users (each closed-loop worker one), which build every
    // request instead of request(); nullptr for other workloads.
    ConversationUsers* conversations() const { return m_users.get(); }
    // Fills a job with what it sends: the worker's user's next turn (conversations, keeping
    // the answer) or request `job->promptIndex`, the output length asked and its labels.
    void applyTo(RequestJob* job, const PromptGenerator& calibrated) const;

    // A trace replay: its one level replaces the plan's (isTrace()).
    bool isTrace() const { return m_trace.has_value(); }
    const TraceReplay* trace() const { return m_trace ? &*m_trace : nullptr; }
    // What was loaded, for the run's notices ("dataset sharegpt.json: ShareGPT JSON (60 usable
    // entries, 60 used); 1 malformed entries skipped (...)"); "" when nothing was.
    const QString& note() const { return m_note; }
    // Entries of a loaded dataset (tests, the CLI's summary).
    qsizetype datasetEntries() const { return m_entries.size(); }

private:
    bool loadDataset(QString* error);
    bool prepareConversations(const LengthDistribution& input, const LengthDistribution& output,
                              QString* error);
    bool loadLengths(LengthDistribution* lengths, const QString& what, QString* error) const;
    int syntheticWords(int tokens, const PromptGenerator& calibrated) const;
    QString syntheticText(quint64 index, int words) const;
    int outputTokens(quint64 index, const Conversation* entry) const;

    bool m_active = false;
    WorkloadSettings m_settings;
    PromptSource m_prompts;
    quint64 m_seed = 0;
    std::optional<LengthSampler> m_input;
    std::optional<LengthSampler> m_output;
    std::optional<SharedPrefixGenerator> m_sharedPrefix;
    QList<Conversation> m_entries;
    std::optional<TraceReplay> m_trace;
    std::shared_ptr<ConversationUsers> m_users;
    QString m_note;
};
