"""Form fields of a line-up rule: categories ("Gold;Platinum") and a bound (empty: none)."""

from __future__ import annotations

from typing import Any

from paddock_desk.interop.csv_rules import parse_categories
from paddock_desk.ui.dialogs.editors import NOT_A_NUMBER, Editor, TextEditor
from paddock_desk.ui.dialogs.specs import Field


class CategoriesEditor(TextEditor):
    """Categories in any case and order, stored alphabetical ("gold; platinum" -> Gold;Platinum);
    text that names no category is kept as typed, for validation to name it."""

    def value(self) -> Any:
        text = self.edit.text().strip()
        try:
            return parse_categories(text)
        except ValueError:
            return text


class BoundEditor(TextEditor):
    """A number of drivers, or empty for no bound."""

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        return int(text) if text.isdigit() else NOT_A_NUMBER


def rule_editor(field: Field) -> Editor:
    return CategoriesEditor(field) if field.kind == "categories" else BoundEditor(field)
