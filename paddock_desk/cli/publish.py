"""`paddock-desk publish`: push a calendar to a CalDAV calendar collection."""

from __future__ import annotations

import argparse
import json
from typing import Any

from paddock_desk.cli.context import add_scope_arguments, open_db
from paddock_desk.cli.export_ics import minutes_arg, target_of

# The CalDAV client and the change report load when the command runs, not with every command.


def register(sub: Any) -> str:
    p = sub.add_parser(
        "publish",
        help="push a driver's, team's or series' calendar (or all) to a CalDAV calendar",
        description="Write the calendar export-ics would write to a CalDAV calendar collection "
        "(Nextcloud, Fastmail, iCloud, Radicale...), one event per UID: new events are "
        "created, changed ones replaced in place, ones that left the calendar deleted, unchanged "
        "ones left alone. The calendar is created when missing. The password comes from "
        "$PADDOCK_DESK_CALDAV_PASSWORD or the system keyring (service paddock-desk, user "
        "USER@HOST), never from the command line.",
    )
    p.add_argument("url", metavar="URL", help="the calendar collection, e.g. "
                   "https://cloud.example/dav/calendars/USER/season/")
    p.add_argument("--user", metavar="NAME", help="the user name for the calendar server")
    add_scope_arguments(p)
    p.add_argument("--only", choices=("meetings", "sessions"),
                   help="only the all-day meetings, or only the timed sessions (default: both)")
    p.add_argument("--alarm", metavar="MINUTES", type=minutes_arg,
                   help="a reminder this many minutes before each session (before each meeting "
                   "with --only meetings)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    p.add_argument("--json", action="store_true",
                   help='print {"created": [...], "updated": [...], "deleted": [...], '
                   '"unchanged": N} (UIDs)')
    return "publish"


def run(args: argparse.Namespace) -> int:
    from paddock_desk.services.publish import PASSWORD_ENV, PublishError, find_password, publish

    url: str = args.url
    if not url.lower().startswith(("http://", "https://")):
        raise PublishError(f"{url} is not a calendar address: give an http:// or https:// URL.")
    target = target_of(args)
    password = find_password(url, args.user)
    if args.user and password is None:
        raise PublishError(
            f"No password for {args.user}: set {PASSWORD_ENV} or keep it in the system keyring "
            "(service paddock-desk)."
        )
    db = open_db(args)
    try:
        result = publish(db, url, target, user=args.user, password=password,
                         dry_run=args.dry_run)
    finally:
        db.close()
    print(json.dumps(result.summary(), ensure_ascii=False) if args.json else result.describe())
    return 0
