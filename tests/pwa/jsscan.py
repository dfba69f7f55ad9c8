"""Which i18n keys the PWA's JavaScript uses, read from the source (no JS engine needed).

A small lexer turns each module into tokens (names, punctuation, string and template literals,
with template expressions lexed too; comments and regular expressions are skipped), and the
keys are read from those tokens:

- `ctx.t('ns.key')`, `t('ns.key')` (the i18n.js import) and `hasKey('ns.key')`: the literal is
  the key; in `t(cond ? 'a.b' : 'c.d')` both branches are keys.
- A screen's short-hand `const t = (key, params) => ctx.t(`ns.prefix.${key}`, params)` (also
  `(ctx, key, params) =>`): its calls `t('name')` / `t(ctx, 'name')` use `ns.prefix.name`.
  One name stands for one prefix in a file.
- Any other string literal shaped like a key of a known namespace ('nav.home', a key handed to a
  helper) is a key too.
- A template literal used as a key (`ctx.t(`chain.status.${status}`)`) is a run-time key: its
  pattern (`chain.status.*`) must be documented in dynamic_keys.py with the values it takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KEYWORDS_BEFORE_REGEX = {
    "return",
    "typeof",
    "case",
    "do",
    "else",
    "in",
    "of",
    "new",
    "delete",
    "void",
}
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+$")
WRAPPER_TEMPLATE = re.compile(r"^([a-z][\w.]*)\.\$\{key\}$")


@dataclass
class Token:
    kind: str  # name, punct, str, tpl, num, other
    text: str  # the value (str), the pattern with '*' per ${…} (tpl), or the source text
    line: int
    raw: str = ""  # a template's source, for recognising wrapper definitions
    level: int = 0  # how deep inside template expressions (`${…}`) the token stands


@dataclass
class Use:
    """One key (or run-time key pattern) the code uses."""

    key: str
    file: str
    line: int
    dynamic: bool = False
    optional: bool = False  # looked up with hasKey() first: a missing text has a fallback


@dataclass
class ModuleKeys:
    uses: list[Use] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Lexer:
    def __init__(self, source: str):
        self.src = source
        self.tokens: list[Token] = []
        self.level = 0

    def emit(self, kind: str, text: str, pos: int) -> Token:
        token = Token(kind, text, self.line(pos), level=self.level)
        self.tokens.append(token)
        return token

    def line(self, pos: int) -> int:
        return self.src.count("\n", 0, pos) + 1

    def lex(self, pos: int = 0, until_brace: bool = False) -> int:
        """Tokens from pos; with until_brace, stop after the `}` that closes a `${`."""
        src, depth = self.src, 0
        while pos < len(src):
            ch = src[pos]
            if ch.isspace():
                pos += 1
            elif src.startswith("//", pos):
                pos = src.find("\n", pos) if "\n" in src[pos:] else len(src)
            elif src.startswith("/*", pos):
                pos = src.index("*/", pos) + 2
            elif ch in "'\"":
                end = self._string_end(pos, ch)
                value = src[pos + 1 : end].encode().decode("unicode_escape", errors="ignore")
                self.emit("str", value, pos)
                pos = end + 1
            elif ch == "`":
                pos = self._template(pos)
            elif ch == "/" and self._regex_allowed():
                pos = self._regex_end(pos)
            elif ch.isalpha() or ch in "_$":
                m = re.compile(r"[\w$]+").match(src, pos)
                self.emit("name", m.group(), pos)
                pos = m.end()
            elif ch.isdigit():
                m = re.compile(r"[\w.]+").match(src, pos)
                self.emit("num", m.group(), pos)
                pos = m.end()
            else:
                if until_brace and ch == "{":
                    depth += 1
                elif until_brace and ch == "}":
                    if depth == 0:
                        return pos + 1
                    depth -= 1
                self.emit("punct", ch, pos)
                pos += 1
        return pos

    def _string_end(self, pos: int, quote: str) -> int:
        i = pos + 1
        while self.src[i] != quote:
            i += 2 if self.src[i] == "\\" else 1
        return i

    def _template(self, pos: int) -> int:
        """A template literal: one token (its pattern), then the tokens of its expressions."""
        src, i, parts, start = self.src, pos + 1, [], pos
        token = self.emit("tpl", "", pos)
        self.level += 1
        while src[i] != "`":
            if src[i] == "\\":
                parts.append(src[i : i + 2])
                i += 2
            elif src.startswith("${", i):
                parts.append("*")
                i = self.lex(i + 2, until_brace=True)
            else:
                parts.append(src[i])
                i += 1
        self.level -= 1
        token.text = "".join(parts)
        token.raw = src[start : i + 1]
        return i + 1

    def _regex_allowed(self) -> bool:
        if not self.tokens:
            return True
        last = self.tokens[-1]
        if last.kind == "punct":
            return last.text not in ")]}"
        return last.kind == "name" and last.text in KEYWORDS_BEFORE_REGEX

    def _regex_end(self, pos: int) -> int:
        i, in_class = pos + 1, False
        while True:
            ch = self.src[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "/" and not in_class:
                break
            i += 1
        m = re.compile(r"[a-z]*").match(self.src, i + 1)
        return m.end()


def tokenize(source: str) -> list[Token]:
    lexer = Lexer(source)
    lexer.lex()
    return lexer.tokens


def _first_argument(tokens: list[Token], open_index: int) -> list[Token]:
    """The tokens of a call's first argument (open_index is the `(`), template insides left out."""
    depth, out, level = 0, [], tokens[open_index].level
    for token in tokens[open_index + 1 :]:
        if token.level > level:
            continue
        if token.kind == "punct" and token.text in "([{":
            depth += 1
        elif token.kind == "punct" and token.text in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif token.kind == "punct" and token.text == "," and depth == 0:
            break
        out.append(token)
    return out


