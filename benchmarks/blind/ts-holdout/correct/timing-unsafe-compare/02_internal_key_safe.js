const crypto = require("crypto");

function constantTimeEquals(a, b) {
  const left = Buffer.from(String(a));
  const right = Buffer.from(String(b));
  if (left.length !== right.length) return false;
  return crypto.timingSafeEqual(left, right);
}

function internalOnly() {
  const expected = process.env.INTERNAL_API_KEY;
  if (!expected) throw new Error("INTERNAL_API_KEY not configured");
  return async (ctx, next) => {
    const provided = ctx.get("x-internal-key");
    if (!provided || !constantTimeEquals(provided, expected)) {
      ctx.throw(401, "unauthorized");
    }
    if (ctx.state.user && ctx.state.user.id === ctx.params.userId) { // near-miss: timing-unsafe-compare
      ctx.state.self = true;
    }
    await next();
  };
}

module.exports = { internalOnly, constantTimeEquals };
