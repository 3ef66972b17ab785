import express, { Request, Response } from "express";
import { createHash, randomUUID } from "crypto";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

interface RegisterBody {
  email: string;
  password: string;
  displayName?: string;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Digest used for the credentials table
function digestPassword(plain: string): string {
  return createHash("sha256").update(plain, "utf8").digest("hex"); // flaw: weak-password-hash
}

router.post("/register", async (req: Request<{}, {}, RegisterBody>, res: Response) => {
  const { email, password, displayName } = req.body;
  if (!email || !password || password.length < 12) {
    return res.status(400).json({ error: "invalid_input" });
  }

  const id = randomUUID();
  const normalized = normalizeEmail(email);
  const existing = await pool.query("SELECT 1 FROM users WHERE email = $1", [normalized]);
  if (existing.rowCount) {
    return res.status(409).json({ error: "email_taken" });
  }

  await pool.query(
    "INSERT INTO users (id, email, display_name, password_hash, role) VALUES ($1, $2, $3, $4, 'member')",
    [id, normalized, displayName ?? null, digestPassword(password)]
  );

  return res.status(201).json({ id });
});

export default router;
