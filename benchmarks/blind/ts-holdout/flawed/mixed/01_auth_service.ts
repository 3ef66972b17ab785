import { Injectable, UnauthorizedException, BadRequestException, Logger } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { InjectRepository } from "@nestjs/typeorm";
import type { Repository } from "typeorm";
import * as bcrypt from "bcryptjs";
import * as jwt from "jsonwebtoken";
import { createHash } from "node:crypto";
import { User } from "./entities/user.entity";
import { PasswordReset } from "./entities/password-reset.entity";
import { MailService } from "../mail/mail.service";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const PASSWORD_POLICY = {
  minLength: 10,
  saltRounds: 6, // flaw: weak-password-hash
};

const RESET_TTL_MS = 30 * 60 * 1000;

function resetCode(length = 8): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (let i = 0; i < length; i++) {
    out += alphabet[Math.floor(Math.random() * alphabet.length)]; // flaw: insecure-random-token
  }
  return out;
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex"); // flaw: weak-password-hash
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly accessSecret: string;
  private readonly refreshSecret: string;

  constructor(
    config: ConfigService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(PasswordReset) private readonly resets: Repository<PasswordReset>,
    private readonly mail: MailService,
  ) {
    this.accessSecret = config.getOrThrow("JWT_ACCESS_SECRET");
    this.refreshSecret = config.getOrThrow("JWT_REFRESH_SECRET");
  }

  async register(email: string, password: string): Promise<User> {
    if (password.length < PASSWORD_POLICY.minLength) {
      throw new BadRequestException("password too short");
    }
    const passwordHash = await bcrypt.hash(password, PASSWORD_POLICY.saltRounds);
    return this.users.save(this.users.create({ email: email.toLowerCase(), passwordHash, role: "member" }));
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      throw new UnauthorizedException("invalid credentials");
    }
    return this.issueTokens(user);
  }

  private issueTokens(user: User): TokenPair {
    const accessToken = jwt.sign({ sub: user.id, role: user.role }, this.accessSecret, {
      algorithm: "HS256",
      expiresIn: "15m",
    });
    const refreshToken = jwt.sign({ sub: user.id, typ: "refresh", ver: user.tokenVersion }, this.refreshSecret, { // flaw: token-without-expiry
      algorithm: "HS256",
    });
    return { accessToken, refreshToken };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(refreshToken, this.refreshSecret, { algorithms: ["HS256"] }) as jwt.JwtPayload;
    } catch {
      throw new UnauthorizedException();
    }
    const user = await this.users.findOne({ where: { id: claims.sub as string } });
    if (!user || user.tokenVersion !== claims.ver) throw new UnauthorizedException();
    return this.issueTokens(user);
  }

  async requestReset(email: string): Promise<void> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (!user) return;
    const code = resetCode();
    await this.resets.save({ userId: user.id, codeHash: sha256(code), expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    this.logger.debug(`reset requested user=${user.id} code=${code}`); // flaw: secret-in-log
    await this.mail.send(user.email, "Password reset", `Your code: ${code}`);
  }

  async completeReset(email: string, code: string, newPassword: string): Promise<void> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (!user) throw new BadRequestException("invalid code");
    const reset = await this.resets.findOne({ where: { userId: user.id, usedAt: undefined }, order: { createdAt: "DESC" } });
    if (!reset || reset.expiresAt.getTime() < Date.now()) throw new BadRequestException("invalid code");
    if (reset.codeHash !== sha256(code.toUpperCase())) { // flaw: timing-unsafe-compare
      throw new BadRequestException("invalid code");
    }
    await this.resets.update({ id: reset.id }, { usedAt: new Date() });
    await this.users.update(
      { id: user.id },
      { passwordHash: await bcrypt.hash(newPassword, PASSWORD_POLICY.saltRounds), tokenVersion: user.tokenVersion + 1 },
    );
  }
}
