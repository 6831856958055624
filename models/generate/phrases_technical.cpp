// SPDX-License-Identifier: GPL-3.0-or-later
// Developer prompts: how-to questions, pasted code with errors (multi-line, quotes and commas, so
// CSV readers get exercised), data questions, embeddings input and the tool-use calls that
// ordinary agent frameworks send.
#include "textbank.h"

namespace quarry::gen {

std::string_view technicalPhrases() {
    return R"GRAMMAR(
@t_coding
~3 How do I {{code_task}} in {{lang}}?
~2 {{please}}write a {{lang}} function that {{func_spec}}.
What's the idiomatic way to {{code_task}} in {{lang}}?
Can you explain what this does?\n{{code_block}}
Convert this code to {{lang}}:\n{{code_block}}
Write unit tests for a function that {{func_spec}}. Use {{test_framework}}.
What's the time complexity of {{algo}}?
Best way to structure a {{project_kind}} in {{lang}}? I'm using {{framework}}.
Review my code and suggest improvements:\n{{code_block}}
Regex to {{regex_task}}?
Write a SQL query that {{sql_task}}.
How do I {{git_task}} with git?

@t_debug
~3 I'm getting this error: `{{error_msg}}` when I {{debug_context}}. {{debug_ask}}
~2 Why does this code {{bug_symptom}}?\n{{code_block}}\n{{debug_ask}}
Fix this:\n{{code_block}}\nError: {{error_msg}}
{{error_msg}}\n\nany idea?
My {{framework}} app {{bug_symptom}} after upgrading. Logs say "{{error_msg}}".

@debug_ask
~2 How do I fix it?
What am I doing wrong?
Any ideas?
I've tried restarting, same thing.
Please help, deadline is tomorrow.

@debug_context
run npm install
deploy to Kubernetes
import pandas
run my Docker container
call the API from my React app
run pytest in CI
compile with -O2
connect to Postgres from a Lambda

@bug_symptom
return None
hang forever
crash with a segfault
print the wrong result
leak memory
run slower than expected
work locally but not in CI

@error_msg
TypeError: Cannot read properties of undefined (reading 'map')
ModuleNotFoundError: No module named 'torch'
error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable
Segmentation fault (core dumped)
psycopg2.OperationalError: could not connect to server: Connection refused
CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource
java.lang.NullPointerException at com.example.Main.run(Main.java:42)
fatal: refusing to merge unrelated histories
ValueError: shapes (3,2) and (3,) not aligned: 2 (dim 1) != 3 (dim 0)
undefined reference to `pthread_create'
KeyError: 'user_id'
OOMKilled

@code_block
~3 ```python\n{{snippet_py}}\n```
~2 ```javascript\n{{snippet_js}}\n```
```cpp\n{{snippet_cpp}}\n```
```sql\n{{snippet_sql}}\n```
```go\n{{snippet_go}}\n```
```\n{{snippet_py}}\n```

@snippet
{{snippet_py}}
{{snippet_js}}
{{snippet_cpp}}
{{snippet_go}}

@snippet_py
def mean(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total / len(xs)\n\nprint(mean([]))
df = pd.read_csv("sales.csv", sep=";")\ndf["total"] = df["price"] * df["qty"]\nprint(df.groupby("region").total.sum())
with open("data.txt") as f:\n    lines = f.readlines()\nwords = [l.split(",") for l in lines]\nprint(len(words))
class Cache:\n    def __init__(self, items=[]):\n        self.items = items\n    def add(self, x):\n        self.items.append(x)
import requests\nr = requests.get(url, params={"page": 1, "limit": 50})\nfor item in r.json()["data"]:\n    print(item["id"], item.get("name", ""))
async def fetch_all(urls):\n    tasks = [fetch(u) for u in urls]\n    return await asyncio.gather(*tasks)

@snippet_js
for (let i = 0; i <= arr.length; i++) {\n  console.log(arr[i].name, "is", arr[i].age);\n}
const res = await fetch(url, { method: "POST", body: data });\nconst json = res.json();\nconsole.log(json.items.length);
useEffect(() => {\n  fetch("/api/user").then(r => r.json()).then(setUser);\n});
const total = cart.reduce((sum, item) => sum + item.price * item.qty);\nconsole.log(`Total: ${total}`);

@snippet_cpp
std::vector<int> v = {1, 2, 3};\nfor (auto it = v.begin(); it != v.end(); ++it) {\n    if (*it == 2) v.erase(it);\n}
int* p = malloc(10 * sizeof(int));\nfor (int i = 0; i < 10; i++) p[i] = i * i;\nprintf("%d\\n", p[10]);
std::string s = "hello";\nconst char* c = (s + " world").c_str();\nstd::cout << c << std::endl;

@snippet_sql
SELECT user_id, COUNT(*) AS n\nFROM orders\nWHERE created_at > '2024-01-01'\nGROUP BY 1\nHAVING n > 5;
SELECT a.name, b.total\nFROM accounts a\nLEFT JOIN invoices b ON a.id = b.account_id\nWHERE b.total > 100 OR b.total IS NULL;

@snippet_go
func handler(w http.ResponseWriter, r *http.Request) {\n    body, _ := io.ReadAll(r.Body)\n    fmt.Fprintf(w, "got %d bytes", len(body))\n}
for _, v := range items {\n    go func() {\n        process(v)\n    }()\n}

@lang
~3 Python
~2 JavaScript
TypeScript
Java
C++
Go
Rust
C#
Kotlin
Swift
Ruby
PHP
Bash
R

@code_task
read a CSV file with headers
parse JSON from an API response
sort a list of dictionaries by a key
make an HTTP request with retries
handle timezones correctly
remove duplicates from a list while keeping order
run tasks in parallel
write a file atomically
validate an email address
paginate results from a REST API
hash a password securely
debounce a function
read environment variables with defaults
stream a large file line by line
implement a LRU cache

@func_spec
checks if a string is a palindrome
merges two sorted arrays
returns the n-th Fibonacci number
flattens a nested list
converts Roman numerals to integers
finds the longest common prefix of a list of strings
groups transactions by month and sums them
validates a credit card number with the Luhn algorithm
computes the median of a stream of numbers
retries a callable with exponential backoff

@test_framework
pytest
Jest
JUnit 5
Google Test
Go's testing package

@algo
quicksort
binary search on a rotated array
Dijkstra with a binary heap
building a heap from an array
the two-sum hash map approach

@project_kind
REST API
CLI tool
monorepo
data pipeline
mobile app
Chrome extension

@framework
Django
FastAPI
React
Next.js
Spring Boot
Flask
Express
Rails
Vue
Qt

@regex_task
match a US phone number
extract all URLs from text
validate an IPv4 address
find repeated words
match dates like 2024-03-15

@sql_task
finds the top 3 customers by revenue per month
returns users who signed up but never ordered
computes a 7-day rolling average of sales
deduplicates rows keeping the latest version

@git_task
undo the last commit but keep my changes
squash my last 4 commits
remove a file from history
rebase my branch on main

@t_data
~2 I have a dataset with columns {{columns}}. How should I {{data_task}}?
Which chart should I use to show {{chart_goal}}?
Explain {{stat_concept}} and when to use it.
Write pandas code to {{pandas_task}}.
My model has {{#60-99}}% accuracy on train and {{#40-80}}% on test. What's going on?

@columns
"date, region, revenue, units"
"user_id, signup_date, plan, churned"
"patient_id, age, bmi, outcome"
"timestamp, sensor_id, temperature, humidity"

@data_task
detect outliers
handle missing values
predict churn
forecast next month
segment customers

@chart_goal
sales by region over time
the distribution of salaries
correlation between two variables
a funnel conversion

@stat_concept
a p-value
the difference between correlation and causation
a confidence interval
cross-validation
regularization

@pandas_task
pivot monthly sales by product
merge two dataframes on a fuzzy key
resample minute data to hourly averages
one-hot encode a column

@t_agentic
~2 {"role":"system","content":"You are a helpful assistant with access to tools: {{tool_list}}."} {"role":"user","content":"{{agent_user_task}}"}
Use the {{tool_name}} tool to {{agent_user_task_lc}}. Return the result as JSON.
Observation: {"status": "ok", "results": {{#0-25}}}\nThought: I should {{agent_next}}.
You can call functions. Available: {{tool_list}}. User request: {{agent_user_task}}
You are an assistant that plans before acting. Think step by step, then call one of: {{tool_list}}.\nUser: {{agent_user_task}}

@tool_list
get_weather, search_web
calendar.create_event, calendar.list_events, send_email
sql_query, plot_chart
read_file, write_file, run_shell
search_products, add_to_cart
lookup_order, refund_order

@tool_name
search_web
get_weather
sql_query
calendar.create_event
read_file

@agent_user_task
Book a meeting with Sam next Tuesday afternoon
What's the weather in {{city}} tomorrow?
Find the cheapest flight to {{city}} next month
Summarize the last 5 emails from my boss
How many orders did we ship last week?
Create a chart of monthly signups

@agent_user_task_lc
find recent news about {{concept}}
look up the forecast for {{city}}
count the active users this month
list my meetings for tomorrow

@agent_next
call get_weather with the city name
summarize the results for the user
ask the user to confirm the date
query the orders table again with a date filter

@t_embed
{{sample_sentence}}
{{phrase_en}}
{{concept}}
Product: {{dish}} kit. Category: kitchen. {{sample_sentence}}
Q: {{question_word}} {{knowledge_q}}?
{{write_thing}} {{write_about}}
)GRAMMAR";
}

}  // namespace quarry::gen
