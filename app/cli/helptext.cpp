#include "cli/helptext.h"

namespace HelpText {
QString exitCodes() {
    return QString::fromUtf8(R"TXT(Exit codes:
  0    success
  1    failure: results or the journal could not be written (full disk...), the
       simulator could not start
  2    bad arguments, bad profile (missing, corrupt JSON, unknown field, newer
       schema, invalid values, over the size cap), unusable prompt file, unreadable
       journal (recover), API key variable not set, an output path that is a
       device, FIFO or directory (refused before anything runs)
  3    the endpoint was unreachable (connection refused, DNS, TLS, timeouts);
       results measured so far are still written
  4    the endpoint answered but no request succeeded (e.g. 401, 404);
       results are still written
  5    a compare --fail-if or run --assert condition held and the 95%
       intervals say it is not noise (results are still written)
  130  stopped by SIGINT/SIGTERM (Ctrl-C); results so far are written
)TXT");
}

QString general() {
    return QString::fromUtf8(
               R"TXT(plateau-cli - benchmark an LLM inference endpoint from the command line

Sends streaming requests at rising concurrency (or request rate), measures TTFT,
TPOT, end-to-end latency and output token throughput, and finds the plateau: the
point where more parallel requests stop buying throughput.

Usage:
  plateau-cli run [PROFILE.json] [options]   run a sweep (built-in simulator by default)
  plateau-cli sim [options]                  serve the simulated endpoint
  plateau-cli recover JOURNAL.jsonl [opts]   rebuild results from a run's journal
  plateau-cli validate PROFILE.json          check a profile without running it
  plateau-cli compare BASE.json NEW.json     per level, what changed and whether it is noise
  plateau-cli merge SHARD... --out FILE      one result from every shard of a sharded run
  plateau-cli k8s-manifests --shards N P.json  Kubernetes Jobs that run P as N shards
  plateau-cli help COMMAND                   help for one command
  plateau-cli --version

Examples:
  plateau-cli run                                   # 1..128 sweep against the built-in simulator
  plateau-cli run --url http://localhost:8000/v1 --model meta-llama/Llama-3.1-8B-Instruct \
      --concurrency 1,2,4,8,16,32,64 --out results.json --csv requests.csv
  plateau-cli sim --port 8000 --preset large-slow

)TXT") + exitCodes() +
           QStringLiteral("\nRun 'plateau-cli help run' for every option of a sweep.\n");
}

QString run() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli run [PROFILE.json] [options]

Runs a sweep: for each level (a concurrency, or a request rate) it sends streaming
requests, then aggregates them exactly as docs/METRICS.md defines. Flags override the
profile. Without a profile and without --url the run targets the built-in simulator
(a ~1 minute sweep, concurrency 1..128).

Endpoint:
  --url URL              http(s) base or full URL of the endpoint, e.g.
                         http://localhost:8000/v1, https://WS/serving-endpoints/NAME/invocations;
                         "sim" or sim:PRESET runs the built-in simulator in-process.
                         http://USER:PASS@HOST/... is sent as Basic authentication (not
                         together with --api-key-env); the user info and credential-like
                         query parameters (key, token, api-key, sig...) are masked in
                         results, the journal and every message
  --api FLAVOR           openai-chat (default) | openai-completions | databricks | azure-openai
                         | anthropic (/v1/messages) | openai-responses (/v1/responses)
                         | tgi (TGI's native /generate_stream) | ollama (native /api/chat)
                         | openai-embeddings (/v1/embeddings: latency and inputs/s)
  --model NAME           model name sent in each request (servers usually insist on it)
  --api-version V        Azure OpenAI api-version query, e.g. 2024-10-21
  --api-key-env VAR      read the API key from environment variable VAR (never from the
                         command line: keys do not belong in shell history)
  -H, --header 'K: V'    extra request header; repeatable (at most 100, values up to 8192
                         characters, no line breaks or control characters). Not for
                         credentials (Authorization, api-key...): those come from --api-key-env
  --insecure             do not verify TLS certificates (self-signed test servers only)
  --ca-cert FILE         PEM CA certificate(s) trusted for this endpoint beside the system's
                         (SSL_CERT_FILE and SSL_CERT_DIR are honoured too); also used for
                         --server-metrics and Test connection
  --client-cert FILE --client-key FILE
                         mutual TLS: the client certificate and its private key (PEM)
  --client-key-passphrase-env VAR
                         the encrypted client key's passphrase, read from variable VAR
  --price-per-hour X     the endpoint's price per hour (provisioned; 0-1000000): per level
                         the cost per million output tokens and per 1,000 requests at its
                         measured throughput
  --price-per-mtok IN,OUT
                         pay-per-token price per million input and output tokens (0-100000
                         each): the cost at each level's actual token mix
  --currency CODE        the price's currency, e.g. EUR (default USD)
  --http2                use HTTP/2 (one multiplexed connection instead of one per stream)
  --server-metrics [URL] also read the server's own Prometheus metrics during the run (default
                         URL: the endpoint's origin + /metrics; vLLM, SGLang, TGI, llama.cpp
                         and the simulator are recognised): per level "srv run/wait/kv" (mean
                         running, mean waiting, peak KV-cache use) and a cross-check of the
                         server's generation tok/s against the measured one (flagged above
                         5%). A metrics URL that fails gives one notice; the run goes on
  --server-metrics-interval MS
                         scrape the server's metrics every MS milliseconds (100-60000,
                         default 1000); with --server-metrics or the profile's server_metrics
  --transport auto|qt    auto (default): Plateau's own HTTP/1.1 client where no proxy or
                         HTTP/2 applies, Qt's network stack otherwise; qt: always Qt's stack
  --client-threads N     network threads of the client (default: the cores, at most 4;
                         1-64); more if a level is flagged client_bound by event-loop lag
  --connect-timeout S    fail a request whose connection is not up after S seconds
                         (default 10)
  --first-token-timeout S
                         fail a request with no content token S seconds after it was
                         sent (default 120; a role-only chunk does not count)
  --idle-timeout S       after the first token, fail a stream when S seconds pass
                         without an event (default 60)
  --timeout S            fail a request after S seconds in total (default 600)
                         (every timeout: more than 0, at most 86400 s)

