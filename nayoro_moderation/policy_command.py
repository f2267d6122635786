"""`policy check|render POLICY`: validate a 運用ポリシー file, or print its 様式1 notice (5(4)エ)."""

from __future__ import annotations

import sys
from datetime import datetime

from .jpdates import JST
from .policy import policy_problems

EXIT_OK, EXIT_INVALID = 0, 2


def _print_problems(path: str, problems: list[str], stream) -> None:
    print(f"{path}: 運用ポリシーに{len(problems)}件の問題があります", file=stream)
    for problem in problems:
        print(f"  - {problem}", file=stream)


def cmd_policy(args) -> int:
    if args.policy is None:
        if args.action == "check":
            from .exits import UsageError

            raise UsageError("policy check needs POLICY, the 運用ポリシー file to check")
        return _render_default()
    policy, problems = policy_problems(args.policy)
    if problems:
        # check reports its list on stdout; render keeps stdout for the notice alone
        _print_problems(args.policy, problems, sys.stdout if args.action == "check" else sys.stderr)
        return EXIT_INVALID
    if args.action == "render":
        from .notice import render_notice

        print(render_notice(policy), end="")
        return EXIT_OK
    print(f"{args.policy}: 運用ポリシーに問題はありません（様式1の項目がそろっています）")
    today = datetime.now(JST).date()
    period = policy.period
    if period.end is not None and period.end < today:
        print(f"  注意: 運用期間は{period.end.isoformat()}に終了しています。アカウントを削除し、"
              "名寄市ソーシャルメディア一覧からの削除を依頼してください（5(3)イ、様式4）")
    elif period.start > today:
        print(f"  注意: 運用期間は{period.start.isoformat()}からです")
    return EXIT_OK


def _render_default() -> int:
    """The notice from the built-in policy: Nayoro's public facts only, so the account's own 様式1
    fields come out as blanks to fill in — a starting point, not a notice to publish."""
    from .notice import render_notice
    from .policy import Policy

    print(render_notice(Policy.default(), blanks=True), end="")
    print("policy render: 組み込みの既定値（市の公開情報のみ）から作成しました。【記入】の欄は運用ポリシーのファイルに書いて"
          "ください（例: examples/policy.toml）", file=sys.stderr)
    return EXIT_OK


def add_policy_command(sub):
    p = sub.add_parser("policy", help="check a 運用ポリシー (様式1) file, or render its notice for the profile")
    p.add_argument("action", choices=("check", "render"), help="check: list every problem; render: print the 様式1 notice")
    p.add_argument("policy", metavar="POLICY", nargs="?",
                   help="運用ポリシー TOML file (render without it: the built-in default, with blanks to fill in)")
    p.set_defaults(func=cmd_policy)
