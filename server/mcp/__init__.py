"""The MCP server assistants call: thin tools over plain functions, state built once per server."""
