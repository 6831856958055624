// SPDX-License-Identifier: GPL-3.0-or-later
// Text of the legitimate look-alikes: enterprise support bots (templated, narrow), benchmark runs
// (exam items, often with "Let's think step by step"), classroom homework (many students, the
// same assignment) and an office team's internal coding questions.
#include "textbank.h"

namespace quarry::gen {

std::string_view hardNegativePhrases() {
    return R"GRAMMAR(
@hn_support_preamble
You are the support assistant for {{company}}. Answer politely, cite the help center when relevant, and never promise refunds.
You are {{company}}'s customer care agent. Be concise and friendly. If unsure, escalate to a human.
System: You are a helpful support bot for {{company}}. Only answer questions about our products.
[{{company}} Support] You answer customer questions using the knowledge base below. Knowledge base: shipping, returns, billing, accounts.

@hn_support_turn
~3 Customer message: "{{support_msg}}"\nOrder: #{{#100000-999999}}\nReply:
~2 Customer ({{support_channel}}): {{support_msg}}\nDraft a reply.
Ticket #{{#10000-99999}} | Priority: {{support_prio}}\n{{support_msg}}\nClassify the ticket and draft a response.
Conversation so far:\nCustomer: {{support_msg}}\nAgent: {{support_agent_line}}\nCustomer: {{support_followup}}\nContinue as the agent.

@support_msg
Hi, my order hasn't arrived yet and it's been {{#5-20}} days. Can you check?
I was charged twice for my subscription this month.
How do I reset my password? The link in the email doesn't work.
Can I change the delivery address after ordering?
The {{product}} I received is damaged, what are my options?
I want to cancel my plan, but I can't find the button.
Do you ship to {{country_name}}?
Why was my card declined? I have enough money.
My discount code SAVE{{#10-30}} isn't working at checkout.
Is the {{product}} compatible with {{product}}?
I need an invoice with my company's VAT number, please.
The app keeps logging me out on Android.
Where is my refund? You said 5-7 business days.
Can I upgrade to the annual plan and get credit for this month?

@support_agent_line
I'm sorry to hear that. Could you share your order number?
Thanks for reaching out! Let me check that for you.
I understand, I've forwarded this to our billing team.

@support_followup
It's the one from last Tuesday.
Ok but when will it be fixed?
That doesn't help, I need it by Friday.
Thanks, that worked!

@support_channel
email
chat
WhatsApp
web form

@support_prio
low
normal
high
urgent

@product
wireless earbuds
smart thermostat
standing desk
espresso machine
Pro plan
family plan
router
running shoes
gift card

@company
Northwind Traders
Brightcart
Helio Telecom
Parcelly
Finch Bank
Lumen Home
Acme Outdoor
Kestrel Airlines

@hn_bench_mmlu
The following are multiple choice questions (with answers) about {{bench_subject}}.\n\n{{mmlu_item}}\nAnswer:
~2 Question: {{mmlu_item}}\nAnswer with the letter only.
{{mmlu_item}}\nLet's think step by step.

@bench_subject
high school biology
college physics
professional law
econometrics
world religions
abstract algebra
clinical knowledge
computer security

@mmlu_item
Which of the following is a function of the {{organelle}}?\nA. protein synthesis\nB. energy production\nC. lipid storage\nD. cell division
What is the SI unit of {{quantity}}?\nA. joule\nB. newton\nC. pascal\nD. watt
In the IS-LM model, an increase in government spending shifts\nA. IS right\nB. IS left\nC. LM right\nD. LM left
Which attack exploits a program writing past a buffer's end?\nA. SQL injection\nB. buffer overflow\nC. phishing\nD. replay attack
If a group G has order {{#6-60}}, which of the following must be true?\nA. G is cyclic\nB. G is abelian\nC. every element's order divides |G|\nD. G is simple

@organelle
mitochondrion
ribosome
Golgi apparatus
nucleus

@quantity
force
pressure
energy
power

@hn_bench_gsm8k
~2 Q: {{gsm_item}}\nA: Let's think step by step.
Q: {{gsm_item}}\nA:
Solve the following math problem. Put the final answer after ####.\n{{gsm_item}}

@gsm_item
Janet has {{#3-20}} ducks that lay {{#2-5}} eggs each per day. She eats {{#1-4}} and sells the rest for ${{#2-3}} each. How much does she make daily?
A store sells pencils at {{#2-9}} for $1. How much do {{#20-90}} pencils cost?
Tom reads {{#10-40}} pages a day. How many days to finish a {{#200-600}}-page book?
A tank fills at {{#3-12}} liters per minute and leaks {{#1-2}} per minute. How long to fill {{#100-400}} liters?
There are {{#20-40}} students; {{#30-70}}% are girls. How many boys are there?

@hn_hw_cs101
~2 {{hw_intro}} write a Python function that {{hw_cs_task}}. {{hw_outro}}
{{hw_intro}} my function to {{hw_cs_task}} doesn't work:\n```python\n{{snippet_py}}\n```\n{{hw_outro}}
{{hw_intro}} what is the output of this code and why?\n```python\nx = [1, 2, 3]\ny = x\ny.append({{#4-9}})\nprint(x)\n```

@hw_cs_task
counts the vowels in a string
returns the largest number in a list without using max()
checks if a number is prime
reverses each word in a sentence
computes the factorial recursively

@hn_hw_stats
~2 {{hw_intro}} a sample of {{#20-60}} students has mean {{#60-80}} and standard deviation {{#5-15}}. {{hw_stats_q}} {{hw_outro}}
{{hw_intro}} {{hw_stats_q2}} {{hw_outro}}

@hw_stats_q
Construct a 95% confidence interval for the mean.
Test whether the mean differs from 70 at the 5% level.
What is the standard error?

@hw_stats_q2
explain the difference between type I and type II errors
when should I use a t-test instead of a z-test?
how do I interpret a p-value of 0.03?

@hn_hw_calc
~2 {{hw_intro}} find the derivative of {{calc_fn}}. {{hw_outro}}
{{hw_intro}} evaluate the integral of {{calc_fn}} from 0 to {{#1-5}}. {{hw_outro}}

@calc_fn
x^{{#2-6}} * sin(x)
e^({{#2-5}}x) / x
ln(x^2 + {{#1-9}})
sqrt({{#2-9}}x + 1)

@hw_intro
~2 
For my homework,
Problem {{#1-12}}:
Our professor asked us to
hi, assignment {{#2-6}} question:
Can you help me understand how to

@hw_outro
~2 
Please show the steps so I can follow.
I don't want just the answer, explain it.
Due tonight!!
thanks

@hn_office
Our {{internal_service}} service {{bug_symptom}} in staging. The logs show "{{error_msg}}". Any ideas?
How should we structure the {{internal_service}} module so it's testable?
Review this PR description for clarity: "Refactor {{internal_service}} client, add retries, bump deps."
Write a migration that adds a nullable column `{{column_name}}` to the {{internal_service}}_events table.
Generate a Terraform snippet for an S3 bucket with versioning for {{internal_service}}.

@internal_service
billing
auth
search
notifications
inventory
reporting

@column_name
archived_at
tenant_id
retry_count
external_ref
)GRAMMAR";
}

}  // namespace quarry::gen
