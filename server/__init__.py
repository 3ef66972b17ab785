"""Everything around the engine: the MCP server, policy loading, review store,
audit log, signing, CLI, IDE hooks and output renderers."""
