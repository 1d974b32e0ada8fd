"""File > Open Team Database: where the team's PostgreSQL server is and who logs in.

The dialog asks for host, port, database and user only; the password comes from the system
keyring, and is asked for (and then kept there) when the keyring has none.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.services.credentials import TeamLogin


class TeamDatabaseDialog(QDialog):
    """Host, port, database and user of a team database; :meth:`login` after OK."""

    def __init__(self, last: TeamLogin | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Team Database")
        self.setMinimumWidth(420)
        last = last or TeamLogin("localhost", 5432, "", "")
        self.host = QLineEdit(last.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(last.port)
        self.database = QLineEdit(last.database, placeholderText="e.g. team_season")
        self.user = QLineEdit(last.user)
        form = QFormLayout()
        for label, field in (("&Host:", self.host), ("&Port:", self.port),
                             ("&Database:", self.database), ("&User:", self.user)):
            form.addRow(label, field)
            field.setAccessibleName(label.strip("&:"))
        note = QLabel("The password is taken from the system keyring; when it holds none you "
                      "are asked for it once and it is kept there, never in the settings.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._update_ok)
        self._update_ok()
        (self.database if last.host else self.host).setFocus()

    def _update_ok(self) -> None:
        ready = all(f.text().strip() for f in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ready)

    def login(self) -> TeamLogin:
        return TeamLogin(self.host.text().strip(), self.port.value(),
                         self.database.text().strip(), self.user.text().strip())


def ask_password(parent: QWidget | None, login: TeamLogin) -> str | None:
    """The password typed for ``login``, or None when the person cancelled."""
    text, ok = QInputDialog.getText(
        parent, "Team database password",
        f"Password of {login.user} on {login.host}:{login.port}/{login.database}:",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None
