// SPDX-License-Identifier: GPL-3.0-or-later
// Phrasing of the human-paced "mimic" rings: harvest prompts written to read like a student's or
// a developer's question (no system tags, no house output format), slot-filled from one bank so
// the ring's accounts still send near-duplicates, and a conversational request for the model's
// reasoning appended to most of them. Deliberately its own wording: nothing here is shared with
// the hydra templates of phrases_campaign.cpp.
#include "textbank.h"

namespace quarry::gen {

std::string_view mimicPhrases() {
    return R"GRAMMAR(
@m_cot
Can you walk me through your reasoning step by step?
Please show each step of your thinking before the final answer.
Go through it step by step and don't skip anything, I want to follow the logic.
Explain how you get there, one step at a time.
I'd like to see the full reasoning, not just the answer.
Think it through carefully first and show me the steps.
Could you lay out the reasoning in numbered steps and then give the result?
Please reason it out in detail before you answer.
Break your thinking down step by step, including anything you check along the way.
Talk me through your thought process, then state the final answer clearly.

@m_reason
I'm {{m_student}} and got stuck on this one: {{m_problem}}
Quick question from my {{m_course}} problem set. {{m_problem}}
{{m_problem}} This came up in {{m_source}} and I'm not sure my answer is right.
My {{m_person}} asked me this and I couldn't figure it out: {{m_problem}}
Could you help me solve this? {{m_problem}}
Here's a puzzle I found {{m_where}}: {{m_problem}}
Trying to check my work on this: {{m_problem}} I got {{#2-400}} but I'm not confident.
Hi! {{m_problem}}
For a {{m_course}} review session: {{m_problem}}
How would you approach this? {{m_problem}}

@m_student
studying for {{m_exam}}
a {{first|second|third}}-year student
preparing for an interview
tutoring my {{m_person}}

@m_exam
the GRE
the AMC 12
my finals
a qualifying exam
the actuarial exam P

@m_course
discrete math
probability
linear algebra
algorithms
intro physics
logic

@m_source
a textbook exercise
an old exam
a coding interview
a study group

@m_person
little brother
cousin
colleague
friend
daughter

@m_where
online
in a puzzle book
on a forum
in a newsletter

@m_problem
A train leaves at {{#6-9}}:{{#10-59}} going {{#40-90}} km/h and another leaves {{#1-3}} hours later at {{#60-120}} km/h on the same track. When does the second catch up?
What is the probability of getting at least {{#2-4}} heads in {{#5-8}} fair coin flips?
How many {{#3-5}}-digit numbers have digits that add up to {{#9-15}}?
A rectangle's perimeter is {{#20-80}} cm and its diagonal is {{#9-29}} cm. What is its area?
Show that the product of any {{three|four}} consecutive integers is divisible by {{6|24}}.
Is {{#101-999}} prime? If not, factor it.
Three friends split a bill of ${{#40-200}}. One pays twice what the second pays and the third pays ${{#5-20}} more than the second. How much does each pay?
If log base {{#2-9}} of x equals {{#2-5}}, what is x squared?
A box holds {{#4-9}} white and {{#2-7}} black socks. You grab socks in the dark. How many must you take to be sure of a matching pair, and a pair of each color?
What is the sum of the interior angles of a {{#5-14}}-sided polygon, and how do you derive the formula?
Two dice are rolled. Given that the sum is at least {{#7-10}}, what is the probability that both show the same number?
Find the smallest positive integer that leaves remainder {{#1-3}} when divided by {{#4-6}}, {{#7-9}} and {{#10-12}}.
A pool is filled by pipe A in {{#3-8}} hours and by pipe B in {{#4-12}} hours. How long with both open?
Solve for x: {{#2-9}}x^2 - {{#3-20}}x + {{#1-9}} = 0, and say whether the roots are real.
In a group of {{#20-60}} people, {{#10-30}} like tea, {{#10-30}} like coffee and {{#3-9}} like both. How many like neither?
Is the following reasoning valid: if it rains the match is cancelled; the match was cancelled; so it rained?
An investment grows {{#3-9}}% a year. After how many years does it double?
What is the expected number of rolls of a fair die until you see a {{#1-6}}?
How many diagonals does a convex polygon with {{#6-20}} sides have?
A ladder {{#5-9}} m long leans on a wall with its foot {{#1-4}} m from the wall. How high up does it reach?

@m_code
I'm working on {{m_project}} and need to {{m_code_task}}. Here's what I have so far:\n```{{m_lang}}\n{{snippet}}\n```
How would you {{m_code_task}} in a {{m_project}}? Please plan the changes file by file.
My {{m_project}} needs to {{m_code_task}}. What's the cleanest way to do it in {{m_lang}}?
I keep getting this when I try to {{m_code_task}}:\n{{error_msg}}\nWhat am I doing wrong?
Could you write {{m_lang}} code to {{m_code_task}}? It's for {{m_project}}.
I tried to {{m_code_task}} and now {{#2-9}} tests fail. The first one says:\n{{error_msg}}\nWhat should I change next?
We're refactoring {{m_project}}. How would you {{m_code_task}} without breaking the public API?
Reviewing a teammate's PR that tries to {{m_code_task}}. What should I look for?

@m_project
a small Flask app
our internal dashboard
a side project in {{m_lang}}
a CLI tool
a Django backend
a data pipeline
a Chrome extension
a Discord bot

@m_lang
python
typescript
go
rust
java

@m_code_task
add caching to the slow endpoints
parse a config file with nested sections
retry failed HTTP calls with backoff
split a large module into smaller ones
stream a big CSV without loading it all
add unit tests for the date handling
replace callbacks with async/await
deduplicate records coming from two APIs
add pagination to a list endpoint
validate user input before it hits the database
)GRAMMAR";
}

}  // namespace quarry::gen
