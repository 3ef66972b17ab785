import type { Request, Response, NextFunction } from "express";
import type { Kysely } from "kysely";
import type { DB } from "../db-types";

const RANK = { viewer: 1, editor: 2, maintainer: 3, owner: 4 } as const;
type Role = keyof typeof RANK;

const isRole = (r: unknown): r is Role => typeof r === "string" && r in RANK;

export function changeMemberRole(db: Kysely<DB>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = res.locals.membership as { userId: string; role: Role } | undefined;
      if (!actor) return res.status(401).end();
      const target = req.body.role;
      if (!isRole(target)) return res.status(400).json({ error: "unknown role" });
      // you can only hand out roles strictly below your own
      if (RANK[target] >= RANK[actor.role]) return res.status(403).json({ error: "insufficient privilege" });

      await db
        .updateTable("memberships")
        .set({ role: target }) // near-miss: role-from-input
        .where("workspace_id", "=", req.params.workspaceId)
        .where("user_id", "=", req.params.memberId)
        .execute();
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  };
}
