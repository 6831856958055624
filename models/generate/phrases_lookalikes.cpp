// SPDX-License-Identifier: GPL-3.0-or-later
// Text of the look-alikes added with --negatives all: cron jobs that send one report template on
// a timer, SaaS apps that wrap every end user's text in one fixed template, and the tool-loop
// turns of agentic-coding power users.
#include "textbank.h"

namespace quarry::gen {

std::string_view lookalikePhrases() {
    return R"GRAMMAR(
@hn_cron_preamble
[{{internal_service}}-digest] Summarize the log excerpt below for the on-call channel in at most five bullet points.
You are a monitoring assistant. Classify the alerts below as noise, warning or incident and give a one-line reason for each.
Nightly report job: turn the metrics below into a short status paragraph for the team wiki.

@hn_cron
Window: {{#0-23}}:00-{{#0-23}}:59 UTC\nService: {{internal_service}}\nErrors: {{#0-400}}\nWarnings: {{#0-900}}\np95 latency: {{#80-2400}} ms\nTop error: {{error_msg}}
Window: last {{#5-60}} minutes\nService: {{internal_service}}\nQueue depth: {{#0-5000}}\nFailed jobs: {{#0-40}}\nTop error: {{error_msg}}

@hn_saas_preamble
You are the writing assistant of a product-listing tool. Rewrite the seller's text as a clear product description.
You are an email assistant inside a CRM. Draft a reply to the customer email below in the user's tone.
You summarize meeting transcripts for a notes app. Return a title, three bullet points and action items.
You translate and localize app-store reviews for a feedback dashboard.

@hn_saas
User text:\n"{{saas_text}}"\nTone: {{saas_tone}}. Length: {{short|medium|long}}.

@saas_text
{{product}} in great condition, used {{#2-11}} times, comes with the original box.
Hi, I ordered the {{product}} last week and it still hasn't shipped. Can you check?
{{sample_sentence}} {{sample_sentence}}
Meeting notes: we agreed to move the launch to {{weekday}} and {{internal_service}} owns the migration.
The app crashes every time I open the camera. Otherwise I love it, {{#1-5}} stars.
Selling my {{product}}, barely used, pickup only.
Can we reschedule our call to {{weekday}} afternoon?

@saas_tone
friendly
formal
concise
enthusiastic

@weekday
Monday
Tuesday
Wednesday
Thursday
Friday

@hn_agent_loop
Tool result (run_tests): {{#1-9}} failed, {{#10-300}} passed.\n{{error_msg}}\nContinue fixing the failing tests.
Tool result (read_file src/{{internal_service}}.py): {{#20-600}} lines.\n```python\n{{snippet_py}}\n```\nNow apply the change we discussed.
The build passes now. Next: {{code_task}} in {{lang}}. Plan first, then edit the files.
Edit applied. {{#1-12}} files changed. Run the linter and fix what it reports.
Here is the diff so far, review it before we commit:\n```\n{{snippet}}\n```
Let's think about the design before editing: how should {{internal_service}} handle retries?
)GRAMMAR";
}

}  // namespace quarry::gen
