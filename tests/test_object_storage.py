"""Raw texts read from and tables published to object storage (s3://bucket/prefix), against a real
S3-compatible server: moto's server mode, started on loopback for this module and stopped after it."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from flows import io
from flows.config import RunConfig, location

BUCKET = "newsvoices-test"

# tiny texts written for this test (never corpus text)
ARTICLE = """Harbour plan approved after long debate
By Ana Lima
PORTVILLE, March 3, 2024 - The city council approved the harbour plan on Tuesday.

"This plan keeps the fishing fleet in town," said Mayor Rui Costa.

Costa said the work would start in May and end within two years.
"""
INTERVIEW = """Interview: a baker on rising prices
Q: How have prices changed this year?
Maria Silva: Flour costs twice what it did. We raised the price of bread once.
Q: Will you raise it again?
Maria Silva: Not this winter. Our customers would stop coming.
"""
TOO_LARGE = "An object over the size limit of this run.\n" * 100   # defect: bigger than max_file_bytes
NOT_MATCHED = "notes that do not match *.txt\n"                       # defect: wrong suffix, never listed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server in its own process on 127.0.0.1 with test credentials in the environment; stopped
    (and the environment restored) after the module."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": endpoint,
           "AWS_DEFAULT_REGION": "us-east-1"}
    saved = {k: os.environ.get(k) for k in env}
    try:
        _wait_until_up(endpoint, server)
        os.environ.update(env)
        yield endpoint
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(endpoint: str, server: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"moto server did not start at {endpoint}") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def bucket(s3_endpoint):
    """The test bucket, with raw/ holding two texts, an oversized object and one that the pattern skips;
    uploaded with boto3 (not the code under test)."""
    import boto3

    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=BUCKET)
    for key, text in {"raw/article.txt": ARTICLE, "raw/interviews/baker.txt": INTERVIEW,
                      "raw/big.txt": TOO_LARGE, "raw/notes.md": NOT_MATCHED}.items():
        client.put_object(Bucket=BUCKET, Key=key, Body=text.encode("utf-8"))
    return client


def _reader(endpoint: str) -> pafs.S3FileSystem:
    """A filesystem of the test's own, to read back what the flow published."""
    return pafs.S3FileSystem(endpoint_override=endpoint.removeprefix("http://"), scheme="http", region="us-east-1",
                             access_key="testing", secret_key="testing")


def _pointer(client) -> str:
    return client.get_object(Bucket=BUCKET, Key="curated/current")["Body"].read().decode().strip()


@pytest.mark.flow
def test_flow_reads_raw_objects_and_publishes_a_version_behind_a_pointer(prefect_harness, bucket, s3_endpoint):
    from flows.curate import curate

    config = RunConfig(raw_dir=f"s3://{BUCKET}/raw/", curated_dir=f"s3://{BUCKET}/curated",
                       pattern="**/*.txt", max_file_bytes=2000, keep_snapshots=1, build_data_docs=False)
    assert config.raw_dir == f"s3://{BUCKET}/raw"                           # kept a URI, trailing slash dropped
    first = curate(config)
    pointer = _pointer(bucket)
    assert pointer == f"snapshots/{first['run_id']}"

    fs, snapshot = _reader(s3_endpoint), f"{BUCKET}/curated/{pointer}"
    manifest = json.loads(fs.open_input_stream(f"{snapshot}/manifest.json").read())
    tables = {name: pq.read_table(f"{snapshot}/{entry['file']}", filesystem=fs)
              for name, entry in manifest["tables"].items()}
    assert {name: t.num_rows for name, t in tables.items()} == {
        name: entry["rows"] for name, entry in manifest["tables"].items()}
    assert sorted(tables["documents"].column("source_path").to_pylist()) == ["article.txt", "interviews/baker.txt"]
    assert tables["statements"].num_rows >= 6
    speakers = set(tables["statements"].column("speaker").to_pylist())
    assert {"Maria Silva", "Rui Costa"} <= {s for s in speakers if s}
    rejected = tables["rejections"].to_pylist()
    assert [(r["stage"], r["reason"], r["source_path"]) for r in rejected] == [("ingest", "too_large", "big.txt")]
    assert first["rows"]["documents"] == 2
    # the data dictionary and the views travel in the snapshot
    names = {info.base_name for info in fs.get_file_info(pafs.FileSelector(snapshot))}
    assert {"README.md", "views.sql", "manifest.json"} <= names

    # a killed run's upload: a snapshot without manifest, never pointed at; the next publish removes it
    bucket.put_object(Bucket=BUCKET, Key="curated/snapshots/20000101T000000Z-killed/documents.parquet", Body=b"PAR1")
    second = curate(config)
    assert _pointer(bucket) == f"snapshots/{second['run_id']}"
    left = sorted(info.base_name for info in fs.get_file_info(pafs.FileSelector(f"{BUCKET}/curated/snapshots")))
    assert left == [second["run_id"]]                                       # keep_snapshots=1, debris gone
    again = pq.read_table(f"{BUCKET}/curated/snapshots/{second['run_id']}/statements.parquet", filesystem=fs)
    assert sorted(again.column("statement_id").to_pylist()) == sorted(
        tables["statements"].column("statement_id").to_pylist())           # same raw objects, same ids

    history = bucket.get_object(Bucket=BUCKET, Key="curated/reports/history.jsonl")["Body"].read().decode()
    runs = [json.loads(line) for line in history.splitlines()]
    assert [(r["run_id"], r["status"]) for r in runs] == [(first["run_id"], "published"),
                                                          (second["run_id"], "published")]
    index = bucket.get_object(Bucket=BUCKET, Key="curated/reports/index.html")["Body"].read().decode()
    assert second["run_id"] in index
    assert io.current_object_snapshot(f"s3://{BUCKET}/curated") == f"s3://{BUCKET}/curated/snapshots/{second['run_id']}"


