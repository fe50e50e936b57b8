"""gunicorn configuration for Tandem: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Every setting can be overridden from the environment, so the same file serves a
production unit, a staging box and the benchmark (bench/run.sh).
"""
import multiprocessing
import os


def _int(name, default):
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


# Sync workers: each request is short and CPU-bound in Python, PostgreSQL answers in
# milliseconds; (2 x cores) + 1 is gunicorn's rule of thumb. Remember each worker holds
# its own SQLAlchemy pool (see docs/notes/production.md to size PostgreSQL's max_connections).
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Behind nginx only: nginx buffers slow clients, so a sync worker never waits on a socket.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

timeout = _int("GUNICORN_TIMEOUT", 30)          # a request longer than this is a bug: kill the worker
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)       # nginx keeps upstream connections open
# Recycle workers now and then so a slow leak can never grow without bound (jitter avoids all at once).
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)

# Load the application once in the master, before forking: start-up work (routes, templates,
# static file hashes) is done once and shared copy-on-write. SQLAlchemy's engine connects
# lazily, so no database connection crosses the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in ("0", "false", "no")

# Access log to stdout (journald) by default; GUNICORN_ACCESSLOG="" turns it off (nginx logs too).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "tandem"


def post_fork(server, worker):
    # Belt and braces with preload: never share a pooled connection opened in the master.
    import sys

    if "portal.extensions" not in sys.modules:  # not preloaded, or the hello-world baseline
        return
    from portal.extensions import db

    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)
