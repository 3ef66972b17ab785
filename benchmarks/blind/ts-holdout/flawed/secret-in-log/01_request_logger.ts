import pino from "pino";
import type { MiddlewareHandler } from "hono";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "accounts-api" },
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
      headers: Object.fromEntries(c.req.raw.headers), // flaw: secret-in-log
    },
    "request",
  );
};

export const errorLog: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } catch (err) {
    logger.error({ path: c.req.path, err: (err as Error).message }, "unhandled error");
    throw err;
  }
};
