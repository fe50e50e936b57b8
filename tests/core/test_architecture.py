"""The house's walls, checked by reading the source (DESIGN.md "The use-case contract").

- core knows no domain: `portal/core/` imports no `portal.<domain>` module, so a domain can be
  read, tested and replaced on its own, and the rules of who may do what live in the domain
  they guard (`portal/<domain>/permissions.py`);
- no module reaches into another's private names (`from x import _y`, `x._y`): what a module
  offers others is what it names without an underscore.
"""
import ast
from pathlib import Path

import portal

ROOT = Path(portal.__file__).parent
DOMAINS = ("accounts", "organisations", "offers", "referrals", "events", "reports", "demo", "api", "openweb",
           "webhooks")


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            for alias in node.names:  # from portal import events
                yield node.lineno, f"{node.module}.{alias.name}"


def test_core_imports_no_domain():
    offences = []
    for path, tree in modules():
        if ROOT / "core" not in path.parents:
            continue
        for line, name in imported_modules(tree):
            parts = name.split(".")
            if parts[0] == "portal" and len(parts) > 1 and parts[1] in DOMAINS:
                offences.append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    assert offences == []


def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_imports_another_modules_private_names():
    offences = []
    for path, tree in modules():
        where = path.relative_to(ROOT.parent)
        imported = set()  # local names bound to modules of ours
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("portal"):
                for alias in node.names:
                    if _private(alias.name):
                        offences.append(f"{where}:{node.lineno} from {node.module} import {alias.name}")
                    imported.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("portal"):
                        imported.add(alias.asname or alias.name.split(".")[0])
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id in imported):
                offences.append(f"{where}:{node.lineno} {node.value.id}.{node.attr}")
    assert offences == []


def test_no_raw_sql_writes_in_the_portal():
    """Writes go through SQLAlchemy statements (insert/update/delete), whose table the
    data-version counters read without parsing SQL text (core/data_versions.py). The one
    exception is the counters' own upsert there, run on the connection, never through the
    session's ORM execution the counters watch."""
    offences = []
    for path, tree in modules():
        if path == ROOT / "core" / "data_versions.py":
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "text"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")):
                offences.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert offences == []


def test_views_and_api_routes_never_touch_the_session():
    """Adapters parse, call one service or one query, and answer: the session (commit, rollback,
    queries) is the services' and queries' business (@use_case commits or rolls back). The
    health check, which only asks whether the database answers, is the one exception."""
    offences = []
    for path, tree in modules():
        adapter = path.name in ("api.py", "outbox_views.py") or path.name.startswith("views")
        if not adapter or path.parent.name == "api" or path == ROOT / "core" / "views.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("session", "paginate") \
                    and isinstance(node.value, ast.Name) and node.value.id == "db":
                offences.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} db.{node.attr}")
    assert offences == []
