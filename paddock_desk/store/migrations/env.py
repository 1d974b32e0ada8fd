"""Alembic environment: runs on the connection handed over by paddock_desk.store.database."""

from __future__ import annotations

from alembic import context

from paddock_desk.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
