"""Parsers for configuration files that keep line numbers: JSON, YAML, Terraform HCL.

Every parser returns the same *located* values so config guards are written once
for all formats: `LDict` (a dict that remembers its own line and each key's
line), `LList` (a list with its line) and `LStr` (a str with its line; `expr`
marks a value that is an unevaluated expression such as a Terraform reference
or a CloudFormation `!Ref`). Numbers, booleans and null stay plain Python values.

- JSON: validated by the standard `json` module, then walked by a small
  position-aware loader built on `json.decoder.scanstring`/`raw_decode`.
- YAML: PyYAML's composer (`compose_all` with a SafeLoader), so every node has a
  mark and CloudFormation short-form tags (`!Sub`, `!Ref`, `!GetAtt` ...) need no
  constructors: a tagged scalar becomes an `LStr` (marked `expr` for `!Ref`-like
  tags), tagged collections stay collections.
- Terraform: the lark tree of python-hcl2 (which carries positions). Blocks become
  `LDict`s with `block_type` and `labels`; `jsonencode({...})` is converted to the
  located object it encodes, and heredocs holding JSON are parsed as JSON at their
  line offset, so IAM documents embedded in Terraform look like any other.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # defined at run time; typeshed omits it
from typing import Any

import yaml

__all__ = [
    "ConfigParseError",
    "LDict",
    "LList",
    "LStr",
    "line_of",
    "parse_config",
    "parse_json",
    "parse_terraform",
    "parse_yaml",
]


class ConfigParseError(ValueError):
    """The file does not parse as its format; `line` is where the parser stopped."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = max(line, 1)


class LStr(str):
    line: int
    expr: bool

    def __new__(cls, value: str, line: int, expr: bool = False) -> LStr:
        obj = super().__new__(cls, value)
        obj.line = line
        obj.expr = expr
        return obj


class LList(list):
    def __init__(self, items: list[Any], line: int) -> None:
        super().__init__(items)
        self.line = line


class LDict(dict):
    """A mapping with its line and the line of each key (Terraform blocks also
    carry `block_type` and `labels`)."""

    def __init__(self, line: int, block_type: str | None = None, labels: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.block_type = block_type
        self.labels = labels
        # Parsed from a Terraform heredoc: no comment (and no suppression) can sit on its lines.
        self.heredoc = False

    def put(self, key: str, value: Any, line: int) -> None:
        self[key] = value
        self.key_lines[key] = line

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def line_of(value: Any, default: int = 1) -> int:
    return getattr(value, "line", default)


class _LineIndex:
    def __init__(self, text: str, offset: int = 0) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._offset = offset

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos) + self._offset


# -- JSON ------------------------------------------------------------------

_JSON_WS = re.compile(r"[ \t\n\r]*")


def _skip_ws(text: str, pos: int) -> int:
    """The position after the JSON whitespace at `pos` (the pattern also matches none)."""
    match = _JSON_WS.match(text, pos)
    return match.end() if match else pos


_DECODER = json.JSONDecoder()


def parse_json(text: str, line_offset: int = 0) -> Any:
    """Parse one JSON document into located values; raise ConfigParseError if invalid."""
    try:
        json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1) + line_offset
        raise ConfigParseError(f"JSON does not parse: {getattr(exc, 'msg', 'invalid')}", line) from None
    lines = _LineIndex(text, line_offset)
    value, _ = _json_value(text, _skip_ws(text, 0), lines)
    return value


def _json_value(text: str, pos: int, lines: _LineIndex) -> tuple[Any, int]:
    char = text[pos]
    line = lines.line(pos)
    if char == "{":
        result = LDict(line)
        pos = _skip_ws(text, pos + 1)
        if text[pos] == "}":
            return result, pos + 1
        while True:
            key_line = lines.line(pos)
            key, pos = scanstring(text, pos + 1)
            pos = _skip_ws(text, pos) + 1  # past ':'
            pos = _skip_ws(text, pos)
            value, pos = _json_value(text, pos, lines)
            result.put(key, value, key_line)
            pos = _skip_ws(text, pos)
            if text[pos] == "}":
                return result, pos + 1
            pos = _skip_ws(text, pos + 1)  # past ','
    if char == "[":
        items: list[Any] = []
        pos = _skip_ws(text, pos + 1)
        if text[pos] == "]":
            return LList(items, line), pos + 1
        while True:
            value, pos = _json_value(text, pos, lines)
            items.append(value)
            pos = _skip_ws(text, pos)
            if text[pos] == "]":
                return LList(items, line), pos + 1
            pos = _skip_ws(text, pos + 1)
    if char == '"':
        value, end = scanstring(text, pos + 1)
        return LStr(value, line), end
    return _DECODER.raw_decode(text, pos)


