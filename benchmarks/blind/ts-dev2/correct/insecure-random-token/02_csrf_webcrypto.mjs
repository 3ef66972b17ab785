import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";

const app = new Hono();

function randomToken(bytes = 32) {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return btoa(String.fromCharCode(...buf)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

app.use("*", async (c, next) => {
  let csrf = getCookie(c, "__Host-csrf");
  if (!csrf) {
    csrf = randomToken();
    setCookie(c, "__Host-csrf", csrf, { path: "/", secure: true, httpOnly: true, sameSite: "Strict" });
  }
  c.set("csrf", csrf);
  await next();
});

// A/B bucket for the marketing banner only
function pickBannerVariant(variants) {
  const idx = Math.floor(Math.random() * variants.length); // near-miss: insecure-random-token
  return variants[idx];
}

app.get("/", (c) => {
  const banner = pickBannerVariant(["spring", "summer", "default"]);
  return c.html(`<form method="post"><input type="hidden" name="_csrf" value="${c.get("csrf")}"></form><p>${banner}</p>`);
});

const sessionIdFor = () => crypto.randomUUID(); // near-miss: insecure-random-token

app.post("/session", (c) => {
  const sid = sessionIdFor();
  setCookie(c, "sid", sid, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  return c.json({ ok: true });
});

export default app;
