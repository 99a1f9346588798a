"""Which PostgreSQL server the RelStorage tests use (servers.postgres_server), and the
throwaway cluster the session starts when none answers."""

from pathlib import Path
from psycopg2.extensions import parse_dsn

import pytest
import servers


@pytest.fixture
def no_server_on_5432(monkeypatch):
    """As on a machine without PostgreSQL: nothing answers where the tests look first."""
    monkeypatch.setattr(servers, "DEFAULT_PG", f"host=127.0.0.1 port={servers.free_port()} user=x")


def test_the_dbname_of_relstorage_dsn_is_left_out():
    dsn = "host=db.example.org port=5433 dbname=kooperation user=zope"
    assert parse_dsn(servers.server_dsn(dsn)) == parse_dsn(
        "host=db.example.org port=5433 user=zope"
    )
    assert parse_dsn(servers.database_dsn("host=h user=u", "t1")) == {
        "host": "h",
        "user": "u",
        "dbname": "t1",
    }


def test_an_unknown_mode_is_refused():
    with pytest.raises(RuntimeError, match="'auto' or 'own'"):
        servers.postgres_server({"KOOPERATION_TEST_PG": "yes"})


def test_relstorage_dsn_that_does_not_answer_is_an_error(no_server_on_5432):
    dsn = f"host=127.0.0.1 port={servers.free_port()} dbname=k user=postgres"
    with pytest.raises(RuntimeError, match="RELSTORAGE_DSN is set"):
        servers.postgres_server({"RELSTORAGE_DSN": dsn})


def test_relstorage_dsn_names_the_server(postgres):
    server, cluster = servers.postgres_server({"RELSTORAGE_DSN": f"{postgres} dbname=other"})
    assert (parse_dsn(server), cluster) == (parse_dsn(postgres), None)


@pytest.mark.parametrize("environ", [{}, {"KOOPERATION_TEST_PG": "own"}])
def test_without_a_server_the_session_starts_its_own(no_server_on_5432, environ):
    server, cluster = servers.postgres_server(environ)
    try:
        assert cluster is not None
        assert server == cluster.dsn
        folder = Path(cluster.dir)
        assert servers.pg_answers(server)
        servers.pg_sql(server, 'CREATE DATABASE "kooperation_test_own"')
        assert (folder / f".s.PGSQL.{cluster.port}").exists()  # its socket is in its folder
    finally:
        cluster.stop()
    assert not folder.exists()
    assert not servers.pg_answers(server)
