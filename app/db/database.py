"""The one place that touches the driver: named queries in read or write transaction functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from app.config import Settings
from app.db.queries import QueryRegistry, registry
from app.errors import Conflict, DatabaseUnavailable, QueryTimeout

T = TypeVar("T")
Row = dict[str, Any]


def make_driver(settings: Settings) -> Driver:
    """One driver per process; `neo4j://` routes reads to followers in a cluster."""
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.connection_timeout_s,
        connection_acquisition_timeout=settings.connection_timeout_s * 2,
        max_transaction_retry_time=settings.connection_timeout_s * 3,
        notifications_min_severity="OFF",  # e.g. "label does not exist yet" on an empty database
    )


class Tx:
    """A transaction handed to a unit of work: runs named queries, returns plain rows."""

    def __init__(self, tx: ManagedTransaction, queries: QueryRegistry) -> None:
        self._tx = tx
        self._queries = queries

    def rows(self, name: str, /, **params: Any) -> list[Row]:
        query = self._queries[name]
        query.check_params(set(params))
        return [record.data() for record in self._tx.run(query.text, params)]

    def single(self, name: str, /, **params: Any) -> Row | None:
        rows = self.rows(name, **params)
        return rows[0] if rows else None

    def run_migration_statement(self, statement: str) -> None:
        """A statement from a reviewed migration file, never from request text."""
        self._tx.run(statement).consume()

    def stream(self, name: str, /, **params: Any) -> Iterator[Row]:
        """Rows one by one, for answers too large to hold (consume inside the transaction)."""
        query = self._queries[name]
        query.check_params(set(params))
        for record in self._tx.run(query.text, params):
            yield record.data()


class Database:
    """Named queries against one database, through retried transaction functions."""

    def __init__(self, driver: Driver, *, database: str, timeout_s: float,
                 queries: QueryRegistry | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.queries = queries or registry()
        # Derived data kept for this process, each entry with the model revision it was read at.
        self.memo: dict[str, tuple[int, Any]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(make_driver(settings), database=settings.neo4j_database, timeout_s=settings.query_timeout_s)

    def close(self) -> None:
        self.driver.close()

    def read(self, work: Callable[[Tx], T]) -> T:
        """Run a unit of work in a read transaction (routed to readers in a cluster)."""
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(self._unit(work))

    def write(self, work: Callable[[Tx], T]) -> T:
        """Run a unit of work in one write transaction: all of it commits, or nothing."""
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(self._unit(work))

    def read_rows(self, name: str, /, **params: Any) -> list[Row]:
        return self.read(lambda tx: tx.rows(name, **params))

    def write_rows(self, name: str, /, **params: Any) -> list[Row]:
        return self.write(lambda tx: tx.rows(name, **params))

    def _unit(self, work: Callable[[Tx], T]) -> Callable[[ManagedTransaction], T]:
        @unit_of_work(timeout=self.timeout_s)
        def run(tx: ManagedTransaction) -> T:
            return work(Tx(tx, self.queries))

        return run

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors become domain errors with their HTTP status."""
        try:
            yield
        except ConstraintError as e:
            raise Conflict(e.message or "a constraint refused the write") from e
        except (ServiceUnavailable, SessionExpired, AuthError) as e:
            raise DatabaseUnavailable(f"the database is unreachable: {e}") from e
        except (ClientError, TransientError) as e:
            # Neo.ClientError.Transaction.TransactionTimedOut(ClientConfiguration), and kin
            if "TimedOut" in (e.code or ""):
                raise QueryTimeout(f"the query ran past {self.timeout_s:g}s and was stopped") from e
            if isinstance(e, TransientError):
                raise DatabaseUnavailable(f"the database could not answer: {e.message}") from e
            raise
        except DriverError as e:
            raise DatabaseUnavailable(f"the database is unreachable: {e}") from e
