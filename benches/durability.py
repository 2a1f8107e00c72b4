#!/usr/bin/env python3
"""Durability harness: kill -9 a writing server and its writers, then count.

Driven by benches/durability.sh (which builds or picks the binary); standard
library only. One store for the whole run (a SQLite data directory, or a
PostgreSQL database the shell script created). Each cycle:

1. the server (`goodenough serve`) is already running on the store;
2. HTTP writers (wins, setbacks, thought records and check-ins through
   /api/v1 with a bearer token, one keep-alive connection each) and CLI
   writers (`goodenough win|setback|reframe|checkin --json` on the same
   store) start at the same time, each in its own process group;
3. at a random moment the server and every writer (with the CLI process it
   is waiting for) get SIGKILL;
4. on SQLite, `PRAGMA integrity_check` runs on the file the crash left;
5. the server starts again on the same store, and every write acknowledged so
   far, in this cycle or any earlier one, must be in its
   GET /api/v1/export.

"Acknowledged" is what a person relies on: for HTTP, a 2xx answer whose body
was read in full and names the new record's id; for the CLI, exit status 0
with the new record printed. A writer appends the acknowledgement to its own
file only after that, so a writer killed between the answer and the line
only makes the count smaller, never a false loss. Every record carries a
unique marker text, which is what the check looks for (with the id).

Exit status 0 when nothing acknowledged was lost and every integrity check
said ok; 1 otherwise; 2 when the harness itself could not run.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse

KINDS = ["win", "setback", "thought", "checkin"]
EARLIEST_CHECKIN = datetime.date(1970, 1, 2)


# --- writers (child processes) -----------------------------------------------


def check_in_date(offset):
    """The date a check-in with this offset is written for: today minus the
    offset, one per record so none collides with another."""
    day = datetime.date.today() - datetime.timedelta(days=offset)
    return day if day >= EARLIEST_CHECKIN else None


def writer_plan(writer, seq, date_base, stride):
    """Which kind the writer's seq-th write is, and its check-in date offset."""
    kind = KINDS[(writer + seq) % len(KINDS)]
    offset = None
    if kind == "checkin":
        offset = date_base + seq * stride + writer
        if check_in_date(offset) is None:
            kind = "win"
    return kind, offset


def http_body(kind, marker, offset):
    if kind == "win":
        return "/api/v1/wins", {"text": marker}
    if kind == "setback":
        return "/api/v1/setbacks", {"text": marker, "lesson": "kept going"}
    if kind == "thought":
        return "/api/v1/thoughts", {
            "situation": marker,
            "thought": "it has to be perfect",
            "belief": 60,
        }
    day = check_in_date(offset)
    return "/api/v1/checkins", {
        "date": day.isoformat(),
        "mood": 6,
        "energy": 5,
        "appreciations": [
            {"area": "work", "text": marker},
            {"area": "rest", "text": "rested"},
            {"area": "health", "text": "walked"},
        ],
    }


def cli_args(kind, marker, offset):
    if kind == "win":
        return ["win", marker]
    if kind == "setback":
        return ["setback", marker, "--lesson", "kept going"]
    if kind == "thought":
        return [
            "reframe",
            "--situation",
            marker,
            "--thought",
            "it has to be perfect",
            "--belief",
            "60",
        ]
    day = check_in_date(offset)
    return [
        "checkin",
        "--date",
        day.isoformat(),
        "--mood",
        "6",
        "--energy",
        "5",
        "--appreciate",
        "work: " + marker,
        "--appreciate",
        "rest: rested",
        "--appreciate",
        "health: walked",
    ]


def run_writer(args):
    """One writer: writes until killed, logging each try and acknowledgement."""
    log = open(args.log, "a", buffering=1)
    url = urllib.parse.urlparse(args.url) if args.url else None
    conn = None
    seq = 0
    while True:
        kind, offset = writer_plan(args.writer, seq, args.date_base, args.stride)
        marker = "durability %s c%d w%d n%d %s" % (
            args.mode,
            args.cycle,
            args.writer,
            seq,
            args.nonce,
        )
        log.write("try %s %s\n" % (kind, -1 if offset is None else offset))
        record_id = None
        if args.mode == "http":
            path, body = http_body(kind, marker, offset)
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
                conn.request(
                    "POST",
                    path,
                    body=json.dumps(body),
                    headers={
                        "Content-Type": "application/json",
                        "Authorization": "Bearer " + args.token,
                    },
                )
                answer = conn.getresponse()
                data = answer.read()
                if 200 <= answer.status < 300:
                    record_id = json.loads(data)["id"]
                else:
                    log.write("refused %d %s\n" % (answer.status, data[:200].decode("utf-8", "replace")))
            except (OSError, http.client.HTTPException, ValueError, KeyError) as err:
                log.write("error %s\n" % type(err).__name__)
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
        else:
            command = [args.bin, "--data-dir", args.data_dir]
            if args.database:
                command += ["--database", args.database]
            command += cli_args(kind, marker, offset) + ["--json"]
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if done.returncode == 0:
                try:
                    record_id = json.loads(done.stdout)["id"]
                except (ValueError, KeyError):
                    log.write("error unreadable-output\n")
            else:
                log.write("refused exit %d %s\n" % (done.returncode, done.stderr[:200].decode("utf-8", "replace").strip()))
        if record_id is not None:
            log.write("ack %s %s %s\n" % (kind, record_id, marker))
        seq += 1