# -- YAML ------------------------------------------------------------------

# CloudFormation short forms whose value is a reference, not a literal.
_EXPR_TAGS = {"!Ref", "!GetAtt", "!ImportValue", "!If", "!FindInMap", "!Select", "!GetAZs", "!Condition"}
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# libyaml's parser when PyYAML was built with it (same nodes and marks, faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, line_offset: int = 0) -> list[Any]:
    """Parse every document of a YAML stream into located values."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_YAML_LOADER))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 if mark is not None else 1) + line_offset
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigParseError(f"YAML does not parse: {problem}", line) from None
    memo: dict[int, Any] = {}
    documents = [_yaml_value(node, memo, line_offset) for node in nodes if node is not None]
    return [document for document in documents if document is not None]  # empty `---` documents


def _yaml_value(node: yaml.Node, memo: dict[int, Any], offset: int) -> Any:
    # Aliases share their node: convert once, so `&a`/`*a` bombs cost nothing.
    cached = memo.get(id(node))
    if cached is not None:
        return cached
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: Any = LDict(line)
        memo[id(node)] = result
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(_yaml_value(key_node, memo, offset))
            result.put(str(key), _yaml_value(value_node, memo, offset), key_node.start_mark.line + 1 + offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LList([], line)
        memo[id(node)] = result
        result.extend(_yaml_value(item, memo, offset) for item in node.value)
        return result
    tag = node.tag or ""
    if node.style in ("|", ">"):
        line += 1  # a block scalar's text starts on the line after its indicator
    if tag.startswith("tag:yaml.org,2002:") and tag != "tag:yaml.org,2002:str":
        try:
            value = _SCALAR_CONSTRUCTOR.construct_object(node, deep=True)
        except yaml.YAMLError:
            value = LStr(str(node.value), line)
    else:
        value = LStr(str(node.value), line, expr=tag in _EXPR_TAGS)
    memo[id(node)] = value
    return value


# -- Terraform HCL ---------------------------------------------------------


def parse_terraform(text: str) -> LDict:
    """Parse Terraform/HCL2 into a located body: attributes as keys, blocks as
    lists of `LDict` under their block type (e.g. `body["resource"]`)."""
    import hcl2  # python-hcl2: loaded only when a Terraform file is checked
    from lark.exceptions import LarkError

    try:
        tree = hcl2.parses_to_tree(text if text.endswith("\n") else text + "\n")
    except LarkError as exc:
        line = getattr(exc, "line", 1)
        raise ConfigParseError("Terraform does not parse", line if isinstance(line, int) else 1) from None
    return _HclConverter(text).body(tree.children[0], 1)


class _HclConverter:
    def __init__(self, text: str) -> None:
        self.text = text

    def source(self, tree: Any) -> str:
        meta = tree.meta
        if getattr(meta, "empty", True):
            return ""
        return self.text[meta.start_pos : meta.end_pos]

    def body(self, tree: Any, line: int, block_type: str | None = None, labels: tuple[str, ...] = ()) -> LDict:
        result = LDict(line, block_type, labels)
        for child in tree.children:
            if not hasattr(child, "data"):
                continue
            if child.data == "attribute":
                name = self.name(child.children[0])
                expression = child.children[-1]
                result.put(name, self.value(expression), child.meta.line)
            elif child.data == "block":
                parts = [c for c in child.children if hasattr(c, "data") and c.data != "new_line_or_comment"]
                block_name = self.name(parts[0])
                block_labels = tuple(self.name(p) if p.data != "string" else str(self.string(p)) for p in parts[1:-1])
                block = self.body(parts[-1], child.meta.line, block_name, block_labels)
                if block_name not in result:
                    result.put(block_name, LList([], child.meta.line), child.meta.line)
                result[block_name].append(block)
        return result

    def name(self, tree: Any) -> str:
        if hasattr(tree, "data"):
            return "".join(str(token) for token in tree.scan_values(lambda _: True)).strip()
        return str(tree)

    def string(self, tree: Any) -> LStr:
        parts: list[str] = []
        for part in tree.children:
            if not hasattr(part, "data"):
                continue
            inner = part.children[0] if part.children else ""
            parts.append(self.source(part) if hasattr(inner, "data") else str(inner))
        raw = "".join(parts)
        return LStr(_unescape_hcl(raw), tree.meta.line)

    def value(self, tree: Any) -> Any:
        while hasattr(tree, "data") and tree.data == "expr_term" and len(tree.children) == 1:
            tree = tree.children[0]
        if not hasattr(tree, "data"):
            return LStr(str(tree), 1, expr=True)
        kind = tree.data
        line = tree.meta.line if not getattr(tree.meta, "empty", True) else 1
        if kind == "string":
            return self.string(tree)
        if kind == "int_lit":
            return int(str(tree.children[0]))
        if kind == "float_lit":
            return float(str(tree.children[0]))
        if kind == "literal_value":
            return {"true": True, "false": False, "null": None}[str(tree.children[0])]
        if kind == "tuple":
            return LList([self.value(c) for c in tree.children if self._is_expression(c)], line)
        if kind == "object":
            result = LDict(line)
            for elem in tree.children:
                if hasattr(elem, "data") and elem.data == "object_elem":
                    key_tree = elem.children[0]
                    key = self.value(key_tree.children[0]) if key_tree.children else ""
                    result.put(str(key), self.value(elem.children[-1]), elem.meta.line)
            return result
        if kind in ("heredoc_template", "heredoc_template_trim"):
            return self.heredoc(str(tree.children[0]), line)
        if kind == "function_call":
            return self.function_call(tree, line)
        if kind == "identifier":
            return LStr(self.name(tree), line, expr=True)
        return LStr(self.source(tree), line, expr=True)

    @staticmethod
    def _is_expression(tree: Any) -> bool:
        return hasattr(tree, "data") and tree.data != "new_line_or_comment"

    def function_call(self, tree: Any, line: int) -> Any:
        name = self.name(tree.children[0])
        arguments = next((c for c in tree.children if hasattr(c, "data") and c.data == "arguments"), None)
        args = [c for c in arguments.children if self._is_expression(c)] if arguments is not None else []
        if name == "jsonencode" and len(args) == 1:
            return self.value(args[0])
        if name in ("trimspace", "chomp", "toset", "tolist") and len(args) == 1:
            return self.value(args[0])
        return LStr(self.source(tree), line, expr=True)

    def heredoc(self, raw: str, line: int) -> Any:
        body = raw.split("\n", 1)[1] if "\n" in raw else ""
        body = body.rstrip()
        body = body[: body.rfind("\n")] if "\n" in body else ""
        stripped = body.strip()
        if stripped.startswith(("{", "[")):
            try:
                parsed = parse_json(body, line_offset=line)
            except ConfigParseError:
                pass
            else:
                if isinstance(parsed, LDict):
                    parsed.heredoc = True
                return parsed
        return LStr(body, line)


def _unescape_hcl(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        return json.loads('"' + raw + '"')
    except ValueError:
        return raw


# -- dispatch --------------------------------------------------------------

_TEMPLATE_LINE = re.compile(r"^\s*\{\{[^\n]*\}\}\s*$", re.MULTILINE)
_TEMPLATE_EXPR = re.compile(r"\{\{.*?\}\}")


def _blank_multiline_actions(text: str) -> str:
    """Template actions that span lines, replaced by their newlines (one linear scan, no backtracking)."""
    parts: list[str] = []
    position = 0
    while (start := text.find("{{", position)) >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break
        action = text[start : end + 2]
        parts.append(text[position:start])
        parts.append("\n" * action.count("\n") if "\n" in action else action)
        position = end + 2
    parts.append(text[position:])
    return "".join(parts)


def parse_config(text: str, language: str) -> list[Any]:
    """Parse `text` as `language` ('json', 'yaml', 'terraform') into a list of documents.

    YAML that only fails because of Helm/Go-template actions (`{{ ... }}`) is
    retried with those actions blanked out, since charts are ordinary RBAC config.
    """
    if language == "json":
        # An empty file grants nothing; it is not a parse failure.
        return [parse_json(text)] if text.strip() else []
    if language == "terraform":
        return [parse_terraform(text)]
    if language == "yaml":
        try:
            return parse_yaml(text)
        except ConfigParseError:
            if "{{" not in text:
                raise
        # Blank actions that span lines (`{{- /* a comment */ -}}`) and whole-line directives, replace
        # inline actions by a placeholder: line numbers stay the same.
        detemplated = _TEMPLATE_LINE.sub("", _blank_multiline_actions(text))
        detemplated = _TEMPLATE_EXPR.sub("TEMPLATED", detemplated)
        return parse_yaml(detemplated)
    raise ValueError(f"not a configuration language: {language}")
