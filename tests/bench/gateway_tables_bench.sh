#!/usr/bin/env bash
# Throughput of the gateway-table readers (LiteLLM_SpendLogs CSV and JSON, new-api logs CSV and
# SQLite database) next to the generic CSV reader on the same requests, in one run.
#   bash tests/bench/gateway_tables_bench.sh BUILD_DIR [ROWS]
set -euo pipefail
BUILD=${1:-build}
N=${2:-300000}
CLI="$BUILD/app/cli/quarry-cli"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The same N requests in each shape: 2,000 accounts, three user agents, a short chat prompt.
awk -v n="$N" -v dir="$WORK" 'BEGIN {
  canon = dir "/canonical.csv"; lite = dir "/litellm.csv"; litej = dir "/litellm.jsonl"; na = dir "/newapi.csv";
  print "timestamp,account_id,api_key_id,ip,user_agent,model,prompt_tokens,completion_tokens,latency_ms,prompt" > canon
  print "request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_group,user,metadata,request_tags,team_id,end_user,requester_ip_address,messages,proxy_server_request,status,request_duration_ms" > lite
  print "id,user_id,created_at,type,content,username,token_name,model_name,quota,prompt_tokens,completion_tokens,use_time,is_stream,channel_id,token_id,group,ip,other" > na
  split("OpenAI/Python 1.54.3|curl/8.5.0|claude-cli/1.0.61", ua, "|")
  for (i = 1; i <= n; i++) {
    t = 1748736000 + i; acct = "u" (i % 2000); ip = "10." int(i % 200) ".0." (i % 250); u = ua[i % 3 + 1]
    ts = strftime("%Y-%m-%d %H:%M:%S", t, 1)
    printf "%d,%s,k%d,%s,%s,gpt-4o,%d,%d,800,\"Explain topic %d step by step\"\n", t, acct, i % 2000, ip, u, i % 500, i % 900, i % 97 >> canon
    printf "r%d,acompletion,k%d,0.001,%d,%d,%d,%s.000,%s.800,gpt-4o,gpt-4o,%s,{},\"[\"\"User-Agent: %s\"\"]\",,,%s,{},\"{\"\"model\"\": \"\"gpt-4o\"\", \"\"messages\"\": [{\"\"role\"\": \"\"user\"\", \"\"content\"\": \"\"Explain topic %d step by step\"\"}]}\",success,800\n", i, i % 2000, i % 500 + i % 900, i % 500, i % 900, ts, ts, acct, u, ip, i % 97 >> lite
    printf "{\"request_id\":\"r%d\",\"call_type\":\"acompletion\",\"api_key\":\"k%d\",\"startTime\":\"%sT00:00:00\",\"endTime\":\"%s\",\"model\":\"gpt-4o\",\"user\":\"%s\",\"prompt_tokens\":%d,\"completion_tokens\":%d,\"requester_ip_address\":\"%s\",\"request_tags\":[\"User-Agent: %s\"],\"messages\":{},\"proxy_server_request\":{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Explain topic %d step by step\"}]}}\n", i, i % 2000, strftime("%Y-%m-%d", t, 1), ts, acct, i % 500, i % 900, ip, u, i % 97 >> litej
    printf "%d,%d,%d,%d,model ratio 2.5,%s,key,gpt-4o,100,%d,%d,1,1,3,%d,default,%s,{}\n", i, i % 2000, t, (i % 50 == 0) ? 1 : 2, acct, i % 500, i % 900, i % 2000, ip >> na
  }
}'
sqlite3 "$WORK/one-api.db" <<SQL
CREATE TABLE \`logs\` (\`id\` integer PRIMARY KEY AUTOINCREMENT,\`user_id\` integer,\`created_at\` bigint,\`type\` integer,\`content\` text,\`username\` text DEFAULT '',\`token_name\` text DEFAULT '',\`model_name\` text DEFAULT '',\`quota\` integer DEFAULT 0,\`prompt_tokens\` integer DEFAULT 0,\`completion_tokens\` integer DEFAULT 0,\`use_time\` integer DEFAULT 0,\`is_stream\` numeric,\`channel_id\` integer,\`token_id\` integer DEFAULT 0,\`group\` text,\`ip\` text DEFAULT '',\`other\` text);
.import --csv --skip 1 $WORK/newapi.csv logs
SQL

cat "$WORK"/*.csv "$WORK"/*.jsonl "$WORK/one-api.db" > /dev/null  # warm the page cache
printf "| source | rows read | seconds | rows/s | ratio to canonical CSV | peak RSS |\n|---|---|---|---|---|---|\n"
base=""
for src in canonical.csv litellm.csv litellm.jsonl newapi.csv one-api.db; do
  rm -f "$WORK/c.quarry"
  out=$( { /usr/bin/time -f "%e %M" "$CLI" import "$WORK/c.quarry" "$WORK/$src" > "$WORK/out.txt"; } 2>&1 | tail -1)
  secs=${out% *}; rss=${out#* }
  rows=$(grep -o '[0-9]* rows read' "$WORK/out.txt" | head -1 | cut -d' ' -f1)
  rate=$(awk -v r="$rows" -v s="$secs" 'BEGIN { printf "%d", r / s }')
  [ -z "$base" ] && base=$rate
  ratio=$(awk -v r="$rate" -v b="$base" 'BEGIN { printf "%.2f", r / b }')
  imported=$(grep -o '[0-9]* imported' "$WORK/out.txt" | head -1 | cut -d' ' -f1)
  printf "| %s | %s (%s imported) | %s | %s | %s | %d MB |\n" "$src" "$rows" "$imported" "$secs" "$rate" "$ratio" $((rss / 1024))
done
