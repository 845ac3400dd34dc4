#!/usr/bin/python3
"""Fuzzy-match engines beside tolk on the same TM and the same queries.

Reads what `tm_bench --dump DIR` wrote (units.tsv: id, source, target; queries.tsv; truth.tsv: the
true top-k unit ids from tolk's scan of every unit) and runs each query through
  - PostgreSQL 15 pg_trgm: similarity() with a GIN trigram index, on a server this script starts
    on loopback in a temporary folder (Debian's postgresql-15 and python3-psycopg2);
  - translate-toolkit's matcher (Levenshtein on characters, Debian's translate-toolkit with
    python3-levenshtein).
Prints p50/p99 latency, queries/s and the recall of the true top-k, in tm_bench's table format.
Run with /usr/bin/python3 (Debian's Python, which has these packages).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def read_dump(directory):
    units = []
    with open(os.path.join(directory, "units.tsv"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3:
                units.append((int(fields[0]), fields[1], fields[2]))
    with open(os.path.join(directory, "queries.tsv"), encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f]
    truth = {}
    with open(os.path.join(directory, "truth.tsv"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            truth[int(fields[0])] = [int(field.split(":")[0]) for field in fields[1:] if field]
    return units, queries, truth


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def report(name, latencies_ms, found, wanted):
    recall = found / wanted if wanted else 1.0
    qps = 1000.0 * len(latencies_ms) / sum(latencies_ms) if sum(latencies_ms) > 0 else 0
    print("%-26s %10.3f %10.3f %10.0f %12.4f" % (name, percentile(latencies_ms, 0.5),
                                                   percentile(latencies_ms, 0.99), qps, recall))
    sys.stdout.flush()


def run_pg_trgm(units, queries, truth, top, threshold):
    import psycopg2

    binaries = "/usr/lib/postgresql/15/bin"
    folder = tempfile.mkdtemp(prefix="tolk-pg-")
    data = os.path.join(folder, "data")
    port = "55432"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    as_user = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_user + [binaries + "/initdb", "-D", data, "-A", "trust", "-U", "postgres",
                              "-E", "UTF8", "--locale=C.UTF-8"], check=True, **quiet)
    subprocess.run(as_user + [binaries + "/pg_ctl", "-D", data, "-w", "-l",
                              os.path.join(folder, "log"), "-o",
                              "-p %s -k %s -c listen_addresses=127.0.0.1 -c shared_buffers=512MB"
                              % (port, folder), "start"], check=True, **quiet)
    try:
        connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres",
                                      dbname="postgres")
        connection.autocommit = True
        cursor = connection.cursor()
        cursor.execute("CREATE EXTENSION pg_trgm")
        cursor.execute("CREATE TABLE tm (id integer PRIMARY KEY, source text, target text)")
        started = time.perf_counter()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as rows:
            for unit in units:
                rows.write("%d\t%s\t%s\n" % unit)
            rows.seek(0)
            cursor.copy_expert("COPY tm FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', "
                               "QUOTE E'\\x01')", rows)
        cursor.execute("CREATE INDEX tm_source_trgm ON tm USING gin (source gin_trgm_ops)")
        cursor.execute("ANALYZE tm")
        print("pg_trgm: %d units loaded and indexed in %.1f s" % (len(units),
                                                                 time.perf_counter() - started))
        cursor.execute("SET pg_trgm.similarity_threshold = %s", (threshold,))
        statement = ("SELECT id FROM tm WHERE source %% %s "
                     "ORDER BY similarity(source, %s) DESC, id DESC LIMIT %s")
        for query in queries[:5]:  # warm the cache as tolk's benchmark does
            cursor.execute(statement, (query, query, top))
            cursor.fetchall()
        latencies = []
        found = wanted = 0
        for index, query in enumerate(queries):
            started = time.perf_counter()
            cursor.execute(statement, (query, query, top))
            ids = {row[0] for row in cursor.fetchall()}
            latencies.append(1000 * (time.perf_counter() - started))
            expected = truth.get(index, [])
            wanted += len(expected)
            found += sum(1 for unit_id in expected if unit_id in ids)
        report("pg_trgm (GIN, %% >= %.2f)" % threshold, latencies, found, wanted)
        connection.close()
    finally:
        subprocess.run(as_user + [binaries + "/pg_ctl", "-D", data, "-m", "fast", "stop"], **quiet)
        shutil.rmtree(folder, ignore_errors=True)


def run_translate_toolkit(units, queries, truth, top, minimum, limit):
    from translate.search import match
    from translate.storage import base, pypo

    # The matcher keeps a heap of (similarity, unit); equal similarities would compare units,
    # which Python 3 refuses: order them by identity.
    base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)

    store = pypo.pofile()
    ids_by_source = {}
    for unit_id, source, target in units:
        unit = store.addsourceunit(source)
        unit.target = target
        ids_by_source.setdefault(source, set()).add(unit_id)
    started = time.perf_counter()
    matcher = match.matcher(store, max_candidates=top, min_similarity=minimum, max_length=10000)
    print("translate-toolkit: matcher over %d units built in %.1f s" % (
        len(units), time.perf_counter() - started))
    latencies = []
    found = wanted = 0
    for index, query in enumerate(queries[:limit]):
        started = time.perf_counter()
        candidates = matcher.matches(query)
        latencies.append(1000 * (time.perf_counter() - started))
        sources = {candidate.source for candidate in candidates}
        expected = truth.get(index, [])
        wanted += len(expected)
        found += sum(1 for unit_id in expected
                     if any(unit_id in ids_by_source.get(source, ()) for source in sources))
    report("translate-toolkit (%d q)" % len(latencies), latencies, found, wanted)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", help="the folder tm_bench --dump wrote")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--min", type=int, default=70, help="translate-toolkit's min_similarity")
    parser.add_argument("--pg-threshold", type=float, default=0.3,
                        help="pg_trgm.similarity_threshold (default 0.3, pg_trgm's own)")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-ttk", action="store_true")
    parser.add_argument("--ttk-queries", type=int, default=50,
                        help="queries for translate-toolkit, which scans every unit (default 50)")
    arguments = parser.parse_args()
    units, queries, truth = read_dump(arguments.dump)
    print("%-26s %10s %10s %10s %12s" % ("engine", "p50 ms", "p99 ms", "queries/s", "recall"))
    if not arguments.no_pg:
        run_pg_trgm(units, queries, truth, arguments.top, arguments.pg_threshold)
    if not arguments.no_ttk:
        run_translate_toolkit(units, queries, truth, arguments.top, arguments.min,
                              arguments.ttk_queries)


if __name__ == "__main__":
    main()
