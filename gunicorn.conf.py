"""gunicorn settings for spinefoot: `gunicorn -c gunicorn.conf.py dashapp.app:server`.

Each setting can be overridden on the command line (e.g. `-b 0.0.0.0:8000`,
`-w 4`) or, for the worker count, with WEB_CONCURRENCY.
"""
import os
import tempfile

# loopback unless told otherwise (the README's deploy command passes -b)
bind = [os.environ.get("SPINEFOOT_BIND", "127.0.0.1:8000")]

# gevent: each worker holds many connections, so idle or slow clients (a
# phone on a bad network, or someone opening sockets and sending nothing)
# cannot occupy every worker the way they do with sync workers. The work per
# request is short CPU work, so one worker per core is enough.
worker_class = "gevent"
cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, cores or 1))
worker_connections = 1000
max_requests = 0  # memory stays flat (caches are bounded): no periodic restarts needed

# timeouts: a worker silent for 30 s is replaced; idle keep-alive connections
# are closed after 5 s; a restart lets requests finish for 20 s
timeout = 30
graceful_timeout = 20
keepalive = 5

# request limits: the page's requests are small (callback bodies are capped at
# 64 kB by the app itself, dashapp/server/guard.py)
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# nothing in the home directory: the heartbeat files in memory (or the system
# temporary directory) and no control socket (~/.gunicorn/gunicorn.ctl)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
control_socket_disable = True
# ... and the checked data model kept between starts (dashapp/datafiles/cache.py) in a
# folder of this user's own under the temporary directory, unless told where
os.environ.setdefault("SPINEFOOT_CACHE",
                      os.path.join(tempfile.gettempdir(), f"spinefoot-cache-{os.getuid()}"))

# the client's address comes from a proxy only when it is set up to send it
# (SPINEFOOT_BEHIND_TLS=1, see dashapp/server/guard.py); gunicorn itself trusts none
forwarded_allow_ips = "127.0.0.1,::1"

accesslog = None  # nothing a user selects is logged; errors go to stderr
errorlog = "-"
loglevel = "info"

# Load and check data/ once, in the master, before any worker is forked: a broken
# data file then stops gunicorn at once with the one line naming file, line and
# column (dashapp/app.py exits 3, gunicorn's 'worker failed to boot'), instead of
# every worker failing to boot in turn; and the workers share the loaded model's
# memory instead of each loading its own.
preload_app = True


def when_ready(server):
    """After the preload, before the first fork: move every object loaded so far out
    of the garbage collector's reach, so collections in a worker do not write to (and
    so copy) the pages it shares with the master. Measured with benchmarks/startup.py:
    a worker's private memory falls from about 56 MB to 14 MB."""
    import gc

    gc.freeze()
