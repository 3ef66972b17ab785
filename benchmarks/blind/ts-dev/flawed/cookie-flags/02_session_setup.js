"use strict";

const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const { createClient } = require("redis");

const sessionSecret = process.env.SESSION_SECRET;
if (!sessionSecret) {
  throw new Error("SESSION_SECRET is required");
}

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect().catch((err) => {
  console.error("redis connection failed", err.message);
  process.exit(1);
});

const cookieDefaults = {
  secure: false, // flaw: cookie-flags
  httpOnly: true,
  sameSite: "lax",
  maxAge: 1000 * 60 * 60 * 4,
};

function mountSession(app) {
  app.set("trust proxy", 1);
  app.use(
    session({
      store: new RedisStore({ client: redisClient, prefix: "portal:" }),
      name: "portal.sid",
      secret: sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { ...cookieDefaults },
    })
  );
}

const app = express();
mountSession(app);

module.exports = { app, mountSession };