Sweep:
  -c, --concurrency LIST closed loop: levels of N parallel requests, e.g. 1,2,4,8 or 1..256
                         (a doubling range); 1-10000 each, at most 64 levels
  --rate LIST            open loop: levels of requests per second (Poisson arrivals), e.g.
                         5,10,20; above 0, at most 100000 each
  --max-concurrency N    cap in-flight requests in a rate sweep (0 = none; at most 10000)
  -n, --requests-per-level N
                         measured requests per level (1-1000000)
  --duration-per-level S seconds per level (the default plan: 6 s; at most 604800, 7 days)
  --warmup N             requests per level excluded from statistics (at most 100000)
  --input-tokens N       synthetic prompt length in tokens (default 256; 1-1000000)
  --output-tokens N      max_tokens per request (default 128; 1-1000000)
  --batch-size N|LIST    --api openai-embeddings: inputs per request, each its own prompt
                         (default 1; 1-2048); a list (1,8,32; at most 16 sizes) sweeps them:
                         every level at each size in turn, a plateau per size
  --prompts FILE.jsonl   prompts from a file: one string, {"prompt":..} or {"messages":[..]} a line
  --input-len DIST       prompt lengths drawn per request (seeded by --seed): fixed:512 (or 512),
                         uniform:100-900, normal:500,100 (mean,sd), lognormal:400,0.6 (median,
                         sigma), empirical:FILE (a dataset's prompt lengths); 1-1000000 tokens
  --output-len DIST      max_tokens drawn per request, same forms; 'dataset' (with --dataset):
                         each entry's own max_tokens or reference answer length (the default)
  --dataset FILE         prompts from a dataset: ShareGPT JSON, OpenAI chat JSONL, JSONL
                         ({"prompt":..}) or text (one prompt a line); streamed, malformed
                         entries skipped and counted; entry number in the results (source_index)
  --dataset-format F     auto (default), sharegpt, chat-jsonl, jsonl or text
  --sample N             use N entries of the dataset, drawn with --seed (1-10000000)
  --shared-prefix G:T[:S]  G groups sharing a T-token system prompt; a share S (0-1, default 1)
                         of requests reuse one (prefix_group in the results); the rest get a
                         prefix of the same length of their own
  --trace FILE           replay a JSONL trace open loop, each request at its own time
                         (Mooncake layout: timestamp ms, input_length, output_length, hash_ids;
                         or messages): one level at the trace's rate, lateness in queue_ms;
                         replaces the plan's levels
  --trace-speed X        replay X times as fast (0.01-100; default 1)
  --trace-window A-B     replay only seconds A to B of the trace (A- : to the end)
  --conversations        multi-turn conversations: each of a level's --concurrency workers is
                         a user running one conversation after another, turn k sending the
                         whole history with the server's real answers; the --dataset's
                         conversations, or synthetic ones (--input-len / --output-len per turn)
                         without it; TTFT by turn after the summary; not with --rate or --trace
  --turns K              turns per conversation (1-1000; default 4; synthetic: at most 100; a
                         dataset entry with fewer turns keeps its own); a failed turn ends its
                         conversation
  --think-time MS        pause between an answer and the next turn (0-3600000 ms; default 0);
                         exp:MS: exponential with that mean, seeded by --seed
  --until-stable         each level runs until it is sure: it ends once the 95% intervals of
                         its throughput and of one latency percentile are within +-2% and
                         +-5%, after at least 10 s and at most 300 s (replaces the count or
                         duration per level; the progress line shows both half-widths)
  --stable-within X%,Y%  the two half-widths (0.1%-100% each; implies --until-stable)
  --stable-latency M:pNN the latency percentile it watches: ttft|tpot|e2e, p50|p90|p95|p99
                         (default ttft:p95; implies --until-stable)
  --level-time MIN-MAX   seconds an until-stable level lasts at least and at most (default
                         10-300; 1-604800; implies --until-stable)
  --refine               after the plan's levels, bisect between the heaviest level that met
                         the --budget and the lightest that broke it, to one concurrency (or
                         rates within 5%); best in budget then names the exact level
  --refine-levels N      extra levels the search may add (1-20; default 6; implies --refine)
  --repeat N             run the whole sweep N times (1-50; default 1), one after the other,
                         each with its own journal (the Nth beside the first, as
                         NAME.repN.jsonl); the results keep every repetition and give each
                         level's between-run mean and 95% interval (Student t over the N
                         runs' values) for tok/s, req/s and TTFT/TPOT/e2e p50/p95/p99
  --interleave-with ENDPOINT
                         also measure ENDPOINT (a profile endpoint's name, an http(s) URL
                         or sim:PRESET) level by level with --url: A B at one level, B A at
                         the next, so drift hits both alike; writes B's results too and
                         prints the compare table (as plateau-cli compare A B). Not with
                         --until-stable, --refine or --shard
  --interleave-out FILE  B's results JSON (default: --out's name with .B, r.json -> r.B.json)
  --fail-if COND         with --interleave-with: exit 5 when COND holds for a significant
                         change from A to B (as in plateau-cli compare); repeatable
  --shard I/N            this process is shard I (from 0) of N (1-256): it runs its share of
                         every level (concurrency split N ways, rates divided by N) with its
                         own prompt and arrival seeds; merge the shards with plateau-cli merge
  --start-at TIME        with --shard: level k starts at TIME + k x (duration + gap) by the
                         wall clock (ISO 8601 UTC like 2026-12-06T08:00:00Z, or unix seconds),
                         so all shards change level together; duration-bound levels only
  --level-gap S          with --start-at: the pause after each level's duration for its
                         last requests to finish (0-3600; default 5)
  --budget SPEC          latency budget, e.g. 'ttft:p95<=500,tpot:p50<=50,e2e:p95<=10s'
                         (metrics ttft|tpot|e2e|itl; stats mean|p50|p90|p95|p99|max; ms unless
                         suffixed s); '' clears the profile's budget
  --stop-at-plateau      stop once throughput stops rising (<5% gain for a >=1.5x step)
  --stop-on-budget       stop once a level breaks the latency budget
  --seed N               seed for prompts and arrivals, to repeat a run exactly, 0 to
                         18446744073709551615 (default and 0: a fresh seed each run, so
                         prefix caches see new prompts; the results keep the seed used)

