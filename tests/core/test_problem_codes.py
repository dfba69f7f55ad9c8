"""Does every error the app can answer have a stable code with a German and an English text?

The source is read, not run: every `raise Invalid/Conflict/…(code)` (and every other
DomainError), every `problem_response(status, code)` and every `error=` of a marshmallow
validator names a code, and that code has an entry in the de and the en catalogue.
"""

from __future__ import annotations

import ast
from pathlib import Path

from app.core import i18n
from app.core.errors import CODE, DomainError
from app.core.problems import HTTP_CODES, OTHER_HTTP_ERROR

APP = Path(__file__).resolve().parents[2] / "app"

# Modules whose raise sites still carry sentences instead of codes (answered under the
# generic code of their status until they are swept). The list only shrinks.
NOT_YET_SWEPT: set[str] = set()


def _error_classes() -> dict[str, type[DomainError]]:
    found, todo = {}, [DomainError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


# Codes computed by the framework's handlers; test_do_the_framework_errors_have_texts checks
# every value they can take.
COMPUTED = {"http_code(status)", "error.code"}


def _constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }


class CodeUses(ast.NodeVisitor):
    """Collects (code, where) of one module; `unresolved` lists what names no code."""

    def __init__(self, tree: ast.Module, path: str):
        self.path = path
        self.uses: list[tuple[str, str, str]] = []  # (section, code, where)
        self.unresolved: list[str] = []
        self.constants = _constants(tree)
        for node in tree.body:  # constants imported from another module of the app
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app."):
                source = APP.parent / (node.module.replace(".", "/") + ".py")
                if source.exists():
                    imported = _constants(ast.parse(source.read_text(encoding="utf-8")))
                    for alias in node.names:
                        if alias.name in imported:
                            self.constants[alias.asname or alias.name] = imported[alias.name]
        self.functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        self.calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        self.error_classes = set(_error_classes())

    def where(self, node) -> str:
        return f"{self.path}:{node.lineno}"

    def resolve(self, node, section: str, depth: int = 0) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.uses.append((section, node.value, self.where(node)))
        elif isinstance(node, ast.IfExp):
            self.resolve(node.body, section, depth)
            self.resolve(node.orelse, section, depth)
        elif isinstance(node, ast.Name) and node.id in self.constants:
            self.uses.append((section, self.constants[node.id], self.where(node)))
        elif ast.unparse(node) in COMPUTED:
            pass
        elif not (isinstance(node, ast.Name) and self._parameter_uses(node, section, depth)):
            self.unresolved.append(f"{self.where(node)} {ast.unparse(node)}")

    def _parameter_uses(self, name: ast.Name, section: str, depth: int) -> bool:
        """A code passed through a helper's parameter: resolve it at the helper's callers."""
        if depth >= 2:
            return False
        for function in self.functions:
            params = [a.arg for a in function.args.args]
            inside = function.lineno <= name.lineno <= (function.end_lineno or 0)
            if not inside or name.id not in params:
                continue
            position = params.index(name.id)
            for call in self.calls:
                if _called_name(call) != function.name:
                    continue
                passed = [k.value for k in call.keywords if k.arg == name.id]
                passed += call.args[position : position + 1]
                for argument in passed:
                    self.resolve(argument, section, depth + 1)
            return True
        return False

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node)
        if name in self.error_classes and node.args:
            self.resolve(node.args[0], "problems")
            for keyword in node.keywords:
                if keyword.arg == "errors" and isinstance(keyword.value, ast.Dict):
                    for value in keyword.value.values:
                        items = value.elts if isinstance(value, ast.List) else [value]
                        for item in items:
                            self.resolve(item, "problems|fields")
        elif name == "problem_response" and len(node.args) > 1:
            self.resolve(node.args[1], "problems")
        elif "validate." in ast.unparse(node.func) or ast.unparse(node.func) == "ValidationError":
            for keyword in node.keywords:
                if keyword.arg == "error":
                    self.resolve(keyword.value, "fields")
        self.generic_visit(node)


def _scan() -> tuple[list[tuple[str, str, str]], list[str]]:
    uses, unresolved = [], []
    for path in sorted(APP.rglob("*.py")):
        relative = str(path.relative_to(APP.parent))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scanner = CodeUses(tree, relative)
        scanner.visit(tree)
        if relative in NOT_YET_SWEPT:
            continue
        uses += scanner.uses
        unresolved += scanner.unresolved
    return uses, unresolved


def _missing(section: str, code: str, language: str) -> bool:
    entries = i18n.catalogue(language)
    return all(code not in entries[name] for name in section.split("|"))


def test_does_every_error_in_the_code_name_a_code_with_a_german_and_an_english_text(app):
    """Is there no raise site with a sentence, or a code that a catalogue lacks?"""
    uses, unresolved = _scan()
    assert unresolved == []
    assert len(uses) > 20  # the scan sees the raise sites
    not_codes = [f"{where} {code!r}" for _s, code, where in uses if not CODE.fullmatch(code)]
    assert not_codes == []
    missing = [
        f"{where} {code} ({language})"
        for section, code, where in uses
        for language in ("de", "en")
        if _missing(section, code, language)
    ]
    assert missing == []


def test_do_the_framework_errors_have_texts(app):
    """Routing, parsing, limits and every DomainError's fallback: all in both catalogues?"""
    codes = {*HTTP_CODES.values(), OTHER_HTTP_ERROR}
    codes |= {cls.generic_code for cls in _error_classes().values()}
    for language in ("de", "en"):
        assert sorted(c for c in codes if c not in i18n.catalogue(language)["problems"]) == []


def test_do_german_and_english_catalogues_have_the_same_keys():
    """Is every text in both languages, and does a further language only use known keys?"""
    german, english = i18n.catalogue("de"), i18n.catalogue("en")
    for section in i18n.SECTIONS:
        assert sorted(german[section]) == sorted(english[section]), section
    for language in i18n.languages():
        for section in i18n.SECTIONS:
            assert set(i18n.catalogue(language)[section]) <= set(german[section])


def test_do_texts_and_their_translations_take_the_same_parameters():
    """A `{date}` in German must be a `{date}` in English too, or a text would show a hole."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _l, name, _f, _c in string.Formatter().parse(text) if name}

    german, english = i18n.catalogue("de"), i18n.catalogue("en")
    for section in i18n.SECTIONS:
        for key, text in german[section].items():
            assert fields(text) == fields(english[section][key]), key
