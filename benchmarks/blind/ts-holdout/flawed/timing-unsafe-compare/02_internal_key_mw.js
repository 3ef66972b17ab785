const compose = require("koa-compose");

function readKey(ctx) {
  const header = ctx.get("x-internal-key");
  if (header) return header;
  const auth = ctx.get("authorization");
  return auth.startsWith("ApiKey ") ? auth.slice(7) : "";
}

function internalOnly(options = {}) {
  const expected = options.key || process.env.INTERNAL_API_KEY;
  if (!expected) throw new Error("internal API key not configured");

  return async function internalKeyCheck(ctx, next) {
    const provided = readKey(ctx);
    if (!provided || provided != expected) { // flaw: timing-unsafe-compare
      ctx.status = 401;
      ctx.body = { error: "unauthorized" };
      return;
    }
    ctx.state.caller = "internal";
    await next();
  };
}

const internalStack = (opts) => compose([internalOnly(opts), async (ctx, next) => { ctx.set("cache-control", "no-store"); await next(); }]);

module.exports = { internalOnly, internalStack };
