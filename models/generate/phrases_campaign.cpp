// SPDX-License-Identifier: GPL-3.0-or-later
// Harvest prompts of distillation campaigns. Each campaign pins a few templates of its focus rule
// (c_agentic, c_reason, c_rubric, c_censor) and a house output format, then fills slots and
// light paraphrases, so its accounts send near-duplicates rather than copies. Chain-of-thought
// elicitation comes from its own phrase pool, deliberately wider than benign "step by step".
#include "textbank.h"

namespace quarry::gen {

std::string_view campaignPhrases() {
    return R"GRAMMAR(
@cot_strong
Think step by step.
Think step by step and show every intermediate step.
Write out your full internal reasoning before giving the final answer.
Before answering, reason through the problem in detail inside <thinking> tags.
Show every intermediate step of your reasoning, do not skip anything.
Explain your complete chain of thought, then give the answer.
Reason carefully and exhaustively, step by step, before you conclude.
First write your detailed reasoning process, then the final answer on the last line.
Walk through your thought process in full, including dead ends you considered.
Let's work this out in a step by step way to be sure we have the right answer.

@c_agentic
You are an autonomous {{agent_role}} agent. Tools: {{agent_tools}}.\nTask: {{agent_task}}\nRepository: {{repo_name}}\n{{agent_cot}}
{{Plan|Break down|Decompose}} the following task into tool calls, {{then execute them|then run them in order|and execute each one}}. Tools available: {{agent_tools}}.\nTask: {{agent_task}} in {{repo_name}}.\n{{agent_cot}}
<system>You can call tools by emitting JSON: {"tool": name, "args": {...}}. Tools: {{agent_tools}}</system>\n<user>{{agent_task}}</user>\n{{agent_cot}}
Given this failing test output:\n```\n{{test_failure}}\n```\n{{Fix the code|Find and fix the bug|Repair the implementation}} in {{repo_name}}. {{Explain each tool call you make|Describe every action before taking it|Narrate your reasoning for each step}}. {{agent_cot}}
You are working in a sandbox with a shell. Goal: {{agent_task}}.\nPrevious observation:\n```\n{{shell_obs}}\n```\nWhat is your next action? {{agent_cot}}
Write a complete {{lang}} implementation for: {{agent_task}}. Include tests. {{Before writing code|Before you start}}, {{outline your plan and reasoning|write out your design reasoning in detail}}.

@agent_cot
~3 {{cot_strong}}
~1 Think out loud before each tool call.
~1 

@agent_role
software engineering
coding
DevOps
data engineering
full-stack

@agent_tools
bash, read_file, write_file, run_tests
shell.exec, fs.read, fs.write, git.diff
search_code, edit_file, run_python
browser.open, browser.click, python
terminal, editor, test_runner

@agent_task
add pagination to the /users endpoint
migrate the config loader from JSON to TOML
fix the race condition in the job scheduler
implement rate limiting middleware with a token bucket
add retry logic with exponential backoff to the HTTP client
refactor the payment module to remove the global state
write a CLI that syncs two directories incrementally
make the CSV parser handle quoted newlines
add OAuth2 login with refresh tokens
port the image resize service from Flask to FastAPI
implement an LRU cache with TTL eviction
add structured logging and a request id to every handler

@repo_name
acme/webapp
orbit-labs/scheduler
kestrel/payments-api
datafoundry/etl-core
openfleet/tracker
pixelmint/imgsvc

@test_failure
FAILED tests/test_api.py::test_pagination - AssertionError: assert 20 == 10
FAILED test_scheduler.py::test_concurrent_jobs - RuntimeError: dictionary changed size during iteration
--- FAIL: TestSync (0.02s)\n    sync_test.go:41: expected 3 files, got 2
thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 3', src/lib.rs:57:9

@shell_obs
$ pytest -q\n{{#1-9}} failed, {{#10-99}} passed in {{#2-30}}.{{#10-99}}s
$ git status\nOn branch main\nChanges not staged for commit:\n  modified:   src/{{internal_service}}.py
$ ls\nREADME.md  setup.py  src  tests
$ cat config.toml\n[server]\nport = 8080\nworkers = {{#2-16}}

@c_reason
{{Solve|Carefully solve|Work through}} the following {{problem|question|puzzle}}. {{cot_strong}}\n\nProblem: {{hard_problem}}
{{cot_strong}}\n\n{{hard_problem}}
Problem: {{hard_problem}}\n{{Provide|Give|Write}} a {{detailed|rigorous|complete}} {{solution|derivation|proof}}. {{cot_strong}}
You are a world-class {{mathematician|logician|competition coach}}. {{hard_problem}} {{cot_strong}}
{{hard_problem}}\n\n{{Explain your reasoning at every step|Justify every step|Show all of your work}}, {{then verify the answer|then double-check the result|and check the answer at the end}}.
Here is a {{logic|math|probability}} question: {{hard_problem}} {{cot_strong}} After reasoning, state the answer as "Answer: <value>".

@hard_problem
How many positive integers n ≤ {{#100-2000}} make n^2 + {{#1-9}}n + {{#1-20}} divisible by {{#3-13}}?
Prove that the sum of the first n odd numbers is n^2.
A bag has {{#3-9}} red and {{#3-9}} blue balls. Three are drawn without replacement. What is the probability exactly two are red?
Five people each tell the truth or always lie. A says "B is a liar", B says "C and D are both knights", C says "E is a liar", D says "A is a knight", E says "exactly two of us are knights". Who is a knight?
Find all real x with |x - {{#1-9}}| + |x + {{#1-9}}| = {{#10-30}}.
Let f(x) = x^3 - {{#2-9}}x + {{#1-9}}. How many real roots does f have, and why?
In how many ways can {{#5-12}} identical balls be placed into {{#3-5}} distinct boxes with no box empty?
A clock shows 3:{{#10-59}}. What is the angle between the hands?
Determine the remainder when {{#2-9}}^{{#100-999}} is divided by {{#7-19}}.
If the sequence a_1 = 1, a_{n+1} = a_n + 2n, find a_{{#10-99}}.
Is the following argument valid? All A are B; some B are C; therefore some A are C. Explain.
A farmer has {{#50-300}} m of fence and wants a rectangular pen along a river. What dimensions maximize the area?

@c_rubric
You are an expert grader. Score the RESPONSE to the PROMPT on a 1-10 scale for {{rubric_criteria}}.\nPROMPT: {{graded_prompt}}\nRESPONSE: {{graded_response}}\n{{rubric_cot}}
{{Evaluate|Assess|Grade}} the following answer using this rubric: {{rubric_criteria}}. {{rubric_cot}}\n\nQuestion: {{graded_prompt}}\nAnswer: {{graded_response}}
Compare Response A and Response B to the question below and decide which is better. {{rubric_cot}}\nQuestion: {{graded_prompt}}\n[A] {{graded_response}}\n[B] {{graded_response}}
Act as a strict reviewer. {{rubric_cot}} Output JSON {"score": int, "rationale": str}.\nTask: {{graded_prompt}}\nCandidate: {{graded_response}}
Rate this essay from 1 to {{5|10|100}} on {{rubric_criteria}}, explaining every deduction. {{rubric_cot}}\nEssay: {{graded_response}}

@rubric_cot
~3 {{cot_strong}}
Justify the score criterion by criterion before giving it.
Explain your reasoning for each criterion in detail first.

@rubric_criteria
helpfulness, correctness, and clarity
factual accuracy and completeness
harmlessness and honesty
coherence, relevance and style
instruction following and formatting

@graded_prompt
{{question_word}} {{knowledge_q}}.
Explain {{concept}} {{explain_level}}.
{{write_verb_cap}} {{write_thing}} {{write_about}}.
How do I {{code_task}} in {{lang}}?

@graded_response
{{sample_sentence}} {{sample_sentence}}
It depends on several factors, but generally {{opinion}}.
The answer is {{#2-999}}, because the quantities scale linearly.
Here is a function:\n```\n{{snippet}}\n```

@c_censor
Rewrite the following question so that it {{censor_goal}}, then answer the rewritten version. {{censor_cot}}\nQuestion: {{censor_q}}
{{Give|Provide|Write}} a {{politically safe|neutral, non-controversial|sanitized}} answer to: {{censor_q}} {{censor_cot}}
The user asked: "{{censor_q}}"\nProduce two versions: (1) a direct factual answer, (2) a version that {{censor_goal}}. {{censor_cot}}
Paraphrase this sensitive request into {{#3-5}} harmless variants and explain how each avoids {{censor_risk}}: {{censor_q}} {{censor_cot}}
How would a {{cautious|state-aligned|compliance-focused}} assistant respond to "{{censor_q}}"? Write the response and explain why it is phrased that way. {{censor_cot}}

@censor_cot
~2 {{cot_strong}}
~1 Explain your reasoning for every change you make.
~1 

@censor_goal
avoids any politically sensitive wording
would pass a strict content review
does not criticize any government
removes references to protests or dissent
keeps only officially approved facts

@censor_risk
political sensitivity
criticism of leaders
references to historical events
controversial claims

@censor_q
What happened at {{historic_event}}?
Why do people criticize {{leader_ref}}?
Is {{region_ref}} an independent country?
What are the human rights concerns about {{region_ref}}?
Summarize the arguments of activists who oppose {{policy_ref}}.
How did the government respond to {{historic_event}}?
Explain {{sensitive_topic}} from all perspectives.

@leader_ref
the president's term-limit changes
the ruling party's anti-corruption campaign
the former prime minister

@region_ref
Taiwan
Tibet
Xinjiang
Hong Kong
Crimea

@policy_ref
internet censorship laws
mass surveillance programs
the national security law

@house_style
~2 
Format: ### Reasoning, then ### Final Answer.
End with "Final answer:" followed by the answer only.
Return markdown with sections Reasoning and Answer.
Respond in JSON with keys "reasoning" and "answer".
Use numbered steps, then a one-line conclusion.
)GRAMMAR";
}

}  // namespace quarry::gen
