"""One tree-sitter parse and one pre-order index per Java source.

The grammar comes from the `tree-sitter-java` wheel; nothing is built or downloaded at run time. A parsed tree
is cached per source, so every guard of a file and the secret scan (IDG001) share one parse.
"""

from __future__ import annotations

from functools import cache, lru_cache

import tree_sitter
import tree_sitter_java

from ...syntax.tree import SyntaxTree, index_source

Node = tree_sitter.Node

# Nodes that start a body of code a guard judges as one unit.
FUNCTION_TYPES = frozenset({"method_declaration", "constructor_declaration", "lambda_expression"})
CLASS_TYPES = frozenset(
    {
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
        "object_creation_expression",
    }
)


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_java.language()))


JavaTree = SyntaxTree


@lru_cache(maxsize=16)
def parse_java(code: str) -> JavaTree:
    """Parse `code` once and index every named node."""
    return index_source(_parser(), code)
