"""Profile one page in-process: SQL statements per request, then a pyinstrument call tree.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/profile.py /offers
    (bench/run.sh --profile does this for every measured page, on the benchmark's database)

Options: --requests N (default 50), --header "Name: value" (e.g. "Cookie: session=…" or
"Authorization: Bearer …"), --login EMAIL (log in through the form first, password --password,
default the demo one: the signed-in page as that person sees it), --html FILE (pyinstrument's
HTML view), --no-cache (CACHE_ENABLED off: what a request costs when it is computed, e.g. the
first after a write).
Needs pyinstrument (pip install -r bench/requirements.txt). For a running gunicorn worker use
py-spy instead: py-spy record -o flame.svg --pid <worker pid> --duration 10
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--html")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--login")
    parser.add_argument("--password", default="tandem-demo-2023")
    args = parser.parse_args()
    from pyinstrument import Profiler
    from sqlalchemy import event

    from portal import create_app
    from portal.extensions import db

    app = create_app()
    app.config["CACHE_ENABLED"] = not args.no_cache
    headers = dict(h.split(": ", 1) for h in args.header)
    # Without a cookie jar: a "Cookie:" header given here is sent as it is (a jar replaces it).
    client = app.test_client(use_cookies=False)
    if args.login:
        headers["Cookie"] = login(app, args.login, args.password)
    statements = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "after_cursor_execute", lambda *a: statements.append(a[2]))

    first = client.get(args.path, headers=headers)  # warm caches, as the benchmark's warm-up does
    print(f"GET {args.path} -> {first.status_code}, {len(first.data)} bytes")
    statements.clear()
    client.get(args.path, headers=headers)
    print(f"SQL statements per request: {len(statements)}")
    for sql in statements:
        print("  ", " ".join(sql.split())[:300])

    # CPU time per request, without the profiler, against a bare Flask app in the same process:
    # unlike wrk's req/s this hardly moves when other processes load the machine.
    cpu = cpu_per_request(client, args.path, headers, args.requests)
    hello = cpu_per_request(hello_client(), "/", {}, args.requests * 10)
    print(f"Python CPU per request: {cpu:.2f} ms (bare Flask in-process: {hello:.3f} ms; "
          f"CPU ratio {hello / cpu:.3f}; PostgreSQL's own time not included)")

    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for _ in range(args.requests):
        client.get(args.path, headers=headers)
    profiler.stop()
    elapsed = time.perf_counter() - started
    print(f"{args.requests} requests in {elapsed:.2f} s: {1000 * elapsed / args.requests:.1f} ms each (in-process)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


def login(app, email, password):
    """Log in through the form, as bench/signed_in.sh does with curl: the session cookie."""
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]*)"', page)[1]
    answer = client.post("/login", data={"email": email, "password": password, "csrf_token": csrf})
    if answer.status_code != 302:
        raise SystemExit(f"log-in as {email} failed: HTTP {answer.status_code}")
    client.get("/")  # shows (and so consumes) the welcome flash
    return f"session={client.get_cookie('session').value}"


def cpu_per_request(client, path, headers, count):
    started = time.process_time()
    for _ in range(count):
        client.get(path, headers=headers)
    return 1000 * (time.process_time() - started) / count


def hello_client():
    from flask import Flask

    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello, World!")
    return hello.test_client()


if __name__ == "__main__":
    main()
