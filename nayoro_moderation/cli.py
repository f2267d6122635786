"""Command line (DESIGN §7).  Exit codes: 0 nothing at or above --min-severity, 1 findings,
2 bad usage or unreadable input, always as one clear line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from .accounts.command import add_accounts_command
from .categories import CATEGORY_TITLES, SEVERITY_TITLES, Category, Severity, allowed_in, clause_for
from .exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError
from .policy import Policy, PolicyError
from .policy_command import add_policy_command
from .scan.command import add_parser as add_scan_command
from .desk.command import add_parser as add_serve_command
from .rules import RuleError, example_text


# A draft or a comment is a few kilobytes; a log is for `scan`, which streams.  Past this a check's
# memory grows to gigabytes (its tokens and offset maps), so the input is refused, not read.
DEFAULT_MAX_BYTES = 5_000_000


def read_input(name: str, encoding: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of FILE or of standard input ('-'): UTF-8 (a BOM is allowed), UTF-16 with BOM or
    CP932, guessed as `scan` guesses a log unless ``encoding`` names one; at most ``max_bytes``
    bytes: read up to one byte more, never to the end first (``check /dev/zero``)."""
    from .scan.encoding import ScanInputError, decode_text

    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        label = "standard input"
    else:
        path = Path(name)
        if path.is_dir():
            raise UsageError(f"{name}: is a directory, not a text file")
        try:
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file") from None
        except OSError as exc:
            raise UsageError(f"{name}: cannot read: {exc.strerror}") from None
        label = name
    if len(data) > max_bytes:
        raise UsageError(
            f"{label}: more than {max_bytes:,} bytes; check takes one draft or comment "
            "(use scan for a log, or --max-bytes N to raise the limit)"
        )
    try:
        text = decode_text(data, encoding, label)
    except ScanInputError as exc:
        raise UsageError(str(exc)) from None
    if not text.strip():
        raise UsageError(f"{label}: empty input, nothing to check")
    return text


def _byte_count(value: str) -> int:
    try:
        count = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {value!r}")
    return count


def _parse_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {value!r} (e.g. 2026-11-21T10:30:00+09:00)") from None


def _moderator(args):
    from .moderator import Moderator

    policy = Policy.load(args.policy) if getattr(args, "policy", None) else None
    return Moderator(policy=policy, rules=getattr(args, "rules", None) or ())


# --- check -------------------------------------------------------------------------------------


def cmd_check(args) -> int:
    from .render import RENDERERS, render_text

    text = read_input(args.file, args.encoding, args.max_bytes)
    if args.context_file:
        args.context = read_input(args.context_file, args.encoding, args.max_bytes)
    review = _moderator(args).review(
        text, args.mode, context=args.context, posted_at=args.posted_at, account=args.account
    )
    findings = review.at_least(Severity(args.min_severity))
    source = "<stdin>" if args.file == "-" else args.file
    if args.redact:
        sys.stdout.write(review.redacted_text() + ("" if review.text.endswith("\n") else "\n"))
    elif args.format == "text":
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(render_text(review, source, findings, colour))
    else:
        sys.stdout.write(RENDERERS[args.format](review, source, findings))
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _add_check(sub):
    p = sub.add_parser("check", help="check a draft or a comment")
    p.add_argument("file", metavar="FILE|-", help="text file (UTF-8, UTF-16 with BOM or CP932), or - for standard input")
    p.add_argument("--encoding", choices=("auto", "utf-8", "utf-8-sig", "utf-16", "cp932"), default="auto",
                   help="the file's encoding (default: guessed as scan guesses)")
    p.add_argument("--mode", choices=("draft", "comment"), default="draft")
    p.add_argument("--format", choices=("text", "json", "jsonl", "csv"), default="text")
    p.add_argument("--min-severity", choices=("low", "medium", "high"), default="low")
    p.add_argument("--policy", metavar="P", help="運用ポリシー TOML (default: Nayoro's public facts)")
    p.add_argument("--rules", metavar="DIR", action="append", help="extra rule folder (repeatable)")
    p.add_argument("--posted-at", type=_parse_time, metavar="ISO8601", help="when the text is (to be) posted")
    p.add_argument("--account", choices=("official", "personal"), default="official", help="account a draft goes out on")
    p.add_argument("--context", help="the parent post a comment replies to")
    p.add_argument("--context-file", metavar="FILE", help="read the parent post from a file")
    p.add_argument("--redact", action="store_true", help="print the text with privacy and security spans masked")
    p.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse a larger input (default {DEFAULT_MAX_BYTES:,})")
    p.set_defaults(func=cmd_check)


