"""Fixtures for the whole suite. The repository layout is known here, not in the package."""

from pathlib import Path

import os
import sys
import types


# Compile the .po catalogs when the ZCML registers them, as a running instance does.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from kooperation.testing import demo_layers  # noqa: E402
from kooperation.testing import KOOPERATION_FUNCTIONAL_TESTING  # noqa: E402
from kooperation.testing import KOOPERATION_INTEGRATION_TESTING  # noqa: E402
from plone.testing import zope as zope_testing  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402
from zope.pytestlayer import fixture as zope_pytestlayer_fixture  # noqa: E402

import pytest  # noqa: E402


REPO = Path(__file__).resolve().parent.parent
DEMO_PROFILE = REPO / "profiles" / "demo"

DEMO_INTEGRATION_TESTING, DEMO_ACCEPTANCE_TESTING = demo_layers(DEMO_PROFILE)

# The world of the security tests (tests/security/world.py), built once per layer set-up;
# tests/services and tests/workspace use it too.
sys.path.insert(0, str(REPO / "tests" / "security"))
from world import WORLD_FUNCTIONAL_TESTING  # noqa: E402


pytest_plugins = ["pytest_plone"]


def _bind_a_fresh_port(setUpServer):
    """The stock WSGI server layer keeps the port of its first set-up and binds it again the
    next time a test module needs it; meanwhile the other xdist worker may hold that port
    (Address already in use). Port 0 lets the kernel pick a free one atomically each time."""

    def wrapper(self):
        self.port = 0
        setUpServer(self)

    return wrapper


zope_testing.WSGIServer.setUpServer = _bind_a_fresh_port(zope_testing.WSGIServer.setUpServer)

globals().update(
    fixtures_factory(
        (
            (KOOPERATION_FUNCTIONAL_TESTING, "functional"),
            (KOOPERATION_INTEGRATION_TESTING, "integration"),
            (DEMO_INTEGRATION_TESTING, "demo"),
            (DEMO_ACCEPTANCE_TESTING, "acceptance"),
            (WORLD_FUNCTIONAL_TESTING, "world_functional"),
        ),
        keep_session=False,
    )
)


def pytest_configure(config):
    """Compile the .mo catalogs once, before any layer (or pytest-xdist worker, or Zope
    started by a test) does: zope.i18n writes them in place, which parallel readers would
    see half written.

    pytest-xdist's ``--dist loadfile`` hands out whole files, by default the files with the
    most tests first: the workers then switched layers (and set the demo site up again)
    with almost every file. Here it hands them out in the order of the collection, which
    ``_FilesByLayer`` sorts by layer."""
    config.pluginmanager.register(_FilesByLayer(), "kooperation-files-by-layer")
    if getattr(config.option, "dist", "no") in ("loadfile", "loadscope"):
        config.option.loadscopereorder = False
    if hasattr(config, "workerinput"):
        return
    from zope.i18n.compile import compile_mo_file

    for po in (REPO / "src" / "kooperation" / "locales").glob("*/LC_MESSAGES/*.po"):
        compile_mo_file(po.stem, str(po.parent))


# Files whose tests ``--dist loadfile`` may hand to different workers one by one (each
# parameter on its own) instead of as a whole: the fuzz sweep's parts (15-20 s each).
SPLIT_FILES = ("tests/security/test_security_fuzz.py",)


def _split(scope):
    path, _sep, rest = scope.partition("::")
    return bool(rest) and path.replace("\\", "/") in SPLIT_FILES


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if getattr(config.option, "dist", "no") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return nodeid if _split(nodeid) else path

        def _assign_work_unit(self, node):
            """A worker runs a test only when it has the next one, and asks for more
            while it has two or fewer: it would take the split file's tests one after
            the other. One that has a test of it pending gets the next whole file
            first, the other worker the split file's next test."""
            assigned = self.assigned_work.get(node, {})
            if any(_split(scope) and not all(tests.values()) for scope, tests in assigned.items()):
                for scope in self.workqueue:
                    if not _split(scope):
                        self.workqueue.move_to_end(scope, last=False)
                        break
            super()._assign_work_unit(node)

    return Scheduling(config, log)


class _FilesByLayer:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        """After zope.pytestlayer ordered the tests by layer: whole files in the order of
        the first layer their tests need, the files without a layer first, as in one
        process (after the browser tests, Playwright's event loop would still run in the
        worker, and asyncio.run() in tests/esign refuses to run). Within a file the order
        stays."""
        ranks = {}
        for item in items:
            layer = _layer_of_item(item)
            if layer is not None:
                ranks.setdefault(layer, len(ranks))
        first = {}
        for item in items:
            layer = _layer_of_item(item)
            rank = ranks[layer] if layer is not None else -1
            path = item.nodeid.split("::")[0]
            first[path] = min(first.get(path, rank), rank)
        items.sort(key=lambda item: first[item.nodeid.split("::")[0]])


