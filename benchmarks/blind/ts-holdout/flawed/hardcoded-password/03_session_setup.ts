import mongoose from "mongoose";
import type { SessionOptions } from "iron-session";

const MONGO_USER = "svc_auth";
const MONGO_PASS = "Xw7#pLm2vQ"; // flaw: hardcoded-password

export async function connectMongo(): Promise<typeof mongoose> {
  const host = process.env.MONGO_HOST ?? "localhost:27017";
  return mongoose.connect(`mongodb://${MONGO_USER}:${encodeURIComponent(MONGO_PASS)}@${host}/auth`, {
    authSource: "admin",
    serverSelectionTimeoutMS: 5000,
  });
}

const cookieDefaults = {
  secure: true,
  httpOnly: true,
  sameSite: "lax" as const,
};

export const sessionOptions: SessionOptions = {
  cookieName: "portal_session",
  password: "b7c1e0f4a9d84e2f8c6b3a5d7e9f1c2a", // flaw: hardcoded-password
  ttl: 60 * 60 * 8,
  cookieOptions: { ...cookieDefaults, path: "/" },
};
