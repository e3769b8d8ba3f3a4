#pragma once

// plateau_workload: what a run sends (issue 16). Qt Core only; the engine, profiles, the
// simulator and the GUI build on these pieces.
//
// Lengths
//   LengthDistribution       value type: fixed, uniform, normal, log-normal, empirical;
//                            bounds (1..1,000,000), validate(), quantile()
//   LengthSpec               CLI text form: "256", "uniform:128..512", "normal:300,50,1..900",
//                            "lognormal:median=200,sigma=0.6", "empirical:FILE"
//   LengthDistributionJson   profile JSON form (strict, path-aware errors)
//   LengthSampler            seeded draws, identical on every platform (SeededRandom)
//   EmpiricalLengths         fills an "empirical:FILE" distribution from a dataset's prompt
//                            or reference-answer lengths
//
// Datasets (streaming: memory holds the sample, never the file)
//   DatasetReader            readFile()/read(QIODevice*): ShareGPT JSON array, OpenAI chat
//                            JSONL, prompt JSONL, text; format detected or forced; caps on
//                            file, entry and kept-entry sizes; progress + cancel; malformed
//                            entries skipped and counted (LoadIssues); prompt-length filter;
//                            seeded sampling with or without replacement (ReservoirSampler);
//                            prompt/answer word lists for histograms and empirical lengths
//   Conversation             a dataset entry: system prompt + turns (user, reference answer)
//   DatasetFormats           names, descriptions and content detection of the formats
//
// Requests
//   WorkloadRequestSpec      one request: messages, input words, max tokens, conversation id,
//                            turn index, prefix group, source index, due time; toPrompt()
//   ConversationRequestBuilder  turn k of a conversation with the real answers as history
//   SyntheticConversationGenerator  K turns and per-turn lengths from distributions
//   SharedPrefixGenerator    G groups sharing a P-word prefix, a per-request suffix from a
//                            length distribution, a share of requests that reuse a prefix
//
// Traces (open-loop replay)
//   TraceReader              Mooncake-layout JSONL (timestamp, input_length, output_length,
//                            hash_ids) or entries with messages; sorted by time, capped
//   TraceTransform           speed scaling, time-window cut, rates (pure functions)
//   TraceRequestBuilder      a trace entry's request: hash_ids become shared text blocks

#include "profile/lengthdistribution.h"
#include "profile/lengthdistributionjson.h"
#include "workload/conversation.h"
#include "workload/conversationrequestbuilder.h"
#include "workload/datasetreader.h"
#include "workload/empiricallengths.h"
#include "workload/lengthsampler.h"
#include "workload/lengthspec.h"
#include "workload/sharedprefixgenerator.h"
#include "workload/syntheticconversationgenerator.h"
#include "workload/tracereader.h"
#include "workload/tracerequestbuilder.h"
#include "workload/tracetransform.h"
#include "workload/workloadrequestspec.h"
