#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A second, independent traffic generator for checking detection on data it was not tuned to.

Written apart from the C++ generator (models/generate/): its own phrasing banks, its own campaign
styles and its own hard negatives, modelled on the public reports in DESIGN.md. It writes the
canonical CSV and a truth.csv (account_id,label,campaign,kind) that tests/bench/quality_eval reads.

  python3 tests/bench/peer_generator.py OUT_DIR [--seed N] [--scale F] [--metadata-only]

--metadata-only drops prompt, organization_id and account_created_at, as LiteLLM stores by
default and new-api / one-api always do.
"""
import argparse, csv, math, os, random

DAY = 86400
START = 1790812800  # 2026-10-01T00:00:00Z, a Thursday

OPENERS = ["hey", "hi", "quick question", "ok so", "hello", "", "", ""]
EVERYDAY = [
    "{o} what should I cook tonight with {a} and {b}",
    "{o} can you make this message to my {who} sound more polite: {x}",
    "{o} give me three ideas for a weekend in {place}",
    "{o} what's the difference between {a} and {b}",
    "translate to {lang}: {x}",
    "{o} is it normal that my {thing} makes a noise when {x}",
    "summarise this for me: {x}",
    "{o} write a birthday note for my {who}, they like {a}",
    "{o} how long does it take to get from {place} to {place2} by train",
    "{o} recommend a book similar to {title}",
]
DEV = [
    "why does this {lang2} code throw {err}? {code}",
    "refactor this function to be more readable: {code}",
    "write a unit test for {fn} in {lang2}",
    "what does this regex do: {rx}",
    "how do I configure {tool} to {task}",
    "explain this stack trace: {err} at {fn}",
]
STUDY = [
    "{o} solve for x: {n1}x + {n2} = {n3}",
    "what is the derivative of {n1}x^{n2} + {n3}x",
    "can you explain the steps to integrate {n1}x^{n2}",
    "help me understand {concept} for my exam",
    "is my answer right? {n1} * {n2} = {n3}",
]
ORDINARY_COT = ["can you explain your reasoning?", "show your working please", ""]
# Harvest banks: each campaign pins a few of these, with slots.
H_AGENT = [
    "You are an autonomous agent with tools [{tools}]. Task: {task}. Before each tool call, write your complete reasoning, then the call as JSON.",
    "Plan and execute: {task}. Available tools: {tools}. Think it through carefully and output every intermediate step.",
    "Act as a senior engineer agent. Goal: {task}. Reason step by step about which tool to use, then call it.",
]
H_OLYMPIAD = [
    "Problem ({n1}): {puzzle}. Provide a detailed rationale for every step before the final answer.",
    "Solve rigorously: {puzzle}. Lay out your full derivation; mark the final answer with ####.",
    "Consider {puzzle}. Walk me through your thought process in detail, then give the result.",
]
H_RUBRIC = [
    "Grade the following answer on a 1-10 rubric (accuracy, depth, style). Answer: {x}. Explain your reasoning for each criterion.",
    "You are a strict grader. Rubric: {crit}. Response to grade: {x}. Think step by step and justify the score.",
]
SUPPORT = "[HelpCo assistant] Customer #{n1} writes: '{x}'. Reply politely using the policy."
SAAS = "Rewrite this product description for an online shop, friendly tone, 80 words: {x}"
CRON = "Summarize the following log excerpt in 3 bullets: {code}"
EVAL = "Q{n1}: {puzzle} Let's think step by step."

WORDS = ("apple river lantern copper meadow violet engine harbor cactus marble willow falcon pepper "
         "orbit canyon velvet ember glacier summit quartz tundra mosaic saffron cobalt nectar").split()
PLACES = ["Lisbon", "Osaka", "Denver", "Porto", "Krakow", "Austin", "Lyon", "Seoul", "Leeds", "Perth"]
LANGS = ["Spanish", "German", "Japanese", "French", "Portuguese"]
LANG2 = ["Python", "Go", "Rust", "TypeScript", "Java", "C#"]
TOOLS = ["search", "python", "browser", "shell", "calendar", "sql", "file_read", "http"]


def fill(t, r):
    w = lambda k=4: " ".join(r.choice(WORDS) for _ in range(k))
    return t.format(o=r.choice(OPENERS), a=r.choice(WORDS), b=r.choice(WORDS), who=r.choice(["boss", "aunt", "roommate", "coach"]),
                    x=w(r.randint(5, 14)), place=r.choice(PLACES), place2=r.choice(PLACES), lang=r.choice(LANGS),
                    thing=r.choice(["fridge", "car", "laptop", "boiler"]), title=w(2).title(), lang2=r.choice(LANG2),
                    err=r.choice(["NullPointerException", "KeyError", "panic: index out of range", "TypeError"]),
                    code="def f(x): return " + w(3).replace(" ", "_"), fn=w(1) + "_" + w(1), rx="^[a-z]{%d,}$" % r.randint(2, 9),
                    tool=r.choice(["nginx", "docker", "webpack", "pytest"]), task=w(6), concept=r.choice(["entropy", "eigenvalues", "supply curves", "mitosis"]),
                    n1=r.randint(2, 999), n2=r.randint(2, 9), n3=r.randint(10, 99), tools=", ".join(r.sample(TOOLS, 3)),
                    puzzle="find all integers n such that " + w(5), crit=w(3)).strip()


def words(text):
    return max(1, len(text.split()))


class Acct:
    def __init__(s, aid, label, kind, campaign=""):
        s.id, s.label, s.kind, s.campaign = aid, label, kind, campaign
        s.org = s.pay = ""; s.ips = []; s.ua = "OpenAI/Python 1.52.0"; s.created = 0; s.keys = [aid + "-k1"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out"); ap.add_argument("--seed", type=int, default=1); ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--days", type=int, default=30); ap.add_argument("--metadata-only", action="store_true")
    o = ap.parse_args()
    r = random.Random(o.seed)
    D = o.days
    release = START + (D // 2) * DAY + 9 * 3600
    os.makedirs(o.out, exist_ok=True)
    rows = []
    accts = []
    sc = lambda n: max(1, int(round(n * o.scale)))

    def aid():
        return "u_%08x" % r.getrandbits(32)

    def res_ip():
        return "%d.%d.%d.%d" % (r.randint(24, 200), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))

    def emit(a, ts, prompt, ptok=None, ctok=None, model=None):
        if model is None:
            model = "m-5" if ts >= release + getattr(a, "adopt", 10 ** 9) else "m-4"
        if ptok is None: ptok = int(words(prompt) * 1.35 + r.randint(0, 8))
        if ctok is None: ctok = int(r.lognormvariate(5.4, 0.7))
        rows.append((ts, a, prompt, ptok, ctok, model))

    def human_day(a, d, tz, lo, hi, n, gen, weekdays=True, ctok=None):
        dow = (d + 3) % 7  # 0 = Monday; START is a Thursday
        if weekdays and dow >= 5 and r.random() < 0.9: return
        for _ in range(n):
            h = r.uniform(lo, hi)
            ts = START + d * DAY + int((h - tz) * 3600)
            p = gen()
            emit(a, ts, p, ctok=ctok() if ctok else None)

    def new(label, kind, campaign="", created_day=None):
        a = Acct(aid(), label, kind, campaign)
        cd = created_day if created_day is not None else -r.randint(30, 700)
        a.created = START + cd * DAY + r.randint(0, DAY - 1)
        a.ips = [res_ip()]
        accts.append(a)
        return a

    ev = lambda: fill(r.choice(EVERYDAY), r) + (" " + r.choice(ORDINARY_COT) if r.random() < 0.04 else "")
    # Benign population.
    for _ in range(sc(900)):
        a = new("benign", "casual"); tz = r.choice([-8, -5, 0, 1, 8, 9]); a.adopt = r.randint(0, 20) * DAY
        for d in range(D):
            if r.random() < 0.35: human_day(a, d, tz, 17, 23.5, r.randint(1, 8), ev, weekdays=False)
    for _ in range(sc(300)):
        a = new("benign", "developer"); tz = r.choice([-8, -5, 1, 5.5, 8]); a.adopt = r.randint(0, 10) * DAY
        if r.random() < 0.3: a.org = "org_%04d" % r.randint(0, 200)
        for d in range(D):
            if r.random() < 0.7: human_day(a, d, tz, 9, 18.5, r.randint(3, 25), lambda: fill(r.choice(DEV), r))
    for _ in range(sc(200)):
        a = new("benign", "student"); tz = r.choice([-5, 0, 1, 8])
        for d in range(D):
            if r.random() < 0.4: human_day(a, d, tz, 14, 24, r.randint(2, 15), lambda: fill(r.choice(STUDY), r) + (" show your working please" if r.random() < 0.12 else ""), weekdays=False)
    # Hard negatives.
    sub = "34.%d.%d." % (r.randint(0, 255), r.randint(0, 255))
    for i in range(4):  # support-bot fleet: one company, round the clock, one template, no reasoning
        a = new("hard_negative", "support_bot"); a.org, a.pay, a.ips, a.ua = "org_helpco", "card_helpco", [sub + str(10 + i)], "helpco-bot/3.2"
        for d in range(D):
            for _ in range(int(r.gauss(300, 40))):
                h = (r.gauss(14, 5)) % 24
                emit(a, START + d * DAY + int(h * 3600), fill(SUPPORT, r), ctok=int(r.lognormvariate(5.0, 0.3)))
    for i in range(3):  # evaluation bursts: a benchmark run asks to think step by step
        a = new("hard_negative", "eval_burst"); a.ua = "lm-eval-harness/0.4.3"
        for d in r.sample(range(D), 3):
            t0 = START + d * DAY + r.randint(0, 20) * 3600
            for k in range(r.randint(400, 900)):
                emit(a, t0 + k * r.randint(2, 6), fill(EVAL, r), ctok=int(r.lognormvariate(6.5, 0.4)), model="m-5" if t0 >= release else "m-4")
    for i in range(3):  # cron jobs: metronome, same shape, all day
        a = new("hard_negative", "cron"); a.ua = "curl/8.5.0"; a.ips = ["52.1.%d.%d" % (i, 7)]
        for t in range(START + r.randint(0, 600), START + D * DAY, 600):
            emit(a, t, fill(CRON, r), ctok=int(r.gauss(120, 10)))
    for _ in range(sc(15)):  # agentic-coding power users: long days, tools, some reasoning, long answers
        a = new("hard_negative", "agentic_power_user"); tz = r.choice([-8, 1, 8]); a.adopt = r.randint(0, 2) * DAY
        for d in range(D):
            if r.random() < 0.8:
                human_day(a, d, tz, 8, 23, r.randint(40, 160), lambda: fill(r.choice(DEV + H_AGENT[1:2]), r) + (" think it through carefully" if r.random() < 0.2 else ""),
                          weekdays=False, ctok=lambda: int(r.lognormvariate(6.6, 0.6)))
    campus = ["129.97.%d.%d" % (r.randint(0, 3), r.randint(1, 250)) for _ in range(4)]
    for _ in range(sc(120)):  # campus NAT: a class behind four addresses, signed up together, homework
        a = new("hard_negative", "campus_nat", created_day=r.choice([1, 2])); a.ips = campus; a.org = "org_university"
        for d in range(2, D):
            if r.random() < 0.3: human_day(a, d, 0, 10, 22, r.randint(2, 10), lambda: fill(r.choice(STUDY), r) + (" show your working please" if r.random() < 0.3 else ""))
    team_sub = "81.4.%d." % r.randint(0, 255)
    for i in range(sc(25)):  # a company team: one org, one network, one card, coding
        a = new("hard_negative", "company_team"); a.org, a.pay, a.ips = "org_acme", "card_acme", [team_sub + str(i + 2)]; a.adopt = DAY
        for d in range(D):
            human_day(a, d, 1, 9, 18, r.randint(5, 40), lambda: fill(r.choice(DEV), r))
    for i in range(2):  # a SaaS app: one template for thousands of end users, following their day
        a = new("hard_negative", "saas_template"); a.ua = "shopwriter/1.9 (+node)"; a.ips = ["44.2.3.%d" % i]
        for d in range(D):
            for _ in range(int(r.gauss(900, 100))):
                emit(a, START + d * DAY + int(((r.gauss(15, 4)) % 24) * 3600), fill(SAAS, r), ctok=int(r.gauss(160, 20)))
    # Campaigns.
    def campaign(name, style, n, bank, first, last, cot):
        tpls = r.sample(bank, min(len(bank), 2))
        dc = ["%d.%d.%d." % (r.randint(100, 200), r.randint(0, 255), r.randint(0, 255)) for _ in range(3)]
        cards = ["card_%s_%d" % (name, i) for i in range(max(1, n // 10))]
        tz = {"mimic_asia": 8, "mimic_us": -5}.get(style, 0)
        members = []
        for i in range(n):
            a = new("campaign", style, name, created_day=first - r.randint(0, 2))
            a.adopt = int(r.uniform(1, 10) * 3600) if style == "hydra" else r.randint(0, 3) * DAY
            if style == "hydra":
                a.pay = r.choice(cards); a.ips = [r.choice(dc) + str(r.randint(2, 250))]; a.ua = "python-requests/2.32.3"
            else:
                a.pay = "" if r.random() < 0.5 else "card_%s" % aid()
            members.append(a)
            gen = lambda: (fill(r.choice(tpls), r) if r.random() > (0.2 if style != "hydra" else 0.05) else ev())
            harvest_tok = lambda: int(r.lognormvariate(7.1, 0.35))
            for d in range(first + r.randint(0, 1), last - r.randint(0, 1)):
                if style == "hydra":
                    for k in range(24):
                        for _ in range(r.randint(1, 2)):
                            emit(a, START + d * DAY + k * 3600 + r.randint(0, 3599), gen(), ctok=harvest_tok())
                else:
                    if r.random() < 0.06: continue
                    human_day(a, d, tz, 9, 17.5, r.randint(8, 30), gen, ctok=harvest_tok)
        return members
    hydra = campaign("K1", "hydra", sc(50), H_AGENT, 4, D - 3, 0.8)
    campaign("K2", "mimic_asia", sc(30), H_OLYMPIAD, 7, D - 8, 0.85)
    campaign("K3", "mimic_us", sc(25), H_RUBRIC, 3, D - 11, 0.85)
    hydra_tpl = H_AGENT
    for i in range(6):  # resellers: real end users with a share of harvest on the hydra's templates
        share = [0.08, 0.12, 0.2, 0.3, 0.4, 0.15][i]
        a = new("campaign", "reseller", "K1"); a.ua = "OpenAI/Node 4.56.0"; a.ips = ["63.1.%d.%d" % (i, j) for j in range(2, 6)]
        for d in range(D):
            for _ in range(r.randint(40, 90)):
                h = r.uniform(0, 24)
                if r.random() < share:
                    emit(a, START + d * DAY + int(h * 3600), fill(r.choice(hydra_tpl), r), ctok=int(r.lognormvariate(7.1, 0.35)))
                else:
                    emit(a, START + d * DAY + int(h * 3600), ev() if r.random() < 0.6 else fill(r.choice(DEV), r))
    rows.sort(key=lambda x: x[0])
    cols = ["request_id", "timestamp", "account_id", "api_key_id", "organization_id", "ip", "user_agent", "model",
            "prompt_tokens", "completion_tokens", "prompt", "account_created_at", "payment_fingerprint"]
    if o.metadata_only:
        cols = [c for c in cols if c not in ("prompt", "organization_id", "account_created_at")]
    with open(os.path.join(o.out, "requests.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(cols)
        for i, (ts, a, p, pt, ct, m) in enumerate(rows):
            if ts < START or ts >= START + D * DAY: continue
            rec = {"request_id": "r%d" % i, "timestamp": ts, "account_id": a.id, "api_key_id": a.keys[0], "organization_id": a.org,
                   "ip": r.choice(a.ips) if a.label != "campaign" or a.kind == "hydra" or a.kind == "reseller" else res_ip(),
                   "user_agent": a.ua, "model": m, "prompt_tokens": pt, "completion_tokens": ct, "prompt": p,
                   "account_created_at": a.created, "payment_fingerprint": a.pay}
            w.writerow([rec[c] for c in cols])
    with open(os.path.join(o.out, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(["account_id", "label", "campaign", "kind"])
        for a in accts: w.writerow([a.id, a.label, a.campaign, a.kind])
    print("%d requests, %d accounts" % (len(rows), len(accts)))


if __name__ == "__main__":
    main()
