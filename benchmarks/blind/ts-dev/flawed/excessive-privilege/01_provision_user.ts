import { Injectable } from "@nestjs/common";
import { InjectModel } from "@nestjs/mongoose";
import { Model } from "mongoose";
import * as argon2 from "argon2";
import { User, UserDocument } from "./user.schema";

export interface ProvisionInput {
  email: string;
  name: string;
  password: string;
  orgId: string;
}

const DEFAULT_MEMBER_SETTINGS = {
  role: "owner", // flaw: excessive-privilege
  notifications: { email: true, digest: "weekly" },
  locale: "en-US",
};

@Injectable()
export class ProvisioningService {
  constructor(@InjectModel(User.name) private readonly users: Model<UserDocument>) {}

  async provision(input: ProvisionInput): Promise<{ id: string }> {
    const doc = await this.users.create({
      ...DEFAULT_MEMBER_SETTINGS,
      email: input.email.toLowerCase(),
      name: input.name,
      orgId: input.orgId,
      passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
    });
    return { id: String(doc._id) };
  }

  async provisionFromScim(orgId: string, scimUser: { userName: string; displayName: string }) {
    const doc = await this.users.create({
      ...DEFAULT_MEMBER_SETTINGS,
      email: scimUser.userName.toLowerCase(),
      name: scimUser.displayName,
      orgId,
      passwordHash: null,
    });
    return { id: String(doc._id) };
  }
}