# Markers by where a test lives and what it uses, so that new tests there are marked too
# (`make test-quick` leaves out `server` and `browser`; see docs/testing.md).
SERVER_TESTS = (  # node id prefixes: processes outside pytest (Zope, ZEO, PostgreSQL, ...)
    "tests/storage/",
    "tests/buildout/",
    "tests/cli/test_cli_make_start.py",
    "tests/ops/test_ops_backup_filestorage.py",
    "tests/ops/test_ops_backup_relstorage.py",
    "tests/ops/test_ops_crashdrill.py",
    "tests/ops/test_ops_scaleout.py",
    "tests/jobs/test_jobs_cli.py::test_daily_against_a_real_instance",
)
SERVER_FIXTURES = {"postgres", "pg_database"}
BROWSER_TESTS = ("tests/browser/",)
BROWSER_FIXTURES = {"chromium"}


def _starts_servers(module):
    """The module uses servers.py's process helpers or the bench's drills."""
    import servers

    helpers = {id(servers.MakeStart), id(servers.wait_for_http), id(servers.ThrowawayPostgres)}
    return any(
        id(value) in helpers
        or (isinstance(value, types.ModuleType) and value.__name__ in ("crashdrill", "scaleout"))
        for value in vars(module).values()
    )


def _layer_of(item):
    """The zope layer a pytest-style test runs in: the most specific of the layers whose
    fixtures it uses (portal -> integration, ...), when that one's bases hold all the others."""
    from zope.pytestlayer._compat import getmro
    from zope.pytestlayer.fixture import LAYERS

    names = set(getattr(item, "fixturenames", ()))
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})

    def is_layers(name):
        """The fixture ``name`` that the test gets is the layer's own, not one of the same
        name that its module defines over it (e.g. ``functional`` from ``world_functional``);
        zope.pytestlayer makes its fixtures with exec()."""
        defs = definitions.get(name)
        return defs is None or defs[-1].func.__code__.co_filename == "<string>"

    used = [
        layer
        for layer, fixtures in LAYERS.items()
        if layer is not object
        and fixtures.get("function") in names
        and is_layers(fixtures["function"])
    ]
    for candidate in used:
        bases = set(getmro(candidate))
        if all(layer in bases for layer in used):
            return candidate
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Markers (see above), and each test's layer as ``item.layer``.

    zope.pytestlayer keeps a layer set up between two tests only when the next test has
    it in ``item.layer`` (which unittest-style tests have): without it the Plone site was
    built again for every function-style test (3 to 30 s each). With it, zope.pytestlayer
    (whose hook runs after this one) also orders the tests by layer, as zope.testrunner
    does, and tears a layer down only when the next test does not need it.
    """
    by_module = {}
    for item in items:
        nodeid = item.nodeid.replace("\\", "/")
        fixtures = set(getattr(item, "fixturenames", ()))
        module = getattr(item, "module", None)
        if module is not None and module not in by_module:
            by_module[module] = _starts_servers(module)
        if nodeid.startswith(BROWSER_TESTS) or fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        if (
            nodeid.startswith(SERVER_TESTS)
            or fixtures & SERVER_FIXTURES
            or by_module.get(module, False)
        ):
            item.add_marker(pytest.mark.server)
            item.add_marker(pytest.mark.slow)
        if not hasattr(item, "layer"):
            layer = _layer_of(item)
            if layer is not None:
                item.layer = layer


# A layer kept between tests must stay as its setUp left it. A test that commits into it
# through a connection of its own (IntegrationTesting refuses a plain transaction.commit();
# a functional layer stacks a storage per test) would change it for the tests after it:
# then the layers are set up anew for the next test, and a warning names the test.
_LAYER_DBS = {}  # layer -> [its DB, last transaction seen, changed since its setUp]


def _layer_dbs(state):
    """{layer: DB} of the layers set up now that pushed a database (sandbox layers)."""
    from plone.testing.zope import FunctionalTesting

    found = {}
    for layer in state.current:
        for db, owner in getattr(layer, "_resources", {}).get("zodbDB", ()):
            if not isinstance(owner, FunctionalTesting):  # a test's own storage
                found[owner] = db
    return found


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    result = yield
    state = getattr(request.session, "zopelayer_state", None)
    if state is not None and fixturedef.scope in ("class", "session"):
        for layer, db in _layer_dbs(state).items():
            if layer not in _LAYER_DBS or _LAYER_DBS[layer][0] is not db:
                _LAYER_DBS[layer] = [db, db.storage.lastTransaction(), False]
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Runs before zope.pytestlayer's hook, which keeps the layers ``nextitem.layer`` needs."""
    state = getattr(item.session, "zopelayer_state", None)
    if state is None:
        return
    current = _layer_dbs(state)
    for layer, seen in list(_LAYER_DBS.items()):
        db, tid, changed = seen
        if current.get(layer) is not db:
            del _LAYER_DBS[layer]  # torn down
            continue
        if db.storage.lastTransaction() != tid:
            seen[1:] = [db.storage.lastTransaction(), True]
            item.warn(
                pytest.PytestWarning(
                    f"committed into the layer {getattr(layer, '__name__', layer)} that the tests"
                    " after it share: use the functional layer; the layers are set up anew"
                )
            )
        if seen[2] and nextitem is not None and "layer" in vars(nextitem):
            del nextitem.layer  # so that zope.pytestlayer tears every layer down now
            nextitem.layer_dropped = True
    if (
        nextitem is not None
        and _layer_of_item(item) is not None
        and _layer_of_item(nextitem) is None
        and not getattr(nextitem, "layer_dropped", False)
    ):
        # A test without a layer (pure unit test) comes next: keep the layers set up, as
        # zope.testrunner does, instead of tearing all down and building them again for
        # the next test that has one (3-6 s each time; with pytest-xdist's whole files
        # in any order, 10-20 times a worker). pytest_runtest_setup tears down then what
        # that test does not need.
        nextitem.layer = _layer_of_item(item)


