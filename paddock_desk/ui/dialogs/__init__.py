"""Edit dialogs for every kind of entry, with inline validation messages."""