Output:
  -o, --out FILE.json    results (schema plateau.results/1): levels, every request, plateau.
                         "-" writes them to standard output (the table then goes to stderr);
                         so can --csv or --vllm-json, one at a time. Only regular files are
                         written: a device, FIFO or directory is refused
  --csv FILE.csv         one row per request
  --vllm-json FILE.json  every level in the shape of vLLM `bench serve` result JSON,
                         as {"levels": [...]}
  --vllm-dir DIR         one vLLM `bench serve --save-result`-shaped file per level
                         (DIR/c16.json, DIR/5rps.json...), for scripts that read those
  --journal FILE.jsonl   where the journal goes. A journal is always written, request by
                         request, so nothing is lost if the run is killed (see recover).
                         Default: next to --out (NAME.journal.jsonl), else in
                         ~/.cache/plateau/journals/. An unfinished journal already there is
                         kept: the run then writes NAME.journal.1.jsonl (and says so).
                         A write that fails (full disk) is reported at once; the run goes on
  -q, --quiet            no progress line or notices on stderr
  --assert CONDITION     after the run, check FIGURE OP NUMBER (OP: < <= > >= ==) on its
                         figures: best_in_budget.concurrency, best_in_budget.rate,
                         best_in_budget.output_throughput_tps, plateau_tps,
                         knee_concurrency; e.g. 'best_in_budget.concurrency >= 32'.
                         Repeatable (at most 32). Exit 5 when one fails: the figure is
                         missing, or breaks the condition with its whole 95% interval
  -h, --help             this text