# --- the orchestrator -------------------------------------------------------------


class Harness:
    def __init__(self, args):
        self.args = args
        self.bin = args.bin
        self.data_dir = args.data_dir
        self.database = args.database
        self.server = None
        self.server_log = ""
        self.url = None
        self.token = None
        self.acked = {}  # marker -> (kind, id)
        self.date_base = 1
        self.stride = args.http_writers + args.cli_writers
        self.rng = random.Random(args.seed)

    def store_args(self):
        extra = ["--data-dir", self.data_dir]
        if self.database:
            extra += ["--database", self.database]
        return extra

    def cli(self, *words, stdin=None):
        done = subprocess.run(
            [self.bin] + self.store_args() + list(words),
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit("goodenough %s failed: %s" % (words[0], done.stderr.strip()))
        return done.stdout

    def setup(self):
        self.cli("user", "add", "durability@example.org", "--password-stdin", stdin="durability harness password\n")
        made = json.loads(self.cli("token", "create", "--name", "durability", "--json", "durability@example.org"))
        self.token = made["token"]

    def start_server(self, cycle):
        log_path = os.path.join(self.data_dir, "serve-%d.log" % cycle)
        self.server_log = log_path
        with open(log_path, "w") as log:
            self.server = subprocess.Popen(
                [self.bin] + self.store_args() + ["serve", "--bind", "127.0.0.1:0"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with open(log_path) as log:
                text = log.read()
            start = text.find("http://127.0.0.1:")
            if start >= 0:
                end = start + len("http://127.0.0.1:")
                while end < len(text) and text[end].isdigit():
                    end += 1
                # Only a port followed by something else is whole: the line
                # may be read while the server is still writing it (one
                # cycle once read "…:441" of "…:44141" and waited on a port
                # nobody listened on).
                if end < len(text) and end > start + len("http://127.0.0.1:"):
                    self.url = text[start:end]
                    return
            if self.server.poll() is not None:
                raise SystemExit("the server stopped at start (cycle %d):\n%s" % (cycle, text[-2000:]))
            time.sleep(0.05)
        raise SystemExit("the server did not say where it listens within 120 s (cycle %d)" % cycle)

    def spawn_writers(self, cycle):
        writers = []
        nonce = "%08x" % self.rng.getrandbits(32)
        total = self.args.http_writers + self.args.cli_writers
        for writer in range(total):
            mode = "http" if writer < self.args.http_writers else "cli"
            log_path = os.path.join(self.data_dir, "writer-%d-%d.log" % (cycle, writer))
            command = [
                sys.executable,
                os.path.abspath(__file__),
                "--writer-mode",
                mode,
                "--writer",
                str(writer),
                "--cycle",
                str(cycle),
                "--nonce",
                nonce,
                "--log",
                log_path,
                "--date-base",
                str(self.date_base),
                "--stride",
                str(self.stride),
                "--bin",
                self.bin,
                "--data-dir",
                self.data_dir,
                "--url",
                self.url,
                "--token",
                self.token,
            ]
            if self.database:
                command += ["--database", self.database]
            proc = subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL)
            writers.append((proc, log_path))
        return writers

    def kill_all(self, writers):
        # Everyone at once, the server first: it may be in the middle of a
        # commit, a writer in the middle of reading its answer.
        procs = [self.server] + [proc for proc, _ in writers]
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for proc in procs:
            proc.wait()
        self.server = None

    def read_logs(self, writers):
        tried = acked = refused = errors = 0
        by_mode = {"http": 0, "cli": 0}
        refusals = []
        for _, log_path in writers:
            if not os.path.exists(log_path):
                continue  # killed before it started writing
            with open(log_path, errors="replace") as log:
                for line in log:
                    if not line.endswith("\n"):
                        continue  # cut short by the kill
                    word, _, rest = line.rstrip("\n").partition(" ")
                    if word == "try":
                        tried += 1
                        offset = int(rest.split(" ")[1])
                        if offset >= 0:
                            self.date_base = max(self.date_base, offset + 1)
                    elif word == "ack":
                        kind, record_id, marker = rest.split(" ", 2)
                        self.acked[marker] = (kind, record_id)
                        acked += 1
                        by_mode[marker.split(" ")[1]] += 1
                    elif word == "refused":
                        refused += 1
                        refusals.append(rest)
                    elif word == "error":
                        errors += 1
        # The next cycle's check-ins start after every date tried in this one.
        self.date_base += self.stride
        return tried, acked, by_mode, refused, errors, refusals

    def integrity(self):
        if self.database:
            return "n/a"
        path = os.path.join(self.data_dir, "goodenough.db")
        db = sqlite3.connect(path, timeout=60)
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        finally:
            db.close()
        return "; ".join(str(row[0]) for row in rows)

    def export(self):
        url = urllib.parse.urlparse(self.url)
        deadline = time.monotonic() + 300
        last = ""
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
                conn.request("GET", "/api/v1/export", headers={"Authorization": "Bearer " + self.token})
                answer = conn.getresponse()
                data = answer.read()
                conn.close()
                if answer.status == 200:
                    return json.loads(data)
                last = "status %d" % answer.status
            except (OSError, http.client.HTTPException) as err:
                last = str(err)
            ended = self.server.poll() if self.server else None
            if ended is not None:
                # It stopped after saying where it listens: say how, with the
                # end of its log, rather than waiting out the deadline.
                how = "killed by signal %d" % -ended if ended < 0 else "exit status %d" % ended
                raise SystemExit(
                    "the restarted server stopped (%s) before answering GET /api/v1/export; "
                    "the end of its log:\n%s" % (how, self.server_log_tail())
                )
            time.sleep(0.2)
        raise SystemExit(
            "the restarted server did not answer GET /api/v1/export: %s; the end of its log:\n%s"
            % (last, self.server_log_tail())
        )

    def server_log_tail(self):
        try:
            with open(self.server_log, errors="replace") as log:
                return log.read()[-2000:]
        except OSError as err:
            return "(no log: %s)" % err

    def present(self, document):
        texts = set()
        ids = set()

        def walk(value, key=None):
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    walk(v, key)
            elif isinstance(value, str):
                if key == "id":
                    ids.add(value)
                else:
                    texts.add(value)

        walk(document)
        return texts, ids

    def run(self):
        args = self.args
        self.setup()
        total_acked = total_lost = integrity_failures = total_refused = 0
        total_http = total_cli = 0
        print(
            "durability: %s, %d cycles, %d HTTP + %d CLI writers, kill after %.1f-%.1f s"
            % (args.backend, args.cycles, args.http_writers, args.cli_writers, args.min_seconds, args.max_seconds),
            flush=True,
        )
        self.start_server(0)
        for cycle in range(1, args.cycles + 1):
            writers = self.spawn_writers(cycle)
            time.sleep(self.rng.uniform(args.min_seconds, args.max_seconds))
            self.kill_all(writers)
            tried, acked, by_mode, refused, errors, refusals = self.read_logs(writers)
            total_http += by_mode["http"]
            total_cli += by_mode["cli"]
            total_acked += acked
            total_refused += refused
            check = self.integrity()
            if check not in ("ok", "n/a"):
                integrity_failures += 1
            self.start_server(cycle)
            texts, ids = self.present(self.export())
            lost = [
                (marker, kind, record_id)
                for marker, (kind, record_id) in self.acked.items()
                if marker not in texts or record_id not in ids
            ]
            total_lost = len(lost)
            print(
                "cycle %3d: tried %4d, acknowledged %4d (HTTP %d, CLI %d), refused %d, connection errors %d, lost so far %d, integrity %s"
                % (cycle, tried, acked, by_mode["http"], by_mode["cli"], refused, errors, len(lost), check),
                flush=True,
            )
            for text in refusals[:3]:
                print("    refused: " + text, flush=True)
            for marker, kind, record_id in lost[:5]:
                print("    LOST %s %s: %s" % (kind, record_id, marker), flush=True)
            if lost and args.stop_on_loss:
                break
        if self.server is not None:
            self.server.terminate()
            self.server.wait()
        print(
            "summary: backend %s, cycles %d, acknowledged %d (HTTP %d, CLI %d), lost %d, integrity failures %d, refused %d"
            % (args.backend, cycle, total_acked, total_http, total_cli, total_lost, integrity_failures, total_refused),
            flush=True,
        )
        return 0 if total_lost == 0 and integrity_failures == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--database", default="")
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--http-writers", type=int, default=4)
    parser.add_argument("--cli-writers", type=int, default=2)
    parser.add_argument("--min-seconds", type=float, default=0.5)
    parser.add_argument("--max-seconds", type=float, default=2.5)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--stop-on-loss", action="store_true")
    # Writer processes only.
    parser.add_argument("--writer-mode", choices=["http", "cli"])
    parser.add_argument("--writer", type=int)
    parser.add_argument("--cycle", type=int)
    parser.add_argument("--nonce")
    parser.add_argument("--log")
    parser.add_argument("--date-base", type=int)
    parser.add_argument("--stride", type=int)
    parser.add_argument("--url")
    parser.add_argument("--token")
    args = parser.parse_args()
    if args.writer_mode:
        args.mode = args.writer_mode
        run_writer(args)
        return 0
    harness = Harness(args)
    try:
        return harness.run()
    finally:
        # A run that stops early (SystemExit) leaves no server behind.
        if harness.server is not None and harness.server.poll() is None:
            try:
                os.killpg(harness.server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            harness.server.wait()


if __name__ == "__main__":
    sys.exit(main())
