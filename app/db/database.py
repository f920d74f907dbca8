"""The one place that touches the driver: named queries in read or write transaction functions."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, Query, unit_of_work
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
log = logging.getLogger("sigraph")
Row = dict[str, Any]


def make_driver(settings: Settings) -> Driver:
    """One driver per process; `neo4j://` routes reads to followers in a cluster."""
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.connection_timeout_s,
        connection_acquisition_timeout=settings.connection_timeout_s + 1,
        max_transaction_retry_time=settings.retry_time_s,
        # a connection idle for a second is checked before it is used again: after an outage the
        # dead ones are dropped at their first use, not each failing one request
        liveness_check_timeout=1.0,
        notifications_min_severity="OFF",  # e.g. "label does not exist yet" on an empty database
    )


# Rows are dict(record): every query returns maps, lists and scalars, never nodes or relationships,
# so record.data(), which copies every nested value once more, would only double the time of a
# large read (the whole model).


class Tx:
    """A transaction handed to a unit of work: runs named queries, returns plain rows."""

    def __init__(self, tx: ManagedTransaction, queries: QueryRegistry) -> None:
        self._tx = tx
        self._queries = queries

    def rows(self, name: str, /, **params: Any) -> list[Row]:
        query = self._queries[name]
        query.check_params(set(params))
        return [dict(record) for record in self._tx.run(query.text, params)]

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
            yield dict(record)


UNREACHABLE = "the database is unreachable"


class Breaker:
    """Open while the database is known to be away: work then fails at once with a 503 instead of
    waiting on the driver. A failed connection opens it; only a successful probe closes it."""

    def __init__(self) -> None:
        self.opened_at: float | None = None

    @property
    def open(self) -> bool:
        return self.opened_at is not None

    def trip(self) -> None:
        if self.opened_at is None:
            self.opened_at = time.monotonic()

    def close(self) -> None:
        self.opened_at = None


class Database:
    """Named queries against one database, through retried transaction functions."""

    def __init__(self, driver: Driver, *, database: str, timeout_s: float,
                 queries: QueryRegistry | None = None, make: Callable[[], Driver] | None = None) -> None:
        self.driver = driver
        self._make = make  # how to make the driver again (see renew_driver)
        self._retired: list[Driver] = []
        self.database = database
        self.timeout_s = timeout_s
        self.queries = queries or registry()
        self.breaker = Breaker()

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(make_driver(settings), database=settings.neo4j_database, timeout_s=settings.query_timeout_s,
                   make=lambda: make_driver(settings))

    def renew_driver(self) -> None:
        """A new driver, its pool empty: after the database went away, every pooled connection is
        dead, and each would fail one request (or probe) before the driver let go of it."""
        if self._make is None:
            return
        # The old one is closed with this object, not now: a request thread may still be inside it,
        # and a driver is not to be closed under a thread that uses it.
        self._retired.append(self.driver)
        self.driver = self._make()

    def close(self) -> None:
        for driver in [*self._retired, self.driver]:
            driver.close()

    def read(self, work: Callable[[Tx], T]) -> T:
        """Run a unit of work in a read transaction (routed to readers in a cluster)."""
        self._fail_fast()
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(self._unit(work))

    def write(self, work: Callable[[Tx], T]) -> T:
        """Run a unit of work in one write transaction: all of it commits, or nothing."""
        self._fail_fast()
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(self._unit(work))

    def read_once(self, name: str, /, **params: Any) -> list[Row]:
        """One small named read as an auto-commit transaction (one round trip, not the three of a
        transaction function), routed to a reader; not retried: for a read each request makes."""
        self._fail_fast()
        query = self.queries[name]
        query.check_params(set(params))
        with self._errors(), self.driver.session(database=self.database, default_access_mode="READ") as session:
            timed = Query(query.text, timeout=self.timeout_s)
            return [dict(record) for record in session.run(timed, params)]

    def probe(self, *names: str, **params: Any) -> list[list[Row]]:
        """Named read queries in one auto-commit transaction, never retried and past an open
        breaker: the background health probe, which must answer quickly either way."""
        with self._errors(), self.driver.session(database=self.database, default_access_mode="READ") as session:
            found = []
            for name in names:
                query = self.queries[name]
                wanted = {k: v for k, v in params.items() if k in query.params}
                found.append([dict(record) for record in session.run(query.text, wanted)])
            return found

    def _fail_fast(self) -> None:
        if self.breaker.open:
            raise DatabaseUnavailable(UNREACHABLE)

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
            raise self._away(e) from e
        except (ClientError, TransientError) as e:
            # Neo.ClientError.Transaction.TransactionTimedOut(ClientConfiguration), and kin
            if "TimedOut" in (e.code or ""):
                raise QueryTimeout(f"the query ran past {self.timeout_s:g}s and was stopped") from e
            if isinstance(e, TransientError):
                log.warning("the database could not answer: %s", e.message)
                raise DatabaseUnavailable("the database could not answer; try again") from e
            raise
        except DriverError as e:
            raise self._away(e) from e

    def _away(self, error: Exception) -> DatabaseUnavailable:
        """The driver's words (with the server's address) go to the log; the client hears no more
        than that the database is away. Work fails fast until a probe finds it back."""
        log.warning("database unreachable: %s: %s", type(error).__name__, error)
        self.breaker.trip()
        return DatabaseUnavailable(UNREACHABLE)
