"""spinefoot [serve | explain | where]: the same engine as the page.

Bad arguments exit 2 with one line on stderr; nothing here prints a traceback.
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import sys

from dashapp import clinical
from dashapp.datafiles import cache as datacache
from dashapp.datafiles.locations import DataError
from dashapp.export import fhir

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and no usage dump."""

    def error(self, message: str):  # noqa: D401 - argparse API
        raise UsageError(message)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, not {port}")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="spinefoot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    serve = sub.add_parser("serve", help="run the web app (the default)")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT)
    serve.add_argument("--debug", action="store_true", help="Dash dev tools and reloading")

    explain = sub.add_parser("explain", help="which roots and regions a spine problem affects")
    explain.add_argument("--condition", required=True)
    explain.add_argument("--level")
    explain.add_argument("--side", default="left")
    explain.add_argument("--zone")
    _output_options(explain)

    where = sub.add_parser("where", help="which roots could explain pain in these regions")
    where.add_argument("regions", nargs="+", metavar="REGION[:SIDE][:FEEL]",
                       help="a region id, optionally with its own side (left, right, both) and "
                            "what is felt there (pain - the default -, numbness, tingling)")
    where.add_argument("--side", default="left", help="side of the regions that name none")
    where.add_argument("--weak", default="", metavar="CHECK[,CHECK]",
                       help="strength checks found hard: heel-walk, tiptoe, knee")
    where.add_argument("--flags", default="", metavar="SIGN[,SIGN]",
                       help="warning signs answered yes (e.g. bladder-bowel)")
    _output_options(where)
    return parser


def _output_options(command: argparse.ArgumentParser) -> None:
    out = command.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--fhir", action="store_true",
                     help="print an HL7 FHIR R4B Bundle for a health record (its subject is a "
                          "placeholder the receiving system replaces)")


def _explain_text(expl: clinical.Explanation) -> str:
    roots = ", ".join(f"{h.root} {h.side}" + ("" if h.role == "primary" else " (possible)")
                      for h in expl.roots)
    regions = ", ".join(f"{h.region} {h.side}" for h in expl.regions if h.role == "primary")
    title = " ".join(str(v) for v in (expl.condition, expl.level, expl.side, expl.zone) if v)
    out = [title, f"roots: {roots}", f"felt in: {regions}",
           f"weakness: {'; '.join(expl.weakness) or '-'}",
           f"reflexes: {'; '.join(expl.reflexes) or '-'}"]
    out += [f"note: {n}" for n in expl.notes]
    out += [f"red flag: {r}" for r in expl.red_flags]
    return "\n".join(out)


def _where_text(result) -> str:
    out = [f"{f.urgency.upper()}: {f.text}" for f in result.red_flags]  # warnings first
    out.append("marked: " + ", ".join(f"{m.region} {m.side}" + ("" if m.feel == "pain" else
                                                                f" ({m.feel})")
                                      for m in result.marks))
    out.append("This is not a diagnosis. " + result.evidence)
    for cand in result.candidates:
        levels = ", ".join(f"{lv} {zone}" for lv, zone in cand.levels)
        out.append(f"{cand.root} {cand.side}  score {cand.score:.2f}  {cand.fit}  from: {levels}")
    out += [f"mimic ({m.side}): {m.name}: {m.fit} {m.why}" for m in result.mimics]
    out += [f"note: {n}" for n in result.notes]
    return "\n".join(out)


def _is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name other than localhost may resolve anywhere
        return False


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "serve"
    if command == "serve":
        host = getattr(args, "host", DEFAULT_HOST)
        debug = getattr(args, "debug", False)
        if debug and not _is_loopback(host):
            raise UsageError(f"--debug serves a debugger that runs code; use it only with a "
                             f"loopback --host (127.0.0.1, ::1, localhost), not {host!r}")
        from dashapp.app import app  # Dash only when serving
        from dashapp.server.devserver import QuietHandler

        app.run(host=host, port=getattr(args, "port", DEFAULT_PORT), debug=debug,
                request_handler=QuietHandler)
        return 0
    _anatomy, data = datacache.load()  # checked once, kept between runs
    try:
        if command == "explain":
            result = clinical.explain(data, args.condition, args.level, args.side, args.zone)
            text = _explain_text(result)
        else:
            flags = clinical.check_answers(data, args.flags.split(","))
            result = clinical.where(data, args.regions, args.side, weak=args.weak.split(","),
                                    answers=flags)
            text = _where_text(result)
        if args.fhir:
            print(fhir.to_json(fhir.explain_bundle(data, result) if command == "explain"
                               else fhir.where_bundle(data, result, flags)), end="")
            return 0
    except clinical.NotApplicable as refusal:
        raise UsageError(refusal.reason) from None
    print(json.dumps(result.to_json(), indent=2, ensure_ascii=False) if args.json else text)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except UsageError as exc:
        print(f"spinefoot: error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"spinefoot: data error: {exc}", file=sys.stderr)
        return 1
    except fhir.ExportError as exc:  # ours, not the person's: no half Bundle is printed
        print(f"spinefoot: export error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
