"""News-text curation pipeline: raw texts -> clean -> segment -> attribute -> validate -> check -> write."""
import os

__version__ = "0.1.0"

# No network at run time and no telemetry: set before Prefect or Great Expectations is imported.
# Values already in the environment win, so a user can point runs at a real Prefect server.
for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_UI_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "False",
    "DO_NOT_TRACK": "1",
    # Arrow's allocator: its default, mimalloc, keeps the pages of freed buffers, so the stages that read and
    # write the tables some rows at a time (flows/streamed.py) would hold every page they ever touched (+186 MiB
    # to join the batch parts of the 10 MB benchmark corpus, +78 with jemalloc). Read when pyarrow starts.
    "ARROW_DEFAULT_MEMORY_POOL": "jemalloc",
}.items():
    os.environ.setdefault(_key, _value)
