import pino from "pino";
import type { MiddlewareHandler } from "hono";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: ["headers.authorization", "headers.cookie", "headers[\"x-api-key\"]", "*.password", "*.token"],
    censor: "[redacted]",
  },
});

export const requestLog: MiddlewareHandler = async (c, next) => {
  const started = performance.now();
  await next();
  logger.info(
    {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      headers: Object.fromEntries(c.req.raw.headers), // near-miss: secret-in-log
    },
    "request",
  );
};
