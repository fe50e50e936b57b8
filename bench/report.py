"""Turn one run's raw wrk outputs (bench/results/<date>/) into results.json and the table in
bench/README.md. Called by bench/run.sh; can be re-run by hand: python bench/report.py DIR [--readme FILE]."""
import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ratio of the page's requests per second to the hello-world's, same run (issues 7 and 15)
ANONYMOUS = 0.40            # issue 15: visitors' pages stay at or above this
SIGNED_IN = 0.25            # issue 15: every signed-in page
TARGETS = {"offers": ANONYMOUS, "search": ANONYMOUS, "api_offers": ANONYMOUS, "events": ANONYMOUS,
           "event_page": ANONYMOUS, "feed_304": 0.60}
LABELS = {
    "offers": "`/offers`", "search": "`/offers?q=…&commune=…`", "api_offers": "`/api/v1/offers`",
    "events": "`/events`", "event_page": "an event page", "feed_304": "`/calendar/events.ics` (304)",
}
ROLES = {"ocmw": "OCMW", "sie": "SIE", "federation": "federation"}
for _role, _who in ROLES.items():
    for _page in ("offers", "referrals", "candidates", "events", "profile"):
        if (_role, _page) in {("sie", "candidates"), ("federation", "referrals"), ("federation", "candidates")}:
            continue  # refused (403) to that role: nothing to measure
        TARGETS[f"{_role}_{_page}"] = SIGNED_IN
        LABELS[f"{_role}_{_page}"] = f"{_who}: `/{_page}`"
    if _role != "federation":  # a federation sends and receives no referrals (403)
        TARGETS[f"{_role}_api_referrals"] = 0.30
        LABELS[f"{_role}_api_referrals"] = f"{_who}: `/api/v1/referrals` (bearer)"
TARGETS.update({"ics_event": 0.30, "ics_agenda": 0.30, "ics_public": 0.30, "ics_personal": 0.30,
                "personal_feed_304": 0.60})
LABELS.update({"ics_event": "`/events/{id}.ics` (full)", "ics_agenda": "`/events/{id}.ics?detail=agenda` (full)",
               "ics_public": "`/calendar/events.ics` (full)", "ics_personal": "personal feed (full)",
               "personal_feed_304": "personal feed (304)"})
# pages measured again at 100,000 offers / 20,000 candidates
SCALED = ("offers", "search", "api_offers", "ocmw_offers", "ocmw_candidates", "sie_offers")
P99_TARGET_MS = 50.0
SCALE_KEEP = 2 / 3          # at 100,000 offers: within 1.5x of the cost at 10,000
RSS_TARGET_MB = 150.0
GENERATOR_TARGET_S = {"10000": 60.0, "100000": 180.0}
START, END = "<!-- results:start -->", "<!-- results:end -->"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}



def argon2_mib():
    """The memory a log-in's hash takes, as config.py sets it (KiB there)."""
    found = re.search(r"^    ARGON2_MEMORY_COST = (\d+) \* 1024", (ROOT / "config.py").read_text(), re.M)
    return found.group(1) if found else "?"

