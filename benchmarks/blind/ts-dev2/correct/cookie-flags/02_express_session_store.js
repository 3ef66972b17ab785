const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const Redis = require("ioredis");

const isProd = process.env.NODE_ENV === "production";
const secret = process.env.SESSION_SECRET;
if (!secret) throw new Error("SESSION_SECRET must be set");

const app = express();
app.set("trust proxy", 1);

app.use(
  session({
    name: "__Host-sid",
    store: new RedisStore({ client: new Redis(process.env.REDIS_URL) }),
    secret,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      maxAge: 1000 * 60 * 60 * 4,
    },
  })
);

app.post("/preferences/locale", express.json(), (req, res) => {
  const locale = ["en", "de", "fr"].includes(req.body.locale) ? req.body.locale : "en";
  res.cookie("locale", locale, { maxAge: 365 * 24 * 3600 * 1000, secure: isProd }); // near-miss: cookie-flags
  res.sendStatus(204);
});

app.post("/logout", (req, res, next) => {
  req.session.destroy((err) => {
    if (err) return next(err);
    res.clearCookie("__Host-sid", { path: "/", httpOnly: true, secure: true, sameSite: "lax" });
    res.sendStatus(204);
  });
});

module.exports = app;
