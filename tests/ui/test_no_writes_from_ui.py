"""The screens change the vault only through use cases run by the operation runner: no module
of `ui/` opens a transaction or calls a repository's write method (issue 12 §1)."""

from __future__ import annotations

import ast
import re

from helpers import ROOT

UI = ROOT / "src" / "commsdesk" / "ui"
WRITES = re.compile(r"^(add|update|delete|undo_delete|save|remove|discard|dismiss|purge|rebuild"
                    r"|set_\w+|record\w*|import\w*|install\w*|trust\w*|restore\w*)$")


def _mentions_repos(node: ast.AST, aliases: set[str]) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Attribute) and inner.attr == "repos":
            return True
        if isinstance(inner, ast.Name) and inner.id in aliases:
            return True
    return False


def _is_reference(node: ast.AST) -> bool:
    """`a.b.c`: a name or an attribute chain (what a read call returns is no repository)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to a repository or to `vault.repos` (`repo = self.vault.repos.notes`)."""
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and _is_reference(node.value)
                    and _mentions_repos(node.value, found)):
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name) and name.id not in found:
                            found.add(name.id)
                            changed = True
    return found


def writes_in(source: str, name: str = "<string>") -> list[str]:
    tree = ast.parse(source, name)
    aliases = _aliases(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method == "transaction":
            found.append(f"{name}:{node.lineno}: {method}()")
        elif WRITES.match(method) and _mentions_repos(node.func.value, aliases):
            found.append(f"{name}:{node.lineno}: {ast.unparse(node.func)}()")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def test_no_module_of_ui_writes_to_the_vault():
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += writes_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_the_walker_sees_every_way_a_screen_wrote_before():
    source = """
def save(self):
    with self.vault.transaction():
        self.vault.repos.conversations.add(conv)
    repos = self.vault.repos
    repos.stage_changes.add(change)
    sheets = self.vault.repos.prep_sheets
    sheets.update(sheet)
    self.vault.repos.contacts.set_archived(1, True)
    self.vault.repos.dismissals.dismiss(1, "rule")
    self.vault.repos.history.purge()
    self.vault.repos.contacts.list()
    self.model.add(1)
    self.seen.update({1})
    practised = self.vault.repos.practice.last_practised("drill")
    practised.update({1: 2})
"""
    assert [line.split(": ", 1)[1] for line in writes_in(source)] == [
        "transaction()", "self.vault.repos.conversations.add()", "repos.stage_changes.add()",
        "sheets.update()", "self.vault.repos.contacts.set_archived()",
        "self.vault.repos.dismissals.dismiss()", "self.vault.repos.history.purge()"]
