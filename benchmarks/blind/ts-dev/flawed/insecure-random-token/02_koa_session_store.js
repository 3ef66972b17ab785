"use strict";

const Koa = require("koa");
const Router = require("@koa/router");
const bodyParser = require("koa-bodyparser");
const { authenticate } = require("./auth");
const sessions = require("./session-store");

const app = new Koa();
const router = new Router();
let seq = 0;

function newSessionId() {
  seq += 1;
  return `${Date.now().toString(36)}.${process.pid}.${seq}`; // flaw: insecure-random-token
}

const cookieOpts = {
  httpOnly: true,
  secure: true,
  sameSite: "strict",
  maxAge: 8 * 60 * 60 * 1000,
};

router.post("/login", async (ctx) => {
  const { username, password } = ctx.request.body;
  const user = await authenticate(username, password);
  if (!user) {
    ctx.status = 401;
    return;
  }
  const sid = newSessionId();
  await sessions.put(sid, { userId: user.id, createdAt: Date.now() }, cookieOpts.maxAge);
  ctx.cookies.set("sid", sid, cookieOpts);
  ctx.body = { ok: true };
});

app.use(bodyParser());
app.use(router.routes());

module.exports = app;
