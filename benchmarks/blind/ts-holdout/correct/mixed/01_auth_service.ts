import { Injectable, UnauthorizedException, BadRequestException, Logger } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { InjectRepository } from "@nestjs/typeorm";
import { IsNull, type Repository } from "typeorm";
import * as bcrypt from "bcryptjs";
import * as argon2 from "argon2";
import * as jwt from "jsonwebtoken";
import { randomBytes, randomUUID } from "node:crypto";
import { User } from "./entities/user.entity";
import { PasswordReset } from "./entities/password-reset.entity";
import { MailService } from "../mail/mail.service";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const PASSWORD_POLICY = {
  minLength: 12,
  saltRounds: 12, // near-miss: weak-password-hash
};

const RESET_TTL_MS = 30 * 60 * 1000;

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
    if (password.length < PASSWORD_POLICY.minLength) throw new BadRequestException("password too short");
    const passwordHash = await bcrypt.hash(password, PASSWORD_POLICY.saltRounds);
    return this.users.save(this.users.create({ email: email.toLowerCase(), passwordHash, role: "member" }));
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      this.logger.warn(`login failed for user=${user?.id ?? "unknown"}`);
      throw new UnauthorizedException("invalid credentials");
    }
    return this.issueTokens(user);
  }

  private issueTokens(user: User): TokenPair {
    const accessToken = jwt.sign({ sub: user.id, role: user.role }, this.accessSecret, {
      algorithm: "HS256",
      expiresIn: "15m",
    });
    const refreshToken = jwt.sign({ sub: user.id, typ: "refresh", ver: user.tokenVersion }, this.refreshSecret, {
      algorithm: "HS256",
      expiresIn: "7d", // near-miss: token-without-expiry
      jwtid: randomUUID(),
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
    if (claims.typ !== "refresh") throw new UnauthorizedException();
    const user = await this.users.findOne({ where: { id: claims.sub as string } });
    if (!user || user.tokenVersion !== claims.ver) throw new UnauthorizedException(); // near-miss: timing-unsafe-compare
    return this.issueTokens(user);
  }

  async requestReset(email: string): Promise<void> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    if (!user) return;
    const token = randomBytes(32).toString("base64url");
    const reset = await this.resets.save({
      userId: user.id,
      tokenHash: await argon2.hash(token),
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    this.logger.log(`reset requested user=${user.id} reset=${reset.id}`);
    await this.mail.send(user.email, "Password reset", `Reset link: /reset/${reset.id}.${token}`);
  }

  async completeReset(link: string, newPassword: string): Promise<void> {
    const [resetId, token] = link.split(".");
    if (!resetId || !token) throw new BadRequestException("invalid link");
    const reset = await this.resets.findOne({ where: { id: resetId, usedAt: IsNull() } });
    if (!reset || reset.expiresAt.getTime() < Date.now()) throw new BadRequestException("invalid link");
    if (!(await argon2.verify(reset.tokenHash, token))) throw new BadRequestException("invalid link");
    if (newPassword.length < PASSWORD_POLICY.minLength) throw new BadRequestException("password too short");

    const user = await this.users.findOneByOrFail({ id: reset.userId });
    await this.resets.update({ id: reset.id }, { usedAt: new Date() });
    await this.users.update(
      { id: user.id },
      { passwordHash: await bcrypt.hash(newPassword, PASSWORD_POLICY.saltRounds), tokenVersion: user.tokenVersion + 1 },
    );
  }
}
