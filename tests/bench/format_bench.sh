#!/usr/bin/env bash
# Reader throughput for the gateway formats (issue 14). Writes N records in each tool's shape
# (the shapes of tests/data/formats/), the same N requests as generic JSON Lines, imports each
# into a new case with quarry-cli (--format auto) and reports rows/s and the ratio to the
# generic JSONL reader measured in the same run (best of ROUNDS).
#
#   bash tests/bench/format_bench.sh [BUILD_DIR] [N] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
n="${2:-200000}"
rounds="${3:-2}"
cli="$build/app/cli/quarry-cli"
work="${BENCH_DIR:-$(mktemp -d /var/tmp/quarry-formats.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

# One generator: awk prints N records of the named shape; user, time and tokens vary per row.
gen() {
  awk -v n="$n" -v shape="$1" 'BEGIN {
    for (i = 0; i < n; i++) {
      u = "user-" (i % 5000); ts = 1735725600 + i; ms = ts * 1000;
      iso = strftime("%Y-%m-%dT%H:%M:%S", ts, 1) ".000Z";
      p = "Explain step by step how to solve problem " i " with a worked example.";
      msg = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"" p "\"}]";
      if (shape == "jsonl")
        printf "{\"request_id\":\"r%d\",\"timestamp\":\"%s\",\"account_id\":\"%s\",\"ip\":\"198.51.100.%d\",\"user_agent\":\"openai-python/1.54.3\",\"model\":\"gpt-4o\",\"prompt_tokens\":%d,\"completion_tokens\":%d,\"status_code\":200,\"latency_ms\":%d,\"prompt\":\"%s\"}\n", i, iso, u, i % 250, 20 + i % 50, 100 + i % 300, 500 + i % 900, p;
      else if (shape == "helicone")
        printf "{\"response_id\":\"s%d\",\"response_status\":200,\"request_id\":\"r%d\",\"request_created_at\":\"%s\",\"request_path\":\"/v1/chat/completions\",\"request_user_id\":\"%s\",\"request_properties\":{},\"request_model\":\"gpt-4o\",\"provider\":\"OPENAI\",\"delay_ms\":%d,\"prompt_tokens\":%d,\"completion_tokens\":%d,\"country_code\":\"US\",\"request_body\":{\"model\":\"gpt-4o\",\"messages\":%s}}\n", i, i, iso, u, 500 + i % 900, 20 + i % 50, 100 + i % 300, msg;
      else if (shape == "langfuse")
        printf "{\"id\":\"t%d\",\"timestamp\":\"%s\",\"name\":\"chat\",\"userId\":\"%s\",\"metadata\":{},\"projectId\":\"p\",\"sessionId\":null,\"input\":%s,\"latency\":%.3f,\"htmlPath\":\"/t\",\"observations\":[{\"id\":\"o%d\",\"traceId\":\"t%d\",\"type\":\"GENERATION\",\"startTime\":\"%s\",\"model\":\"gpt-4o\",\"usageDetails\":{\"input\":%d,\"output\":%d,\"total\":0},\"input\":%s}]}\n", i, iso, u, msg, (500 + i % 900) / 1000.0, i, i, iso, 20 + i % 50, 100 + i % 300, msg;
      else if (shape == "otlp") {
        t = sprintf("%032d", i);
        printf "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"gw\"}}]},\"scopeSpans\":[{\"spans\":[";
        printf "{\"traceId\":\"%s\",\"spanId\":\"a%015d\",\"kind\":2,\"startTimeUnixNano\":\"%d000000000\",\"endTimeUnixNano\":\"%d500000000\",\"attributes\":[{\"key\":\"user.id\",\"value\":{\"stringValue\":\"%s\"}},{\"key\":\"client.address\",\"value\":{\"stringValue\":\"198.51.100.%d\"}},{\"key\":\"user_agent.original\",\"value\":{\"stringValue\":\"openai-python/1.54.3\"}},{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"200\"}}]},", t, i, ts, ts, u, i % 250;
        gsub(/"/, "\\\"", msg);
        printf "{\"traceId\":\"%s\",\"spanId\":\"b%015d\",\"kind\":3,\"startTimeUnixNano\":\"%d000000000\",\"endTimeUnixNano\":\"%d400000000\",\"attributes\":[{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"%d\"}},{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":\"%d\"}},{\"key\":\"gen_ai.input.messages\",\"value\":{\"stringValue\":\"%s\"}}]}]}]}]}\n", t, i, ts, ts, 20 + i % 50, 100 + i % 300, msg;
      } else if (shape == "bedrock")
        printf "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"%s\",\"accountId\":\"111122223333\",\"identity\":{\"arn\":\"arn:aws:iam::111122223333:user/%s\"},\"region\":\"us-east-1\",\"requestId\":\"r%d\",\"operation\":\"Converse\",\"modelId\":\"anthropic.claude-3-5-haiku\",\"input\":{\"inputContentType\":\"application/json\",\"inputBodyJson\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"%s\"}]}]},\"inputTokenCount\":%d},\"output\":{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"metrics\":{\"latencyMs\":%d}},\"outputTokenCount\":%d}}\n", iso, u, i, p, 20 + i % 50, 500 + i % 900, 100 + i % 300;
      else if (shape == "azure-apim") {
        c = sprintf("c%031d", i);
        printf "{\"TimeGenerated\":\"%s\",\"Type\":\"ApiManagementGatewayLlmLog\",\"CorrelationId\":\"%s\",\"SequenceNumber\":0,\"ModelName\":\"gpt-4o\",\"PromptTokens\":%d,\"CompletionTokens\":%d}\n", iso, c, 20 + i % 50, 100 + i % 300;
        printf "{\"TimeGenerated\":\"%s\",\"Type\":\"ApiManagementGatewayLlmLog\",\"CorrelationId\":\"%s\",\"SequenceNumber\":1,\"RequestMessages\":%s}\n", iso, c, msg;
        printf "{\"TimeGenerated\":\"%s\",\"Type\":\"ApiManagementGatewayLogs\",\"CorrelationId\":\"%s\",\"CallerIpAddress\":\"198.51.100.%d\",\"ApimSubscriptionId\":\"%s\",\"ResponseCode\":200,\"TotalTime\":%d,\"Url\":\"https://apim/openai/chat/completions\"}\n", iso, c, i % 250, u, 500 + i % 900;
      } else if (shape == "cloudflare")
        printf "{\"id\":\"r%d\",\"cached\":false,\"created_at\":\"%s\",\"duration\":%d,\"model\":\"gpt-4o\",\"path\":\"chat/completions\",\"provider\":\"openai\",\"success\":true,\"tokens_in\":%d,\"tokens_out\":%d,\"status_code\":200,\"metadata\":\"{\\\"user\\\":\\\"%s\\\"}\"}\n", i, iso, 500 + i % 900, 20 + i % 50, 100 + i % 300, u;
    }
  }' > "$work/$1.jsonl"
}

best() {  # best wall time of ROUNDS imports of one file into a new case
  local file="$1" b="" t
  for _ in $(seq "$rounds"); do
    rm -f "$work/case.quarry"
    /usr/bin/time -f "%e" -o "$work/t" "$cli" import "$work/case.quarry" "$file" >/dev/null 2>&1
    t=$(cat "$work/t")
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}

printf "%-12s %10s %12s %10s %s\n" format "time (s)" "rows/s" "ratio" "(requests stored)"
base=""
for shape in jsonl helicone langfuse otlp bedrock azure-apim cloudflare; do
  gen "$shape"
  cat "$work/$shape.jsonl" > /dev/null
  t=$(best "$work/$shape.jsonl")
  stored=$("$cli" stats "$work/case.quarry" --json | sed -n 's/.*"requests": \([0-9]*\).*/\1/p')
  [ -z "$base" ] && base=$t
  awk -v s="$shape" -v t="$t" -v n="$n" -v b="$base" -v st="$stored" \
    'BEGIN { printf "%-12s %10.2f %12.0f %10.2f (%d)\n", s, t, n / t, b / t, st }'
  rm -f "$work/$shape.jsonl"
done
