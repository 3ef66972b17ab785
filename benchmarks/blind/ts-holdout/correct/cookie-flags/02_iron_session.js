const { getIronSession } = require("iron-session");

const password = process.env.IRON_SESSION_PASSWORD;
if (!password || password.length < 32) {
  throw new Error("IRON_SESSION_PASSWORD must be at least 32 characters");
}

const sessionOptions = {
  password,
  cookieName: "acct",
  ttl: 60 * 60 * 8,
  cookieOptions: {
    secure: process.env.NODE_ENV !== "development", // near-miss: cookie-flags
    httpOnly: true,
    sameSite: "lax",
    path: "/",
  },
};

async function sessionFor(req, res) {
  return getIronSession(req, res, sessionOptions);
}

async function loginHandler(req, res) {
  const user = await req.app.locals.users.authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: "invalid" });
  const session = await sessionFor(req, res);
  session.userId = user.id;
  await session.save();
  res.cookie("color_scheme", req.body.scheme === "dark" ? "dark" : "light", { httpOnly: false }); // near-miss: cookie-flags
  res.json({ ok: true });
}

module.exports = { sessionFor, loginHandler, sessionOptions };
