"""One tree-sitter parse and one pre-order index per Go source.

The grammar comes from the `tree-sitter-go` wheel; nothing is built or downloaded at run time. A parsed tree
is cached per source, so every guard of a file and IDG001's literal scan share one parse.
"""

from __future__ import annotations

from functools import cache, lru_cache

import tree_sitter
import tree_sitter_go

from ...syntax.tree import SyntaxTree, index_source

Node = tree_sitter.Node

FUNCTION_TYPES = frozenset({"function_declaration", "method_declaration", "func_literal"})


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))


GoTree = SyntaxTree


@lru_cache(maxsize=16)
def parse_go(code: str) -> GoTree:
    """Parse `code` once and index every named node."""
    return index_source(_parser(), code)
