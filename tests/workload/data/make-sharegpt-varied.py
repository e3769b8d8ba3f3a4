#!/usr/bin/env python3
"""Writes sharegpt-varied.json: 200 ShareGPT-style conversations with varied prompt and
answer lengths (log-normal, like real chat traffic), some with a system prompt or several
turns, and 3 malformed entries. Seeded: rerunning it writes the same file. Used by the GUI's
Workload tab screenshot and by hand (plateau-cli run --dataset ...)."""
import json
import random

rng = random.Random(16)
TOPICS = ["a Python list", "a SQL query", "a REST API", "a Kubernetes pod", "a React component",
          "a CSV file", "a regular expression", "a Git branch", "a Docker image", "a C++ template",
          "an nginx config", "a unit test", "a bash script", "a Rust lifetime", "a JSON schema"]
VERBS = ["sort", "debug", "speed up", "document", "refactor", "secure", "deploy", "test",
         "explain", "migrate", "profile", "validate"]
CONTEXT = ["I am new to this and the documentation confuses me.",
           "It works on my laptop but fails in production.",
           "My team lead asked for a cleaner version before Friday.",
           "The current approach takes several minutes on large inputs.",
           "I tried the obvious fix and it made things worse.",
           "Please keep the explanation short and give an example.",
           "We run this inside a CI pipeline with limited memory.",
           "The error message only says that something unexpected happened.",
           "I would like to understand why, not only what to change.",
           "Assume the reader knows the basics but not the internals."]
ANSWER = ["First, check which version you are running, since the behaviour changed recently.",
          "The simplest fix is to move the expensive call out of the loop.",
          "Here is a minimal example that shows the idea step by step.",
          "This happens because the default setting favours safety over speed.",
          "You can confirm it by adding a log line before and after the call.",
          "Keep the original around until the new version passes every test.",
          "In most cases the bottleneck is input and output rather than computation.",
          "A common mistake is to catch the error and silently continue.",
          "If the data is large, process it in chunks instead of loading it all at once.",
          "Finally, write down what you changed so the next person can follow it.",
          "Note that the order of these steps matters for the result.",
          "Measure before and after, because intuition about performance is often wrong."]
SYSTEM = "You are a concise senior engineer. Answer with practical steps."


def length(median, sigma, low, high):
    return max(low, min(high, int(rng.lognormvariate(0, sigma) * median)))


def text(first, pool, words):
    out = first.split()
    while len(out) < words:
        out += rng.choice(pool).split()
    return " ".join(out[:words])


def question():
    verb, topic = rng.choice(VERBS), rng.choice(TOPICS)
    return text(f"How do I {verb} {topic}?", CONTEXT, length(18, 0.8, 6, 300))


def answer():
    return text(rng.choice(ANSWER), ANSWER, length(40, 0.75, 4, 500))


entries = []
for i in range(200):
    messages = []
    if rng.random() < 0.2:
        messages.append({"from": "system", "value": SYSTEM})
    for _ in range(1 if rng.random() < 0.8 else rng.randint(2, 3)):
        messages.append({"from": "human", "value": question()})
        messages.append({"from": "gpt", "value": answer()})
    entries.append(json.dumps({"id": f"conv-{i + 1}", "conversations": messages}))
# Malformed entries, counted and skipped by the reader.
entries.insert(17, "42")
entries.insert(90, json.dumps({"id": "no-messages"}))
entries.insert(151, json.dumps({"conversations": [{"from": "gpt", "value": "only an answer"}]}))
with open("sharegpt-varied.json", "w") as out:
    out.write("[\n" + ",\n".join(entries) + "\n]\n")