The progress line (stderr) shows the level, requests done, live tok/s, requests in
flight, errors and the ETA. At the end a table with one row per level goes to stdout
(requests, errors, output tok/s, TTFT p50/p95, TPOT p50, e2e p50/p95, achieved
concurrency, notes such as "best in budget", "plateau", "client_bound"), then the
plateau line. Ctrl-C (or SIGTERM) aborts in-flight requests and still writes every
result; a second Ctrl-C quits at once (the journal is kept).

Examples:
  plateau-cli run
  plateau-cli run --concurrency 1..256 --requests-per-level 200 --stop-at-plateau --out r.json
  plateau-cli run --url http://localhost:8000/v1 --model Qwen/Qwen2.5-7B-Instruct \
      --concurrency 1,4,16,64 --input-tokens 1000 --output-tokens 200 \
      --budget 'ttft:p95<=500,e2e:p95<=10000' --out r.json --csv r.csv
  DATABRICKS_TOKEN=... plateau-cli run --api databricks \
      --url https://WORKSPACE/serving-endpoints/my-endpoint/invocations \
      --api-key-env DATABRICKS_TOKEN --rate 1,2,4,8 --duration-per-level 60
  plateau-cli run my-profile.json --concurrency 8 --quiet --out r.json

)TXT") + exitCodes();
}

QString sim() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli sim [options]

Serves the simulated OpenAI-compatible endpoint (continuous-batching model) until
SIGINT/SIGTERM. Prints "Plateau simulator listening on http://HOST:PORT (...)" on
stdout as soon as it is bound. Endpoints: POST /v1/chat/completions,
/v1/completions, /serving-endpoints/NAME/invocations; GET /v1/models, /health;
Prometheus metrics in vLLM's names at GET /metrics; ground truth at GET /sim/stats and
GET /sim/requests.

Options:
  --host ADDRESS     address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)
  --port PORT        port (default 0: any free port, printed on stdout)
  --preset NAME      performance model preset (see --list-presets; default "default")
  --config FILE.json a full simulator configuration (instead of --preset)
  --set KEY=VALUE    override one configuration value; repeatable, e.g.
                     --set max_batch=256 --set rate_500=0.05 --set rate_stall=0.01
                     Keys (as in --config JSON): max_batch, max_queue, decode_base_ms,
                     decode_per_seq_ms, prefill_tokens_per_s, prefill_chunk_tokens,
                     jitter_fraction, seed, default_max_tokens, api_key, model,
                     retry_after_s, history_limit; fault rates per request: rate_429,
                     rate_500, rate_drop, rate_error_event, rate_stall; workloads:
                     prefix_cache_blocks, prefix_block_words, early_stop_rate,
                     kv_cache_tokens
  --request-log FILE.jsonl
                     append the ground truth of every finished request to FILE, one JSON
                     object a line (the fields of GET /sim/requests: arrival, admission,
                     first and last token times in CLOCK_MONOTONIC ns, tokens, fault)
  --list-presets     list the presets and their plateau, then exit
  -h, --help         this text

