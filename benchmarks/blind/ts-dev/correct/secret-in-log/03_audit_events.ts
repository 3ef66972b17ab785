import { Logger } from "@nestjs/common";

const log = new Logger("AuthAudit");

export interface LoginEvent {
  userId: string;
  ip: string;
  userAgent?: string;
  method: "password" | "sso" | "passkey";
  success: boolean;
}

export function recordLogin(event: LoginEvent): void {
  const line = {
    userId: event.userId,
    ip: event.ip,
    ua: event.userAgent?.slice(0, 120),
    method: event.method,
    success: event.success,
  };
  if (event.success) {
    log.log(JSON.stringify(line));
  } else {
    log.warn(JSON.stringify(line));
  }
}

export function recordApiKeyUse(keyId: string, route: string): void {
  log.debug(`api key ${keyId} used on ${route}`); // near-miss: secret-in-log
}
