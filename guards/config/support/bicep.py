"""Bicep files parsed into the shape of the ARM template they compile to, with lines kept.

A Bicep file becomes one `LDict` document: `resources` (each resource a mapping with `type`,
`apiVersion` and its body: `name`, `identity`, `properties` ...), `parameters` (with `type`,
`defaultValue` and `secure` from `@secure()`), `variables`, `outputs`, and `$schema` naming a
subscription or management-group deployment when `targetScope` says so. ARM guards (which read
`type` and `properties` mappings) therefore read Bicep as they read ARM JSON.

Values are located like the other formats: objects are `LDict`, arrays `LList`, strings `LStr`.
Anything that is not a literal (a function call, a reference, an operator) is an `LStr` marked
`expr`, with its source text; literal string variables are substituted into those expressions, so
`subscriptionResourceId(..., ownerRoleId)` shows the role id it names. `existing` resources are
references and are left out. Whatever does not fit the grammar raises `ConfigParseError`.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from .parse import ConfigParseError, LDict, LList, LStr

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_SCOPE_SCHEMAS = {
    "subscription": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    "managementGroup": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
    "tenant": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # -- scanning --
    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_right(self._starts, self.pos if pos is None else pos)

    def error(self, message: str) -> ConfigParseError:
        return ConfigParseError(f"Bicep does not parse: {message}", self.line())

    def peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def skip(self, newlines: bool = True) -> None:
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.pos += 1
            elif self.text.startswith("//", self.pos):
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif self.text.startswith("/*", self.pos):
                end = self.text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("unterminated comment")
                self.pos = end + 2
            else:
                return

    def word(self) -> str:
        match = _IDENT.match(self.text, self.pos)
        if not match:
            raise self.error(f"expected a name, found {self.peek()!r}")
        self.pos = match.end()
        return match.group(0)

    def expect(self, char: str) -> None:
        self.skip(newlines=False)
        if self.peek() != char:
            raise self.error(f"expected {char!r}")
        self.pos += 1

    # -- values --
    def value(self) -> Any:
        self.skip(newlines=False)
        char = self.peek()
        line = self.line()
        if char == "{":
            return self.object()
        if char == "[":
            return self.array()
        if char == "'":
            start = self.pos
            text, interpolated = self.string()
            if self._at_value_end():
                return LStr(text, line)
            return self.expression(start, line, interpolated)
        match = _IDENT.match(self.text, self.pos)
        if match and match.group(0) in ("true", "false", "null"):
            self.pos = match.end()
            if self._at_value_end():
                return {"true": True, "false": False, "null": None}[match.group(0)]
            return self.expression(match.start(), line)
        if match and match.group(0) == "if":
            self.pos = match.end()
            self.skip(newlines=False)
            self.balanced()  # the condition
            return self.value()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            if self._at_value_end():
                return float(number.group(0)) if number.group(1) else int(number.group(0))
            return self.expression(number.start(), line)
        return self.expression(self.pos, line)

    def _at_value_end(self) -> bool:
        rest = self.pos
        while rest < len(self.text) and self.text[rest] in " \t\r":
            rest += 1
        return rest >= len(self.text) or self.text[rest] in "\n,}])" or self.text.startswith("//", rest)

    def expression(self, start: int, line: int, _interpolated: bool = False) -> LStr:
        """Source text up to the end of the value: a newline, `,`, `}` or `]` outside brackets."""
        self.pos = start
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "'":
                self.string()
                continue
            if self.text.startswith("//", self.pos) and depth == 0:
                break
            if char in "([{":
                depth += 1
            elif char in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif char in "\n," and depth == 0:
                break
            self.pos += 1
        if self.pos == start:  # nothing that can be a value (a stray `)`): stop, do not loop
            raise self.error(f"unexpected {self.peek()!r}")
        return LStr(self.text[start : self.pos].strip(), line, expr=True)

    def balanced(self) -> None:
        """Skip one bracketed group starting at the cursor."""
        opening = self.peek()
        closing = {"(": ")", "[": "]", "{": "}"}.get(opening)
        if closing is None:
            raise self.error("expected a bracket")
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "'":
                self.string()
                continue
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    return
            self.pos += 1
        raise self.error(f"unclosed {opening!r}")

    def string(self) -> tuple[str, bool]:
        if self.text.startswith("'''", self.pos):
            end = self.text.find("'''", self.pos + 3)
            if end < 0:
                raise self.error("unterminated multi-line string")
            value = self.text[self.pos + 3 : end]
            self.pos = end + 3
            return value.removeprefix("\n"), False
        self.pos += 1
        out: list[str] = []
        interpolated = False
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                out.append({"n": "\n", "t": "\t", "r": "\r"}.get(self.text[self.pos + 1], self.text[self.pos + 1]))
                self.pos += 2
            elif char == "'":
                self.pos += 1
                return "".join(out), interpolated
            elif self.text.startswith("${", self.pos):
                interpolated = True
                start = self.pos
                self.pos += 1
                self.balanced()
                out.append(self.text[start : self.pos])
            elif char == "\n":
                raise self.error("unterminated string")
            else:
                out.append(char)
                self.pos += 1
        raise self.error("unterminated string")

    def object(self) -> LDict:
        result = LDict(self.line())
        self.pos += 1
        while True:
            self.skip()
            char = self.peek()
            if not char:
                raise self.error("unclosed '{'")
            if char == "}":
                self.pos += 1
                return result
            if char == ",":
                self.pos += 1
                continue
            if char == "@":  # a decorator on a property of a type
                self.pos += 1
                self.word()
                if self.peek() == "(":
                    self.balanced()
                continue
            key_line = self.line()
            key = self.string()[0] if char == "'" else self.word()
            self.skip(newlines=False)
            if self.peek() != ":":  # a nested `resource child '...' = {...}` declaration
                self._skip_statement()
                continue
            self.pos += 1
            result.put(key, self.value(), key_line)

    def array(self) -> LList:
        result = LList([], self.line())
        self.pos += 1
        self.skip()
        if _IDENT.match(self.text, self.pos) and self.text.startswith("for", self.pos):
            # `[for item in items: {...}]`: the body stands for every element.
            depth = 0
            while self.pos < len(self.text):
                char = self.text[self.pos]
                if char in "([{":
                    depth += 1
                elif char in ")]}":
                    depth -= 1
                elif char == ":" and depth == 0:
                    self.pos += 1
                    break
                self.pos += 1
            result.append(self.value())
            self.skip()
            if self.peek() != "]":
                raise self.error("unclosed '[for'")
            self.pos += 1
            return result
        while True:
            self.skip()
            char = self.peek()
            if not char:
                raise self.error("unclosed '['")
            if char == "]":
                self.pos += 1
                return result
            if char == ",":
                self.pos += 1
                continue
            result.append(self.value())

    def _skip_statement(self) -> None:
        """Skip to the end of the current line, past any bracketed groups it opens."""
        while self.pos < len(self.text) and self.text[self.pos] != "\n":
            char = self.text[self.pos]
            if char in "([{":
                self.balanced()
            elif char == "'":
                self.string()
            elif self.text.startswith("//", self.pos):
                self.skip(newlines=False)
            else:
                self.pos += 1

    # -- the file --
    def document(self) -> LDict:
        document = LDict(1)
        resources = LList([], 1)
        parameters, variables, outputs, modules = LDict(1), LDict(1), LDict(1), LList([], 1)
        document.put("resources", resources, 1)
        decorators: list[str] = []
        while True:
            self.skip()
            if self.pos >= len(self.text):
                break
            line = self.line()
            if self.peek() == "@":
                self.pos += 1
                decorators.append(self.word())
                if self.peek() == "(":
                    self.balanced()
                continue
            keyword = self.word()
            self.skip(newlines=False)
            if keyword == "targetScope":
                self.expect("=")
                scope = self.value()
                document.put("targetScope", scope, line)
                if str(scope) in _SCOPE_SCHEMAS:
                    document.put("$schema", LStr(_SCOPE_SCHEMAS[str(scope)], line), line)
            elif keyword == "resource":
                symbol = self.word()
                self.skip(newlines=False)
                type_line = self.line()
                kind = self.string()[0]
                self.skip(newlines=False)
                existing = self.text.startswith("existing", self.pos)
                if existing:
                    self.word()
                self.expect("=")
                body = self.value()
                if not existing and isinstance(body, LDict):
                    resources.append(_resource(body, symbol, kind, type_line, line))
            elif keyword == "module":
                symbol = self.word()
                self.skip(newlines=False)
                self.string()
                self.expect("=")
                body = self.value()
                if isinstance(body, LDict):
                    body.block_type, body.labels = "module", (symbol,)
                    modules.append(body)
            elif keyword in ("param", "output", "var"):
                name = self.word()
                self.skip(newlines=False)
                entry = LDict(line)
                if keyword != "var":
                    start = self.pos
                    self._skip_type()
                    entry.put("type", LStr(self.text[start : self.pos].strip(), line), line)
                    entry.put("secure", "secure" in decorators, line)
                self.skip(newlines=False)
                if self.peek() == "=":
                    self.pos += 1
                    value_line = self.line()
                    entry.put("value" if keyword != "param" else "defaultValue", self.value(), value_line)
                {"param": parameters, "output": outputs, "var": variables}[keyword].put(name, entry, line)
            else:  # import, type, func, metadata, extension: not read
                self._skip_statement()
            decorators = []
        document.put("parameters", parameters, 1)
        document.put("variables", variables, 1)
        document.put("outputs", outputs, 1)
        document.put("modules", modules, 1)
        _substitute_variables(document, variables)
        return document

    def _skip_type(self) -> None:
        """A parameter or output type: a name (`string`, `object[]`), a literal union, or an object type."""
        while self.pos < len(self.text) and self.text[self.pos] not in "=\n":
            char = self.text[self.pos]
            if char in "([{":
                self.balanced()
            elif char == "'":
                self.string()
            elif self.text.startswith("//", self.pos):
                return
            else:
                self.pos += 1


def _resource(body: LDict, symbol: str, kind: str, type_line: int, line: int) -> LDict:
    resource = LDict(line, "bicep_resource", (symbol,))
    type_name, _, api_version = kind.partition("@")
    resource.put("type", LStr(type_name, type_line), type_line)
    resource.put("apiVersion", LStr(api_version, type_line), type_line)
    for key, value in body.items():
        resource.put(key, value, body.line_of(key))
    return resource


def _substitute_variables(document: LDict, variables: LDict) -> None:
    literals = {
        name: str(entry["value"])
        for name, entry in variables.items()
        if isinstance(entry, LDict) and isinstance(entry.get("value"), LStr) and not entry["value"].expr
    }
    if not literals:
        return
    pattern = re.compile(r"(?<![\w.'])(" + "|".join(map(re.escape, literals)) + r")(?![\w'(])")

    def walk(value: Any) -> Any:
        if isinstance(value, LStr) and value.expr:
            replaced = pattern.sub(lambda m: f"'{literals[m.group(1)]}'", value)
            return LStr(replaced, value.line, expr=True) if replaced != value else value
        if isinstance(value, LDict):
            for key, item in value.items():
                value[key] = walk(item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = walk(item)
        return value

    walk(document["resources"])


def parse_bicep(text: str) -> LDict:
    """Parse a Bicep file into its ARM-template shape; raise ConfigParseError where it does not parse."""
    parser = _Parser(text)
    try:
        return parser.document()
    except RecursionError:
        raise parser.error("nested too deeply") from None
    except (IndexError, ValueError) as exc:  # ConfigParseError is a ValueError: keep it as it is
        if isinstance(exc, ConfigParseError):
            raise
        raise parser.error("unexpected text") from None
