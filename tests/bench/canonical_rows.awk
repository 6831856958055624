# SPDX-License-Identifier: GPL-3.0-or-later
# Writes a canonical request CSV of n rows over a accounts (awk -v n=ROWS -v a=ACCOUNTS -f ...),
# for the memory benchmarks: timestamp, account, IP, user agent, model, tokens and a varied
# prompt. Repeating values (IPs, agents, models) come from bounded pools, so the dictionaries
# stop growing and any growth left is per row.
BEGIN {
  print "timestamp,account_id,ip,user_agent,model,prompt_tokens,completion_tokens,prompt"
  t = 1788220800000
  for (i = 0; i < n; i++) {
    t += 1 + (i * 7919) % 997
    printf "%d,acct%05d,10.0.%d.%d,client/%d.0,model-%d,%d,%d,\"question %d about topic %d: explain step %d\"\n",
      t, i % a, (i % 5000) / 256, i % 256, i % 7, i % 3, i % 900, i % 1300, i, i % 41, i % 13
  }
}
