const Koa = require("koa");
const cors = require("@koa/cors");

const ALLOWED_ORIGINS = new Set((process.env.CORS_ORIGINS || "").split(",").map((s) => s.trim()).filter(Boolean));

const app = new Koa();

app.use(
  cors({
    credentials: true,
    origin: (ctx) => {
      const origin = ctx.get("Origin");
      return ALLOWED_ORIGINS.has(origin) ? origin : ""; // near-miss: authz-missing
    },
    allowMethods: ["GET", "POST", "PATCH", "DELETE"],
  })
);

// public, cookie-less status endpoint
app.use(async (ctx, next) => {
  if (ctx.path === "/status") {
    ctx.set("Access-Control-Allow-Origin", "*"); // near-miss: authz-missing
    ctx.body = { ok: true };
    return;
  }
  await next();
});

module.exports = app;
