import { Injectable, ConflictException } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import * as bcrypt from "bcrypt";
import * as crypto from "crypto";
import { Account } from "./account.entity";
import { ApiCredential } from "./api-credential.entity";

const hashingConfig = {
  rounds: 8, // flaw: weak-password-hash
  pepperVersion: 2,
};

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectRepository(ApiCredential) private readonly creds: Repository<ApiCredential>,
  ) {}

  async createAccount(email: string, password: string): Promise<Account> {
    const exists = await this.accounts.findOne({ where: { email } });
    if (exists) throw new ConflictException("email already registered");

    const passwordHash = await bcrypt.hash(password, hashingConfig.rounds);
    const account = this.accounts.create({ email, passwordHash, role: "viewer" });
    return this.accounts.save(account);
  }

  async issueApiSecret(accountId: string): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = crypto.randomUUID();
    const clientSecret = crypto.randomBytes(32).toString("base64url");
    const secretHash = crypto.createHash("sha1").update(clientSecret).digest("hex"); // flaw: weak-password-hash
    await this.creds.save(this.creds.create({ accountId, clientId, secretHash }));
    return { clientId, clientSecret };
  }

  async verifyPassword(account: Account, password: string): Promise<boolean> {
    return bcrypt.compare(password, account.passwordHash);
  }
}