# --- rules -------------------------------------------------------------------------------------


def cmd_rules(args) -> int:
    checks = _moderator(args).checks
    if args.category:
        checks = [c for c in checks if c.category.value == args.category]
    if args.format == "json":
        rows = [
            {"id": c.id, "name": c.name, "category": c.category.value, "severity": c.severity.value,
             "modes": list(c.active_modes), "kind": "rule" if c.path else "detector", "path": c.path}
            for c in checks
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(f"{'id':<7} {'name':<36} {'category':<20} {'severity':<8} {'modes':<14} 区分（重大度）")
        for c in checks:
            print(f"{c.id:<7} {c.name:<36} {c.category.value:<20} {c.severity.value:<8} {','.join(c.active_modes):<14} "
                  f"{CATEGORY_TITLES[c.category]}（{SEVERITY_TITLES[c.severity.value]}）")
        print(f"{len(checks)}件（ルール {sum(1 for c in checks if c.path)}、検出器 {sum(1 for c in checks if not c.path)}）。"
              "詳しくは explain ID")
    return EXIT_CLEAN


def _add_rules(sub):
    p = sub.add_parser("rules", help="list rules and detectors")
    p.add_argument("--category", choices=[c.value for c in Category])
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", metavar="DIR", action="append", help="extra rule folder (repeatable)")
    p.add_argument("--policy", metavar="P")
    p.set_defaults(func=cmd_rules)


# --- explain -----------------------------------------------------------------------------------


def _shown(example) -> str:
    """An example as a reader sees it: the marked span in 【】."""
    return example_text(example).replace("[[", "【").replace("]]", "】")


def _explain_check(check, moderator) -> str:
    lines = [f"{check.id} {check.name}", f"区分: {check.category.value}（{CATEGORY_TITLES[check.category]}）  重大度: {check.severity.value}"]
    for mode in check.active_modes:
        clause = clause_for(check.category, mode)
        lines.append(f"条項（{'コメント' if mode == 'comment' else '職員の投稿'}）: {clause.label}「{clause.text}」")
    for compose in getattr(check, "compositions", ()):
        order = "この順に" if compose.ordered else "順不同で"
        scope = {"clause": "同じ節", "sentence": "同じ文", "next_sentence": "同じ文か次の文", "line": "同じ行"}[compose.scope]
        lines.append(f"語彙の組み合わせ: {' ＋ '.join(compose.parts)}（{order}、{scope}、間 {compose.within} 字以内）")
        if compose.near:
            lines.append(f"  近くに必要な語彙: {', '.join(compose.near)}（{compose.near_distance} 字以内、範囲に含めない）")
        if compose.unless:
            lines.append(f"  取り消す語彙: {', '.join(compose.unless)}")
    lines += ["", check.explanation.strip(), "", "検出する例:"]
    lines += [f"  ✗ {_shown(e)}{_entries(moderator, check, e)}" for e in check.examples.flag]
    lines.append("検出しない例:")
    lines += [f"  ✓ {_shown(e)}" for e in check.examples.ok]
    for kind, title in (("todo_flag", "既知の見逃し"), ("todo_ok", "既知の誤検知")):
        items = getattr(check.examples, kind)
        if items:
            lines.append(f"{title}:")
            lines += [f"  ? {_shown(e)}" for e in items]
    return "\n".join(lines)


def _entries(moderator, check, example) -> str:
    """The lexicon entries a composed rule's example matches: what the reviewer's finding will name."""
    if not getattr(check, "compositions", ()):
        return ""
    from .examples import split_marked

    text, _ = split_marked(example_text(example))
    found = [f for f in moderator.check(text, check.active_modes[0]).findings if f.rule_id == check.id]
    return f"  ← {found[0].evidence['語彙']}" if found and "語彙" in found[0].evidence else ""


def _explain_lexicon(name: str, parts) -> str:
    lines = [f"語彙 {name}", "", parts[0].explanation.strip(), ""]
    for lexicon in parts:
        origin = "" if lexicon is parts[0] else f"（{lexicon.path} が追加）"
        for kind_name, kind in lexicon.kinds.items():
            words = list(kind.words) + [f"品詞 {p}" for p in kind.pos]
            shown = "、".join(words[:12]) + (f" ほか {len(words) - 12} 語" if len(words) > 12 else "")
            lines.append(f"  {kind_name}{origin}: {shown}")
    return "\n".join(lines)


def _explain_category(category: Category, checks) -> str:
    lines = [f"{category.value}: {CATEGORY_TITLES[category]}"]
    for mode in ("comment", "draft"):
        if allowed_in(category, mode):
            clause = clause_for(category, mode)
            lines.append(f"条項（{'コメント' if mode == 'comment' else '職員の投稿'}）: {clause.label}「{clause.text}」")
    own = [c for c in checks if c.category == category]
    lines += ["", f"この区分のルール・検出器（{len(own)}件）:"]
    for c in own:
        what = c.explanation.strip().splitlines()[0]
        lines.append(f"  {c.id} {c.name} [{c.severity.value}] {what}")
    false_alarms = [ln.strip() for c in own for ln in c.explanation.splitlines() if ln.strip().startswith("既知の誤検知")]
    if false_alarms:
        lines += ["", "既知の誤検知:"] + [f"  {ln.split(':', 1)[-1].strip()}" for ln in dict.fromkeys(false_alarms)]
    return "\n".join(lines)


def cmd_explain(args) -> int:
    moderator = _moderator(args)
    checks = moderator.checks
    key = args.what
    for check in checks:
        if key.upper() == check.id or key == check.name:
            print(_explain_check(check, moderator))
            return EXIT_CLEAN
    if key in moderator.lexicons:
        print(_explain_lexicon(key, moderator.lexicons[key]))
        return EXIT_CLEAN
    try:
        category = Category(key)
    except ValueError:
        raise UsageError(f"{key}: no rule id, rule name, lexicon or category of that name (see 'rules')") from None
    print(_explain_category(category, checks))
    return EXIT_CLEAN


def _add_explain(sub):
    p = sub.add_parser("explain", help="what a rule, a lexicon or a category catches and why")
    p.add_argument("what", metavar="RULE_ID|LEXICON|CATEGORY")
    p.add_argument("--rules", metavar="DIR", action="append", help="extra rule folder (repeatable)")
    p.set_defaults(func=cmd_explain)


# --- test-rules --------------------------------------------------------------------------------


def cmd_test_rules(args) -> int:
    from .examples import run_all_examples
    from .moderator import Moderator
    from .rules import load_rules

    folder = Path(args.dir)
    own = load_rules([folder])
    if not own:
        raise UsageError(f"{folder}: no rule files (*.toml) found")
    moderator = Moderator(rules=[folder], bundled=False)
    own_ids = {r.id for r in own}
    checks = [c for c in moderator.checks if c.id in own_ids]
    failed = counted = 0
    for outcome in run_all_examples(moderator, checks):
        counted += 1
        todo = outcome.kind.startswith("todo_")
        if outcome.passed and not todo:
            continue
        if not outcome.passed and todo:
            continue
        if todo:
            print(f"FIXED {outcome.check_id} {outcome.kind}: {outcome.text} — {outcome.detail}; move it to {outcome.kind[5:]}")
        else:
            print(f"FAIL  {outcome.check_id} {outcome.kind}: {outcome.text} — {outcome.detail}")
        failed += 1
    print(f"{counted - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _add_test_rules(sub):
    p = sub.add_parser("test-rules", help="run the flag/ok examples of a folder of rule files")
    p.add_argument("dir", metavar="DIR")
    p.set_defaults(func=cmd_test_rules)


# --- main --------------------------------------------------------------------------------------

COMMANDS = [_add_check, _add_rules, _add_explain, _add_test_rules, add_policy_command, add_scan_command,
            add_accounts_command, add_serve_command]


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m nayoro_moderation", description="名寄市ソーシャルメディア投稿・コメントの一次チェック")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"nayoro_moderation: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (RuleError, PolicyError) as exc:
        print(f"nayoro_moderation: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CLEAN
