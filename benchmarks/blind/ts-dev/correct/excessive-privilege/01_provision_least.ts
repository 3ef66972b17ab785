import { Injectable } from "@nestjs/common";
import { InjectModel } from "@nestjs/mongoose";
import { Model } from "mongoose";
import * as argon2 from "argon2";
import { User, UserDocument } from "./user.schema";

const DEFAULT_MEMBER_SETTINGS = {
  role: "member",
  notifications: { email: true, digest: "weekly" },
};

@Injectable()
export class ProvisioningService {
  constructor(@InjectModel(User.name) private readonly users: Model<UserDocument>) {}

  async provision(input: { email: string; name: string; password: string; orgId: string }) {
    const doc = await this.users.create({
      ...DEFAULT_MEMBER_SETTINGS,
      email: input.email.toLowerCase(),
      name: input.name,
      orgId: input.orgId,
      passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
    });
    return { id: String(doc._id) };
  }

  // First user of a brand-new org becomes its owner; everyone after joins as member.
  async provisionOrgCreator(orgId: string, userId: string) {
    const count = await this.users.countDocuments({ orgId });
    if (count !== 1) throw new Error("org creator must be the only user in the org");
    await this.users.updateOne({ _id: userId, orgId }, { $set: { role: "owner" } }); // near-miss: excessive-privilege
  }
}
