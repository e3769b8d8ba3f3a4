#!/usr/bin/env python3
"""Checks Plateau results files of a run against llama-server (check.sh).

    check-results.py OUTPUT_TOKENS A.json B.json...

Fails (exit 1) when a level lost or failed a request, or a request's output tokens are not
OUTPUT_TOKENS counted from the server's usage (the server ignores EOS, so every answer is
exactly max_tokens long). Also fails when the server's /metrics
(scraped with --server-metrics) was not recognised as llama.cpp's or gave a level no generation
tok/s. Prints one line per level: flavor, concurrency, requests, TTFT and TPOT p50, output tok/s
(the server's own, and the cross-check's difference), the range of input tokens (the server's
count of the prompt after its chat template).
"""
import json
import sys


def check(path: str, output_tokens: int) -> list:
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    problems = []
    profile = result["profile"]
    endpoint = profile["endpoints"][profile.get("active_endpoint", 0)]
    flavor = endpoint.get("flavor", "openai-chat")
    metrics = result.get("server_metrics") or {}
    if metrics.get("engine") != "llama.cpp":
        problems.append(f"{flavor}: /metrics not recognised as llama.cpp's: {metrics.get('engine')}")
    by_level = {}
    for request in result["requests"]:
        by_level.setdefault(request["level"], []).append(request)
    for level in result["levels"]:
        index = level["index"]
        requests = by_level.get(index, [])
        measured = [r for r in requests if not r.get("warmup")]
        load = f"{level['rate']:g} rps" if level.get("rate") else f"c={level.get('concurrency')}"
        where = f"{flavor} {load}"
        if not level.get("complete"):
            problems.append(f"{where}: level incomplete")
        if level["errors"]:
            problems.append(f"{where}: errors {level['errors']}")
        if level["successes"] != level["requests"] or len(measured) != level["requests"]:
            problems.append(
                f"{where}: {level['requests']} requests, {level['successes']} succeeded, "
                f"{len(measured)} recorded"
            )
        if level["requests"] == 0:
            problems.append(f"{where}: no request measured")
        estimated = 0
        for r in requests:
            if r.get("error"):
                problems.append(f"{where}: request {r['id']}: {r['error']} {r.get('error_message')}")
            elif r.get("output_tokens") != output_tokens or r.get("output_tokens_source") != "usage":
                problems.append(
                    f"{where}: request {r['id']}: {r.get('output_tokens')} output tokens "
                    f"({r.get('output_tokens_source')}), expected {output_tokens} from usage"
                )
            elif r.get("input_tokens_source") != "usage":
                # llama.cpp leaves out message_start (the input usage) when the first token is
                # an incomplete UTF-8 sequence (sent with the second: n_decoded is then 2): the
                # prompt is estimated then, and said so. Only that, and only for Anthropic.
                if flavor != "anthropic" or r.get("input_tokens_source") != "estimate":
                    problems.append(f"{where}: request {r['id']}: input tokens not from usage")
                estimated += 1
        server_tps = level.get("server_generation_tps")
        if server_tps is None:
            problems.append(f"{where}: no server generation tok/s from /metrics")
        cross = (level.get("server_cross_check") or {}).get("difference")
        inputs = sorted({r.get("input_tokens") for r in measured})
        ttft = (level.get("ttft_ms") or {}).get("p50")
        tpot = (level.get("tpot_ms") or {}).get("p50")
        print(
            f"  {where:24} {level['requests']:4} requests  TTFT p50 {fmt(ttft)} ms  "
            f"TPOT p50 {fmt(tpot)} ms  {fmt(level.get('output_throughput_tps'))} tok/s "
            f"(server {fmt(server_tps)}, {fmt(None if cross is None else cross * 100)}%)  "
            f"input tokens {inputs[0]}-{inputs[-1]}"
            + (f" ({estimated} estimated: no message_start)" if estimated else "")
        )
    return problems


def fmt(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def main() -> int:
    output_tokens = int(sys.argv[1])
    problems = []
    for path in sys.argv[2:]:
        problems += check(path, output_tokens)
    for problem in problems[:20]:
        print(f"llamacpp-check: {problem}", file=sys.stderr)
    if len(problems) > 20:
        print(f"llamacpp-check: ... and {len(problems) - 20} more", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
