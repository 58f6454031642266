"""The command line (a contract: tests and outside checks call it exactly so).

    python -m analysis parse   PATH... [--json]
    python -m analysis analyze PATH... [--json]
    python -m analysis ingest  PATH... [--store DIR]
    python -m analysis stats   [--store DIR] [--json]
    python -m analysis query   VIEW [filters] [--store DIR] [--format csv|json]
    python -m analysis compact [--store DIR]

Exit status: 0 all inputs read; 1 some inputs rejected (each named on stderr as
`REJECTED <path>: <reason>`); 2 wrong usage. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from analysis.model import ENTITY_TYPES, EVENT_TYPES, FILTER_PARAMS, Article, Filter
from analysis.queries import core as queries
from analysis.render import export
from analysis.settings import Settings, SettingsError
from analysis.sources import FORMATS, read_paths
from analysis.sources.base import FileResult, ReadOptions
from analysis.store.batches import FileRecord, Store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
VIEWS = ("timeline", "entities", "events", "terms", "articles")


class UsageError(Exception):
    """Wrong usage that argparse cannot see (a bad date, a bad --map)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        parser.error(str(exc))  # exits with status 2
    try:
        return int(args.run(args, settings))
    except UsageError as exc:
        parser.error(str(exc))  # exits with status 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the store or an output cannot be written: say which and why
        print(f"newslens: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_REJECTED
    except Exception as exc:  # a bug: a one-line message, the traceback only when asked for
        if settings.debug:
            raise
        print(
            f"newslens: internal error ({type(exc).__name__}: {exc}); "
            "set NEWSLENS_DEBUG=1 to see the traceback",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="newslens: read, analyse, store and query Chinese-language news.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def reading(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        sub.add_argument("--format", choices=FORMATS, help="read every input as this format")
        sub.add_argument("--encoding", help="decode every input with this encoding")
        sub.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="table column to use for a field, e.g. --map body=正文 (repeatable)",
        )
        return sub

    parse = reading("parse", "print articles as JSON lines; nothing is stored")
    parse.add_argument("--json", action="store_true", help="JSON lines (the default is a table)")
    parse.set_defaults(run=run_parse)

    analyze = reading("analyze", "print articles with entities, events, topics and terms")
    analyze.add_argument("--json", action="store_true", help="JSON lines (default: a summary)")
    analyze.set_defaults(run=run_analyze)

    ingest = reading("ingest", "add inputs to the store and report on every file")
    ingest.add_argument("--store", help="store folder (default $NEWSLENS_STORE or data/store/)")
    ingest.add_argument(
        "--workers", type=int, default=None, help="processes (default $NEWSLENS_WORKERS or cores)"
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress line")
    ingest.set_defaults(run=run_ingest)

    stats = commands.add_parser("stats", help="counts of what the store holds")
    stats.add_argument("--store")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(run=run_stats)

    query = commands.add_parser("query", help="one view of the store for a filter")
    query.add_argument("view", choices=VIEWS)
    query.add_argument("--store")
    query.add_argument("--format", choices=("json", "csv"), default="json")
    add_filter_arguments(query)
    query.add_argument("--interval", choices=queries.INTERVALS, default="week")
    query.add_argument("--type", help=f"entity type ({', '.join(ENTITY_TYPES)}) or event type")
    query.add_argument("--limit", type=int, default=None)
    query.set_defaults(run=run_query)

    compact = commands.add_parser("compact", help="merge the store's batches into one")
    compact.add_argument("--store")
    compact.set_defaults(run=run_compact)
    return parser


def read_options(args: argparse.Namespace) -> ReadOptions:
    pairs = []
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise UsageError(f"--map takes FIELD=COLUMN, got {item!r}")
        pairs.append((field.strip(), column.strip()))
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError as exc:
            raise UsageError(f"unknown encoding {args.encoding!r}") from exc
    return ReadOptions(format=args.format, encoding=args.encoding, column_map=tuple(pairs))


def check_paths(paths: Sequence[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")


def report_problems(result: FileResult | FileRecord, *, most_warnings: int | None = None) -> bool:
    """Name the file's warnings (`WARNING ...`, the first `most_warnings` of them) and its
    rejection (`REJECTED <path>: <reason>`) on stderr; True if it was rejected."""
    for warning in result.warnings[:most_warnings]:
        print(f"WARNING {warning}", file=sys.stderr)
    if result.rejected:
        print(f"REJECTED {result.path}: {result.rejected}", file=sys.stderr)
    return bool(result.rejected)


def _results(args: argparse.Namespace) -> Iterator[FileResult]:
    check_paths(args.paths)
    yield from read_paths(args.paths, read_options(args))


def _each_article(args: argparse.Namespace, show: Callable[[Article], None]) -> int:
    """Read every input, report rejections and warnings, and `show` each article."""
    status = EXIT_OK
    for result in _results(args):
        if report_problems(result):
            status = EXIT_REJECTED
            continue
        for article in result.articles:
            show(article)
    return status


def run_parse(args: argparse.Namespace, settings: Settings) -> int:
    def show(article: Article) -> None:
        if args.json:
            sys.stdout.write(export.to_json_lines([article.to_dict()]))
        else:
            date = article.published_at or "-"
            print(f"{article.kind:8} {date:26} {article.source or '-'}  {article.title}")

    return _each_article(args, show)


def run_analyze(args: argparse.Namespace, settings: Settings) -> int:
    from analysis.language.analyze import Analyzer

    analyzer = Analyzer(topics_file=settings.topics_file)

    def show(article: Article) -> None:
        analyzed = analyzer.analyze(article)
        if args.json:
            sys.stdout.write(export.to_json_lines([analyzed.to_dict()]))
            return
        entities = ", ".join(f"{e.name}×{e.count}" for e in analyzed.entities[:12])
        events = ", ".join(
            f"{e.type}" + (f" {e.quantity}" if e.quantity is not None else "")
            for e in analyzed.events
        )
        print(f"{article.kind} {article.published_at or '-'} {article.title}")
        print(f"  topics:   {', '.join(analyzed.topics) or '-'}")
        print(f"  entities: {entities or '-'}")
        print(f"  events:   {events or '-'}")

    return _each_article(args, show)


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from analysis.ingest import Progress, ingest

    check_paths(args.paths)
    options = read_options(args)
    store = _open_store(args.store, settings)
    workers = args.workers or settings.ingest_workers
    show = (not args.quiet) and sys.stderr.isatty()
    last = [0.0]

    def progress(state: Progress) -> None:
        import time

        now = time.monotonic()
        if now - last[0] < (0.2 if show else 5.0):
            return
        last[0] = now
        line = f"files {state.files:,}  articles {state.articles:,}  {state.rate:,.0f} articles/s"
        if show:
            print("\r" + line, end="", file=sys.stderr, flush=True)
        elif not args.quiet:
            print(line, file=sys.stderr, flush=True)

    report = ingest(
        args.paths,
        store=store,
        options=options,
        workers=workers,
        batch_articles=settings.batch_articles,
        topics_file=settings.topics_file,
        progress=progress,
    )
    if show:
        print(file=sys.stderr)
    for record in report.files:
        if not report_problems(record, most_warnings=20):
            print(
                f"OK {record.path}: {record.articles} articles, {record.teasers} teasers, "
                f"{record.duplicates} already stored"
            )
    rate = report.added / report.seconds if report.seconds else 0.0
    print(
        f"ingested {len(report.files)} files into {store.root}: {report.added} new, "
        f"{report.duplicates} duplicates folded, {len(report.rejected)} rejected "
        f"({report.seconds:.1f} s, {rate:,.0f} articles/s)"
    )
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _open_store(name: str | None, settings: Settings) -> Store:
    """--store, else the settings' store, read with the settings' DuckDB threads."""
    return Store(name or settings.store, query_threads=settings.duckdb_threads)


def _store_for_reading(name: str | None, settings: Settings) -> Store:
    from analysis.ingest import ensure_sample_store

    store = _open_store(name, settings)
    ensure_sample_store(store)
    return store


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    counts = queries.stats(_store_for_reading(args.store, settings))
    if args.json:
        print(json.dumps(counts, ensure_ascii=False))
    else:
        for key, value in counts.items():
            print(f"{key:18} {value}")
    return EXIT_OK


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per part of a Filter (`FILTER_PARAMS`): --from --to --topic --source --entity
    --q --include-teasers. Each is kept under `filter_<name>` as a list of query values."""
    for param in FILTER_PARAMS:
        dest = f"filter_{param.name}"
        if param.kind == "flag":
            parser.add_argument(param.flag, dest=dest, action="store_const", const=["1"])
        elif param.kind == "texts":
            parser.add_argument(param.flag, dest=dest, action="append", metavar=param.metavar)
        else:
            parser.add_argument(
                param.flag, dest=dest, type=lambda v: [v], metavar=param.metavar, help=param.help
            )


def filter_from_arguments(args: argparse.Namespace) -> Filter:
    """The Filter the filter options name; a usage error for a value it cannot take."""
    params = {p.name: getattr(args, f"filter_{p.name}") or [] for p in FILTER_PARAMS}
    flt, problems = Filter.from_params(params)
    if problems:
        flags = {p.name: p.flag for p in FILTER_PARAMS}
        raise UsageError(f"{flags[problems[0].param]} {problems[0].message}")
    return flt


def run_query(args: argparse.Namespace, settings: Settings) -> int:
    flt = filter_from_arguments(args)
    store = _store_for_reading(args.store, settings)
    if args.view == "timeline":
        frame = queries.timeline(store, flt, interval=args.interval)
    elif args.view == "entities":
        if args.type and args.type not in ENTITY_TYPES:
            raise UsageError(f"--type for entities is one of {', '.join(ENTITY_TYPES)}")
        frame = queries.top_entities(store, flt, entity_type=args.type, limit=args.limit or 100)
    elif args.view == "events":
        if args.type and args.type not in EVENT_TYPES:
            raise UsageError(f"--type for events is one of {', '.join(EVENT_TYPES)}")
        frame = queries.events(store, flt, event_type=args.type)
    elif args.view == "terms":
        frame = queries.terms(store, flt, limit=args.limit or 200)
    else:
        frame = queries.articles(store, flt, limit=args.limit)
    if args.limit is not None:
        frame = frame.head(args.limit)
    if args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(export.to_csv_bytes(frame))
    else:
        sys.stdout.write(export.frame_to_json_lines(frame))
    return EXIT_OK


def run_compact(args: argparse.Namespace, settings: Settings) -> int:
    store = _open_store(args.store, settings)
    with store.writer_lock():
        merged = store.compact()
    print(f"compacted into {merged}" if merged else "nothing to compact")
    return EXIT_OK
