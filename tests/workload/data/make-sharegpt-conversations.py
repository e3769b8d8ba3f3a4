#!/usr/bin/env python3
"""Writes sharegpt-conversations.json: 8 short ShareGPT conversations of 2 to 6 turns (two
with a system prompt), short answers so a run against the simulator is quick. Seeded:
rerunning it writes the same file. Used by tst_conversationrun and by hand:
plateau-cli run --url sim --dataset tests/workload/data/sharegpt-conversations.json
--conversations --turns 4 --concurrency 1,4,16"""
import json
import random

rng = random.Random(1616)
ASK = ["How do I sort a list in Python?", "Why is my SQL query slow?",
       "What does this regular expression match?", "How should I name a Git branch?",
       "Can you explain Docker layers?", "Is a unit test enough here?",
       "What changes if the input is empty?", "And with a million rows?",
       "Can you show a shorter version?", "Why does that work?"]
SAY = ["Use the built-in function and pass a key.", "Add an index on the filtered column.",
       "It matches one or more digits at the start.", "Name it after the ticket and the change.",
       "Each instruction adds a layer that is cached.", "Add one for the empty case as well.",
       "Nothing breaks: the loop simply does not run.", "Stream it instead of loading it all.",
       "Here it is in two lines.", "Because the order is stable."]

entries = []
for i in range(8):
    turns = 2 + (i % 5)
    conv = []
    if i % 4 == 1:
        conv.append({"from": "system", "value": "You are a concise programming assistant."})
    for _ in range(turns):
        conv.append({"from": "human", "value": rng.choice(ASK)})
        conv.append({"from": "gpt", "value": rng.choice(SAY)})
    entries.append({"id": "chat-%d" % (i + 1), "conversations": conv})

with open("sharegpt-conversations.json", "w") as f:
    f.write("[\n" + ",\n".join(json.dumps(e) for e in entries) + "\n]\n")
