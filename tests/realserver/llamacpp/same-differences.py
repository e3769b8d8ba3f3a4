#!/usr/bin/env python3
"""The differences two `plateau-cli compare --format json` outputs both found (check.sh).

    same-differences.py COMPARE.json [COMPARE.json...]

A --fail-if condition that failed (significant beyond its margin) or held untested (too few
requests) at a level is a difference. With one file: exit 1 if it has any. With several (the
same comparison measured again, chat as BASE every time): exit 1 only for a condition that
failed at the same level in all of them, so a few seconds of drift on a busy machine, which
does not repeat where it happened, is not taken for a protocol's cost.
"""
import json
import sys


def differences(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        compare = json.load(f)
    found = {}
    for gate in compare["gates"]:
        for line in gate.get("failing", []) + gate.get("untested", []):
            level = line.split(" ", 1)[0]
            found[(gate["condition"], level)] = line
    return found


def main() -> int:
    runs = [differences(path) for path in sys.argv[1:]]
    every = {k: v for k, v in runs[-1].items() if all(k in run for run in runs)}
    for (condition, _), line in sorted(every.items()):
        print(f"llamacpp-check: {condition}: {line}", file=sys.stderr)
    return 1 if every else 0


if __name__ == "__main__":
    sys.exit(main())