def test_raw_objects_listed_by_pattern_and_read_with_limits(bucket):
    raw = f"s3://{BUCKET}/raw"
    assert io.source_paths(raw, "*.txt") == [f"{raw}/article.txt", f"{raw}/big.txt"]
    assert io.source_paths(raw, "**/*.txt") == [f"{raw}/article.txt", f"{raw}/big.txt", f"{raw}/interviews/baker.txt"]
    assert io.source_paths(f"s3://{BUCKET}/nothing-here", "*.txt") == []
    assert io.read_bytes(f"{raw}/article.txt") == ARTICLE.encode()
    with pytest.raises(io.RejectedSourceError) as err:
        io.read_bytes(f"{raw}/big.txt", max_bytes=2000)
    assert err.value.reason == "too_large"
    with pytest.raises(FileNotFoundError):
        io.read_bytes(f"{raw}/gone.txt")
    assert io.relative_source(f"{raw}/interviews/baker.txt", raw) == "interviews/baker.txt"


def test_curate_command_line_names_an_unreachable_raw_prefix(bucket, capsys):
    from flows.curate import main

    assert main(["--raw", "s3://no-such-bucket-here/raw", "--curated", f"s3://{BUCKET}/x"]) == 2
    assert "error: cannot list s3://no-such-bucket-here/raw" in capsys.readouterr().err


@pytest.mark.parametrize("name, pattern, expected", [
    ("a.txt", "*.txt", True), ("sub/a.txt", "*.txt", False),         # * stays inside one segment
    ("sub/a.txt", "**/*.txt", True), ("a.txt", "**/*.txt", True),    # ** is any number of segments, zero too
    ("a/b/c.txt", "a/**/c.txt", True), ("a.md", "**/*.txt", False),
])
def test_glob_matches_like_path_glob(name, pattern, expected):
    assert io.glob_matches(name, pattern) is expected


def test_location_keeps_s3_uris_and_makes_paths():
    assert location("s3://bucket/some/prefix/") == "s3://bucket/some/prefix"
    assert location("s3://bucket") == "s3://bucket"
    assert str(location("curated")) == "curated" and not isinstance(location("curated"), str)
    with pytest.raises(ValueError, match="no bucket"):
        location("s3:///prefix")
    assert RunConfig(curated_dir="s3://b/c").curated_dir == "s3://b/c"


def test_command_line_options_take_s3_uris_and_refuse_one_without_bucket(capsys):
    from flows import options
    from flows.curate import argument_parser, main

    config = options.run_config(argument_parser().parse_args(["--raw", "s3://news/raw/", "--curated", "s3://news/cur"]),
                                absolute_paths=True)
    assert (config.raw_dir, config.curated_dir) == ("s3://news/raw", "s3://news/cur")
    assert main(["--raw", "s3:///raw"]) == 2
    assert "error: argument --raw: invalid location value: 's3:///raw'" in capsys.readouterr().err