Examples:
  plateau-cli sim
  plateau-cli sim --port 8000 --preset large-slow
  plateau-cli sim --set rate_429=0.1 --set rate_drop=0.05
  plateau-cli run --url http://127.0.0.1:8000/v1 --concurrency 1..256

)TXT") + exitCodes();
}

QString recover() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli recover JOURNAL.jsonl... [options]

Rebuilds a run's full result (every request, per-level statistics, plateau, best level
within budget) from its journal, including a journal cut off by a crash or kill -9
(a torn last line is skipped and reported). Prints the summary table. A --repeat N run
journals each repetition apart (R.journal.jsonl, R.journal.rep2.jsonl...): name them all,
in order, to rebuild the repetitions and their between-run intervals. An interleaved
run (--interleave-with) journals each level of each side apart: name A's first journal and
B's (R.journal.jsonl R.journal.B.jsonl) to rebuild both sides, write --out and its .B
partner, and print the compare table of A -> B as the run would have.

Options:
  -o, --out FILE.json    write the results (schema plateau.results/1); "-" = standard output
  --csv FILE.csv         write one row per request
  --vllm-json FILE.json  write vLLM `bench serve`-shaped JSON
  --vllm-dir DIR         write one vLLM result file per level into DIR
  -h, --help             this text

Example:
  plateau-cli recover ~/.cache/plateau/journals/plateau-run-20250101-120000-4242.jsonl --out r.json

)TXT") + exitCodes();
}

QString validate() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli validate PROFILE.json

Loads a profile (schema plateau.profile/2, or /1) and checks it without running it. Prints
every issue as "PROFILE: FIELD: MESSAGE" on stderr, or "PROFILE: OK" on stdout.

Exit codes:
  0    the profile is valid
  2    missing file, corrupt JSON, unknown field, newer schema or invalid values
)TXT");
}

QString compare() {
    return QString::fromUtf8(R"TXT(Usage: plateau-cli compare BASE.json NEW.json [options]

Compares two results files level by level (matched by concurrency, or by request rate):
for plateau_tps, each level's output_throughput_tps and its TTFT/TPOT/e2e percentiles,
the change NEW - BASE with its 95% confidence interval, its p-value and whether it is
significant (the interval excludes 0). Throughput: Welch's t test on the two levels'
batch-means intervals; latency percentiles: a two-sample bootstrap of the percentile
over the levels' requests (seeded: same files, same answer). See docs/METRICS.md.

Options:
  --format F         text (default), json, junit (JUnit XML, one test case per condition
                     and level) or markdown (a CI job summary)
  --fail-if COND     exit 5 when COND holds for a significant change; repeatable (at most
                     32). COND is FIGURE OP CHANGE: OP one of < <= > >= ==, CHANGE a signed
                     number, "%" for percent of BASE, else in the figure's unit (tok/s, ms).
                     A level figure fails when any matched level fails. FIGURE: plateau_tps,
                     output_throughput_tps, ttft.p50, ttft.p95, ttft.p99, tpot.p50,
                     tpot.p95, e2e.p50, e2e.p95, e2e.p99
  -h, --help         this text

Examples:
  plateau-cli compare base.json new.json
  plateau-cli compare base.json new.json --fail-if 'plateau_tps < -5%' \
      --fail-if 'ttft.p95 > +10%' --format junit > plateau-junit.xml

Exit codes:
  0    compared; no --fail-if condition held for a significant change
  2    bad arguments or condition, unreadable results file
  5    a --fail-if condition held for a significant change (a change beyond the
       threshold that is within the noise does not fail; it is listed)
)TXT");
}
} // namespace HelpText
