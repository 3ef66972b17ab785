// Drives an idguard MCP server with the official TypeScript SDK client, as another implementation would.
// Usage: node ts_sdk_client.mjs stdio COMMAND [ARGS...] | node ts_sdk_client.mjs http URL
// Prints one JSON object: negotiated protocol version, server info, tool names, a check_code result.
// A bearer token for HTTP comes from IDGUARD_HTTP_TOKEN.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, target, ...rest] = process.argv.slice(2);
const token = process.env.IDGUARD_HTTP_TOKEN;
const transport =
  mode === "stdio"
    ? new StdioClientTransport({ command: target, args: rest, stderr: "inherit" })
    : new StreamableHTTPClientTransport(new URL(target), {
        requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
      });

// The SDK hands the negotiated version to the transport; record it on the way.
let negotiated = null;
const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
transport.setProtocolVersion = (version) => {
  negotiated = version;
  setProtocolVersion?.(version);
};

const client = new Client({ name: "idguard-ts-sdk-test", version: "1.0.0" });
await client.connect(transport);
const tools = await client.listTools();
const unverified = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n';
const checked = await client.callTool({ name: "check_code", arguments: { code: unverified, path: "auth/t.py" } });
console.log(
  JSON.stringify({
    protocolVersion: negotiated,
    server: client.getServerVersion(),
    tools: tools.tools.map((t) => t.name),
    checkCode: { isError: checked.isError ?? false, structuredContent: checked.structuredContent },
  }),
);
await client.close();