def parse_wrk(text):
    """requests/s, p50/p99 in ms, request count, non-2xx/3xx and socket errors of one wrk --latency output."""
    def latency(pct):
        found = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return round(float(found[1]) * UNITS[found[2]], 2) if found else None

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    count = re.search(r"^\s+(\d+) requests in", text, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(rps[1]) if rps else None, "p50_ms": latency(50), "p99_ms": latency(99),
        "requests": int(count[1]) if count else None, "non_2xx_3xx": int(bad[1]) if bad else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def cpu_figures(run, name, page, hello):
    """Server-side CPU per request (gunicorn workers, plus PostgreSQL backends for the portal).

    wrk's req/s falls when other processes take the CPUs; CPU per request does not, so its
    ratio estimates what the req/s ratio would be on a quiet machine (wrk's own CPU aside).
    """
    path = run / f"{name}.cpu"
    if not path.exists():
        return {}
    values = dict(line.split("=", 1) for line in path.read_text().split())
    tick_ms = 1000 / int(values["clk_tck"])
    page_ms = int(values["page_ticks"]) * tick_ms / page["requests"] if page["requests"] else None
    hello_ms = int(values["hello_ticks"]) * tick_ms / hello["requests"] if hello["requests"] else None
    return {
        "cpu_ms": round(page_ms, 3) if page_ms else None, "hello_cpu_ms": round(hello_ms, 3) if hello_ms else None,
        "cpu_ratio": round(hello_ms / page_ms, 3) if page_ms and hello_ms else None,
    }


def read_tsv(path):
    return [line.split("\t") for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def collect(run):
    results = {"machine": dict(line.split("=", 1) for line in (run / "machine.txt").read_text().splitlines()
                               if "=" in line) if (run / "machine.txt").exists() else {}}
    pages = {}
    for name, path, *_header in read_tsv(run / "measured.tsv"):
        page = parse_wrk((run / f"{name}.page.txt").read_text())
        hello = parse_wrk((run / f"{name}.hello.txt").read_text())
        ratio = round(page["rps"] / hello["rps"], 3) if page["rps"] and hello["rps"] else None
        pages[name] = {"path": path, "page": page, "hello": hello, "ratio": ratio,
                       **cpu_figures(run, name, page, hello)}
    results["pages"] = pages
    results["skipped"] = {row[0]: {"path": row[1], "why": row[2]} for row in read_tsv(run / "skipped.tsv")}
    results["generator_s"] = {row[0].removeprefix("generator_"): float(row[1]) for row in read_tsv(run / "timings.tsv")}
    memory = {}
    for label, _pid, peak_kb, rss_kb in read_tsv(run / "memory.tsv"):
        worker = {"peak_mb": round(int(peak_kb) / 1024, 1), "rss_mb": round(int(rss_kb) / 1024, 1)}
        memory.setdefault(label, []).append(worker)
    results["memory"] = memory
    scale = {}
    for name in SCALED:
        base, big = pages.get(name), pages.get(f"scale_{name}")
        if base and big and base["page"]["rps"] and big["page"]["rps"]:
            scale[name] = round(big["page"]["rps"] / base["page"]["rps"], 3)
    results["scale_keep"] = scale
    cpu_scale = {}
    for name in SCALED:
        base, big = pages.get(name, {}), pages.get(f"scale_{name}", {})
        if base.get("cpu_ms") and big.get("cpu_ms"):
            cpu_scale[name] = round(base["cpu_ms"] / big["cpu_ms"], 3)
    results["scale_keep_cpu"] = cpu_scale
    return results


def _num(value):
    return "—" if value is None else f"{value:.2f}"


def _cpu_ratio(value, target):
    return "—" if value is None else f"{value:.2f} {verdict(value >= target)}"


def _cpu_keep(results, name):
    keep = results.get("scale_keep_cpu", {}).get(name)
    if keep is None:
        return ""
    big = results["pages"][f"scale_{name}"]["cpu_ms"]
    return f"; CPU {big:.2f} ms/req, CPU keep **{keep:.2f}** {verdict(keep >= SCALE_KEEP)}"


def verdict(ok):
    return "✅" if ok else "❌"


def table(results):
    machine = results["machine"]
    lines = [
        f"Last run: **{machine.get('date', '?')}** on {machine.get('nproc', '?')} CPUs "
        f"({machine.get('cpu', '?')}), {machine.get('memory', '?')} RAM; PostgreSQL {machine.get('postgresql', '?')}, "
        f"Python {machine.get('python', '?')}, gunicorn {machine.get('gunicorn', '?')}; {machine.get('wrk', '')}; "
        f"code {machine.get('git', '?')}; load average (1, 5, 15 min) {machine.get('load', '?')}.",
        "",
        "| page | req/s | hello req/s | ratio | target | p99 ms | hello p99 ms | p99 < 50 ms "
        "| CPU ms/req (hello) | CPU ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for name, target in TARGETS.items():
        row = results["pages"].get(name)
        if row is None:
            why = results["skipped"].get(name, {}).get("why", "not run")
            lines.append(f"| {LABELS[name]} | — | — | — | ≥ {target:.2f} | — | — | not measured: {why} | — | — |")
            continue
        page, hello, ratio = row["page"], row["hello"], row["ratio"]
        errors = page["non_2xx_3xx"] + page["socket_errors"]
        note = f" ({errors} errors)" if errors else ""
        p99_ok = verdict((page["p99_ms"] or 1e9) < P99_TARGET_MS)
        lines.append(
            f"| {LABELS[name]} | {page['rps']:.0f}{note} | {hello['rps']:.0f} | {ratio:.2f} {verdict(ratio >= target)} "
            f"| ≥ {target:.2f} | {page['p99_ms']} | {hello['p99_ms']} | {p99_ok} "
            f"| {_num(row.get('cpu_ms'))} ({_num(row.get('hello_cpu_ms'))}) "
            f"| {_cpu_ratio(row.get('cpu_ratio'), target)} |"
        )
    lines.append("")
    for label, target in GENERATOR_TARGET_S.items():
        seconds = results["generator_s"].get(label)
        if seconds is not None:
            lines.append(f"- Generator, {int(label):,} offers: **{seconds:.1f} s** (target < {target:.0f} s) "
                         f"{verdict(seconds < target)}")
    for label, workers in results["memory"].items():
        peak = max(w["peak_mb"] for w in workers)
        rss = max(w["rss_mb"] for w in workers)
        lines.append(f"- Peak RSS of one worker after the benchmark ({int(label):,} offers): **{peak:.0f} MB** "
                     f"(target < {RSS_TARGET_MB:.0f} MB) {verdict(peak < RSS_TARGET_MB)}; RSS at the end "
                     f"**{rss:.0f} MB** {verdict(rss < RSS_TARGET_MB)} (a log-in's argon2id hash takes "
                     f"ARGON2_MEMORY_COST, {argon2_mib()} MiB, for its duration: that is in the peak)")
    for name, keep in results["scale_keep"].items():
        big = results["pages"][f"scale_{name}"]
        lines.append(f"- {LABELS[name]} at 100,000 offers / 20,000 candidates: {big['page']['rps']:.0f} req/s, "
                     f"**{keep:.2f}** of its "
                     f"throughput at 10,000 (target ≥ 0.67) {verdict(keep >= SCALE_KEEP)}; "
                     f"p99 {big['page']['p99_ms']} ms{_cpu_keep(results, name)}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run", type=Path)
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args()
    results = collect(args.run)
    (args.run / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    text = table(results)
    print(text)
    if args.readme and args.readme.exists():
        readme = args.readme.read_text()
        if START in readme and END in readme:
            head, rest = readme.split(START, 1)
            args.readme.write_text(f"{head}{START}\n{text}\n{END}{rest.split(END, 1)[1]}")


if __name__ == "__main__":
    main()