def _key_literals(argument: list[Token]) -> list[Token]:
    """String and template literals that are the argument's value (also both ternary branches)."""
    chosen = []
    for index, token in enumerate(argument):
        if token.kind not in ("str", "tpl"):
            continue
        before = argument[index - 1] if index else None
        after = argument[index + 1] if index + 1 < len(argument) else None
        starts = before is None or (before.kind == "punct" and before.text in "?:(")
        ends = after is None or (after.kind == "punct" and after.text in ":)")
        if starts and ends:
            chosen.append(token)
    return chosen


def _wrappers(tokens: list[Token]) -> tuple[dict[str, set[str]], dict[str, bool], set[int]]:
    """`const t = (ctx?, key, params?) => ctx.t(`prefix.${key}`…)`: name → prefixes."""
    prefixes: dict[str, set[str]] = {}
    takes_ctx: dict[str, bool] = {}
    definitions: set[int] = set()
    for i, token in enumerate(tokens):
        if token.kind != "tpl" or not WRAPPER_TEMPLATE.match(token.raw.strip("`")):
            continue
        arrow = [t.text for t in tokens[max(0, i - 20) : i]]
        text = " ".join(arrow)
        m = re.search(r"const (\w+) = \( (ctx , )?key( , params)? \) = > ctx \. t \($", text)
        if not m:
            continue
        definitions.add(i)
        prefixes.setdefault(m.group(1), set()).add(
            WRAPPER_TEMPLATE.match(token.raw.strip("`")).group(1)
        )
        takes_ctx[m.group(1)] = bool(m.group(2))
    return prefixes, takes_ctx, definitions


def _callee(tokens: list[Token], open_index: int) -> str:
    """'ctx.t', 't', 'hasKey' … for the `(` at open_index ('' when it is no call)."""
    if open_index == 0 or tokens[open_index - 1].kind != "name":
        return ""
    name = tokens[open_index - 1].text
    if (
        open_index >= 3
        and tokens[open_index - 2].text == "."
        and tokens[open_index - 3].kind == "name"
    ):
        return f"{tokens[open_index - 3].text}.{name}"
    return name


def module_keys(path: Path, relative: str, first_segments: set[str]) -> ModuleKeys:
    tokens = tokenize(path.read_text(encoding="utf-8"))
    prefixes, takes_ctx, definitions = _wrappers(tokens)
    result = ModuleKeys()
    for name, found in prefixes.items():
        if len(found) > 1:
            result.problems.append(
                f"{relative}: `{name}` stands for several prefixes {sorted(found)}"
            )
    seen: set[int] = {id(tokens[i]) for i in definitions}

    def add(token: Token, key: str, optional: bool = False) -> None:
        dynamic = token.kind == "tpl"
        result.uses.append(Use(key, relative, token.line, dynamic=dynamic, optional=optional))

    for i, token in enumerate(tokens):
        if token.kind != "punct" or token.text != "(":
            continue
        callee = _callee(tokens, i)
        if callee in ("ctx.t", "t", "hasKey") and callee not in prefixes:
            for literal in _key_literals(_first_argument(tokens, i)):
                if id(literal) in seen:
                    continue  # a short-hand's own definition
                seen.add(id(literal))
                add(literal, literal.text, optional=callee == "hasKey")
        elif callee in prefixes:
            start = i + 2 if takes_ctx[callee] else i  # skip `ctx ,`
            prefix = next(iter(prefixes[callee]))
            for literal in _key_literals(_first_argument(tokens, start)):
                seen.add(id(literal))
                add(literal, f"{prefix}.{literal.text}")
    for token in tokens:
        if id(token) in seen or token.kind not in ("str", "tpl"):
            continue
        if (
            KEY_SHAPE.match(token.text.replace("*", "x"))
            and token.text.split(".")[0] in first_segments
        ):
            add(token, token.text)
    return result
