"""A delete from an entry list refused because someone else saved the row after the list showed
it: one sentence naming the row, what changed and who changed it (when the database said), and
the stale dialog with Reload, Compare (theirs beside the row as the list showed it) and Delete
anyway. ``dialog.choice`` is then ``"reload"``, ``"overwrite"`` (delete anyway) or ``"cancel"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from paddock_desk.services import edits_forms as forms
from paddock_desk.services.editing import StaleEditError
from paddock_desk.ui.dialogs.specs import SPECS, TITLES
from paddock_desk.ui.dialogs.stale_dialog import Shown, StaleDialog, StaleWords, as_text
from paddock_desk.ui.document import SeasonDocument


def fields_of(kind: str) -> list[tuple[str, str]]:
    """(column, label as the edit dialog shows it) of each field of ``kind``."""
    return [(f.key, f.label.replace("&", "")) for f in SPECS[kind]]


def shown_values(document: SeasonDocument, kind: str) -> Shown:
    """A value in words: a choice by its label (a series' name, not its id), yes or no."""
    labels = {f.key: dict(forms.choices(document.db, f.ref)) for f in SPECS[kind] if f.ref}

    def shown(key: str, value: Any) -> str:
        if key in labels and value in labels[key]:
            return labels[key][value]
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime):
            return f"{value:%Y-%m-%d %H:%M} UTC"
        return as_text(key, value)

    return shown


def changes(
    fields: Sequence[tuple[str, str]], seen: dict[str, Any], theirs: dict[str, Any], shown: Shown
) -> list[str]:
    """"Nationality from JP to FR" for each field whose value differs."""
    found = []
    for key, label in fields:
        before, after = shown(key, seen.get(key)), shown(key, theirs.get(key))
        if before != after:
            found.append(f"{label} from {before or 'none'} to {after or 'none'}")
    return found


def refusal_sentence(word: str, label: str, who: str | None, changed: list[str]) -> str:
    """E.g. 'ann changed the driver "Tsugio Matsuda" after this list showed it (Nationality from
    JP to FR), so it was not deleted.'"""
    what = ""
    if changed:
        what = " (" + (changed[0] if len(changed) == 1
                       else ", ".join(changed[:-1]) + " and " + changed[-1]) + ")"
    return (f'{who or "Someone else"} changed the {word} "{label}" after this list showed it'
            f"{what}, so it was not deleted.")


def stale_delete_dialog(
    document: SeasonDocument,
    kind: str,
    refused: StaleEditError,
    seen: dict[str, Any],
    label: str,
    parent: QWidget | None = None,
) -> StaleDialog:
    """The dialog for a refused delete of the row listed as ``label``, not yet shown."""
    word = TITLES[kind][1]
    fields = fields_of(kind)
    shown = shown_values(document, kind)
    who = document.changed_by(kind, refused.row_id) if refused.row_id is not None else None
    sentence = refusal_sentence(word, label, who, changes(fields, seen, refused.theirs or {},
                                                          shown))
    words = StaleWords(message=sentence, overwrite="&Delete anyway",
                       overwrite_tip=f"Delete the {word} with the changes they saved",
                       mine="As the list showed it")
    dialog = StaleDialog(refused, fields, seen, word, shown, parent, words=words)
    dialog.reload_button.setToolTip(f"Show the {word} as saved now; nothing is deleted")
    dialog.compare_button.setToolTip("Their values beside the ones the list showed")
    return dialog
