import { Logger } from "@nestjs/common";
import * as argon2 from "argon2";

export class LoginFailed extends Error {
  constructor(public readonly userId?: string) {
    super("invalid credentials");
  }
}

const logger = new Logger("Login");

const mask = (email: string) => email.replace(/^(.).*(@.*)$/, "$1***$2");

export async function checkLogin(
  lookup: (email: string) => Promise<{ id: string; passwordHash: string } | null>,
  email: string,
  password: string,
) {
  const user = await lookup(email);
  if (!user || !(await argon2.verify(user.passwordHash, password))) {
    logger.warn(`failed login for ${mask(email)}`); // near-miss: secret-in-log
    throw new LoginFailed(user?.id);
  }
  logger.log(`login ok user=${user.id}`);
  return user;
}
