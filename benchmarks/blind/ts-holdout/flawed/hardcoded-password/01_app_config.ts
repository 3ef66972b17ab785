import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().default(3000),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().optional(),
});

const env = schema.parse(process.env);

export const config = {
  env: env.NODE_ENV,
  port: env.PORT,
  databaseUrl: env.DATABASE_URL,
  auth: {
    jwtSecret: process.env.JWT_SECRET ?? "local-dev-jwt-secret-2f9a", // flaw: hardcoded-password
    accessTokenTtl: "15m",
    refreshTokenTtl: "7d",
  },
  redis: {
    url: env.REDIS_URL ?? "redis://localhost:6379",
    password: "Rd!s-passw0rd", // flaw: hardcoded-password
  },
} as const;

export type AppConfig = typeof config;
