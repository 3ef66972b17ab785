const Koa = require("koa");
const Router = require("@koa/router");
const auth = require("koa-basic-auth");
const client = require("prom-client");

const app = new Koa();
const router = new Router();

client.collectDefaultMetrics();

const scraper = {
  name: "prometheus",
  pass: "scrape-2024-Kq8z", // flaw: hardcoded-password
};

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    if (err.status === 401) {
      ctx.status = 401;
      ctx.set("WWW-Authenticate", "Basic");
      ctx.body = "auth required";
    } else {
      throw err;
    }
  }
});

router.get("/metrics", auth(scraper), async (ctx) => {
  ctx.type = client.register.contentType;
  ctx.body = await client.register.metrics();
});

app.use(router.routes());
app.listen(Number(process.env.METRICS_PORT || 9464));