def _layer_of_item(item):
    cls = getattr(item, "cls", None)
    return getattr(cls, "layer", None) or getattr(item, "layer", None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Tear down, most specific first, the layers set up that this test's layer does not
    stack on (kept over tests without a layer, see pytest_runtest_teardown)."""
    from zope.pytestlayer._compat import getmro

    state = getattr(item.session, "zopelayer_state", None)
    layer = _layer_of_item(item)
    if state is not None and layer is not None:
        _tear_down(state, state.current - set(getmro(layer)))


def pytest_sessionfinish(session):
    """The layers kept over the last tests without one."""
    state = getattr(session, "zopelayer_state", None)
    if state is not None:
        _tear_down(state, set(state.current))


def _tear_down(state, layers):
    from zope.pytestlayer._compat import getmro

    for layer in sorted(layers, key=lambda each: len(getmro(each)), reverse=True):
        if hasattr(layer, "tearDown"):
            layer.tearDown()
        state.current.discard(layer)


def _teardown_once(teardown_layer):
    """zope.pytestlayer tears a layer down when the scope that set it up ends; one torn
    down before (pytest_runtest_setup) is not torn down again."""

    def wrapper(layer, request):
        if layer in request.session.zopelayer_state.current:
            teardown_layer(layer, request)

    return wrapper


zope_pytestlayer_fixture.teardown_layer = _teardown_once(zope_pytestlayer_fixture.teardown_layer)


@pytest.fixture(scope="session")
def postgres():
    """DSN (without dbname) of the PostgreSQL server of the RelStorage tests: RELSTORAGE_DSN's,
    else 127.0.0.1:5432, else a throwaway cluster for this session (servers.postgres_server).
    Exported as KOOPERATION_TEST_PG_DSN for code that is no fixture (bench/crashdrill.py)."""
    from servers import PG_ENV
    from servers import postgres_server

    server, cluster = postgres_server()
    previous = os.environ.get(PG_ENV)
    os.environ[PG_ENV] = server
    try:
        yield server
    finally:
        if previous is None:
            os.environ.pop(PG_ENV, None)
        else:
            os.environ[PG_ENV] = previous
        if cluster is not None:
            cluster.stop()


@pytest.fixture
def pg_database(postgres):
    """A database name of its own on that server (not created: `make site` creates it),
    dropped afterwards. ``.name``, ``.dsn`` (RELSTORAGE_DSN for it), ``.sql(statement)``."""
    from servers import database_dsn
    from servers import pg_sql
    from types import SimpleNamespace

    import uuid

    name = f"kooperation_test_{uuid.uuid4().hex[:10]}"
    yield SimpleNamespace(
        name=name,
        dsn=database_dsn(postgres, name),
        server=postgres,
        sql=lambda statement: pg_sql(postgres, statement),
    )
    pg_sql(postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def package_name() -> str:
    return "kooperation"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def demo_profile() -> Path:
    return DEMO_PROFILE


@pytest.fixture
def demo_portal(demo):
    return demo["portal"]


@pytest.fixture
def inbox():
    """A local SMTP server (aiosmtpd) that keeps what it receives; see mailbox_helpers."""
    from mailbox_helpers import Inbox

    inbox = Inbox()
    inbox.start()
    yield inbox
    inbox.stop()
