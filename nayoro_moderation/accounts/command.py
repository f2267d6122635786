"""``accounts check|render|impostor REGISTRY``: the city's account list (guideline 5(3), 5(5)イ).

Exit codes as the rest of the command line: 0 nothing to act on, 1 problems or suspects, 2 bad usage
or an unreadable registry."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..exits import EXIT_CLEAN, EXIT_FINDINGS, UsageError


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (e.g. 2026-12-01)") from None


def _registry(path: str):
    from .registry import Registry, RegistryError

    try:
        return Registry.load(path)
    except RegistryError as exc:
        raise UsageError(str(exc)) from None


def cmd_check(args) -> int:
    from .problems import check

    problems = check(_registry(args.registry), args.today)
    for problem in problems:
        print(problem.line(args.registry))
    if not problems:
        print(f"{args.registry}: 台帳に問題はありません")
    return EXIT_FINDINGS if problems else EXIT_CLEAN


def cmd_render(args) -> int:
    from .forms import fill, form_html, form_text, list_html, list_text
    from .registry import RegistryError
    from ..scan.html import HtmlUnavailable

    if args.list == (args.form is not None):
        raise UsageError("give either --list or --form N --account ID")
    if args.form is not None and not args.account:
        raise UsageError("--form needs --account ID (see the ids in the registry)")
    registry = _registry(args.registry)
    try:
        if args.list:
            page = list_html(registry) if args.format == "html" else list_text(registry)
        else:
            form = fill(registry, registry.account(args.account), args.form, args.date)
            page = form_html(form) if args.format == "html" else form_text(form)
    except (RegistryError, HtmlUnavailable) as exc:
        raise UsageError(str(exc).replace("--html needs", "--format html needs")) from None
    sys.stdout.write(page)
    return EXIT_CLEAN


def cmd_impostor(args) -> int:
    from .impostor import RISKS, impostor_risk
    from .suspects import read_suspects, write_csv

    if bool(args.names) == bool(args.file):
        raise UsageError("give names or handles, or --file LIST (one per line, or a CSV with name/handle columns)")
    registry = _registry(args.registry)
    suspects = read_suspects(args.file) if args.file else [(name, None) for name in args.names]
    results = [impostor_risk(registry, name, handle) for name, handle in suspects]
    floor = RISKS.index(args.min_risk)
    flagged = [r for r in results if r.risk != "official" and r.rank >= floor]
    if (args.format or ("csv" if args.file else "text")) == "csv":
        write_csv(sys.stdout, suspects, results)
    else:
        for result in results:
            if result in flagged or result.risk == "official":
                print(result.line())
        print(f"{len(results)}件中 {len(flagged)}件が {args.min_risk} 以上", file=sys.stderr)
    return EXIT_FINDINGS if flagged else EXIT_CLEAN


def add_accounts_command(sub) -> None:
    p = sub.add_parser("accounts", help="the city's account list: check it, render 様式2–5 and the list page, score impostors")
    actions = p.add_subparsers(dest="action", required=True, parser_class=type(p))

    c = actions.add_parser("check", help="accounts left running, policy mismatches, forms not answered")
    c.add_argument("registry", metavar="REGISTRY", help="accounts TOML file")
    c.add_argument("--today", type=_day, metavar="DATE", help="check as of this day (default: today in Japan)")
    c.set_defaults(func=cmd_check)

    r = actions.add_parser("render", help="様式2–5 for an account, or the public list page")
    r.add_argument("registry", metavar="REGISTRY")
    r.add_argument("--form", type=int, choices=(2, 3, 4, 5), help="様式2 掲載依頼, 3 掲載通知, 4 削除依頼, 5 削除通知")
    r.add_argument("--account", metavar="ID", help="the account's id in the registry")
    r.add_argument("--date", type=_day, metavar="DATE", help="date the form (default: the registry's date, else blank)")
    r.add_argument("--list", action="store_true", help="the 名寄市ソーシャルメディア一覧 page, each account with its policy")
    r.add_argument("--format", choices=("text", "html"), default="text", help="html needs the html extra")
    r.set_defaults(func=cmd_render)

    i = actions.add_parser("impostor", help="how much names or handles seen on a platform pose as the city's accounts")
    i.add_argument("registry", metavar="REGISTRY")
    i.add_argument("names", metavar="NAME_OR_HANDLE", nargs="*")
    i.add_argument("--file", metavar="LIST", help="one name or handle a line, or a CSV with name and handle columns")
    i.add_argument("--format", choices=("text", "csv"), help="default: csv with --file, text otherwise")
    i.add_argument("--min-risk", choices=("low", "medium", "high"), default="low", help="exit 1 from this risk up")
    i.set_defaults(func=cmd_impostor)
