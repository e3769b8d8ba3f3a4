#pragma once

#include "models/workloadpreview.h"
#include "profile/profile.h"
#include "workload/loadprogress.h"

#include <QCoreApplication>

// Computes the preview of a profile's workload (WorkloadPreview). Synthetic lengths are
// drawn with the profile's seed; a dataset or trace file is read once, streaming, with
// `progress` (which may cancel). Pure apart from reading the file: safe on any thread, and
// meant to run off the GUI thread (models/workloadpreviewjob.h).
class WorkloadPreviewBuilder {
    Q_DECLARE_TR_FUNCTIONS(WorkloadPreviewBuilder)

public:
    static constexpr int kDraws = 2000; // lengths drawn for a synthetic histogram
    static constexpr int kSamples = 3;  // sample prompts shown
    static constexpr int kMaxTraceRequests = 1'000'000;

    static WorkloadPreview build(const Profile& profile, const LoadProgress& progress = {},
                                 int draws = kDraws);

private:
    static WorkloadPreview synthetic(const Profile& profile, const LoadProgress& progress,
                                     int draws);
    static WorkloadPreview dataset(const Profile& profile, const LoadProgress& progress, int draws);
    static WorkloadPreview conversations(const Profile& profile, const LoadProgress& progress,
                                         int draws);
    static WorkloadPreview trace(const Profile& profile, const LoadProgress& progress);
};
