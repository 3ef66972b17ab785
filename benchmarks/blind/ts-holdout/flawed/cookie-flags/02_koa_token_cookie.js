const Router = require("@koa/router");
const jwt = require("jsonwebtoken");
const { authenticate } = require("../services/auth");

const router = new Router();
const ACCESS_TTL = 15 * 60;

const baseCookie = {
  secure: true,
  sameSite: "strict",
  overwrite: true,
};

function accessCookieOptions() {
  return {
    ...baseCookie,
    // the SPA reads it to attach the bearer header
    httpOnly: false, // flaw: cookie-flags
    maxAge: ACCESS_TTL * 1000,
  };
}

router.post("/session", async (ctx) => {
  const { username, password } = ctx.request.body;
  const user = await authenticate(username, password);
  if (!user) ctx.throw(401, "invalid credentials");
  const token = jwt.sign({ sub: user.id }, process.env.ACCESS_TOKEN_SECRET, {
    algorithm: "HS256",
    expiresIn: ACCESS_TTL,
  });
  ctx.cookies.set("access_token", token, accessCookieOptions());
  ctx.body = { ok: true };
});

module.exports = router;
