const express = require("express");
const { Pool } = require("pg");
const { sendMail } = require("./mailer");

const pool = new Pool();
const router = express.Router();

const CODE_TTL_MINUTES = 15;

function sixDigits() {
  return String(Math.floor(100000 + Math.random() * 900000)); // flaw: insecure-random-token
}

async function issueResetCode(userId) {
  const code = sixDigits();
  await pool.query(
    `INSERT INTO password_resets (user_id, code, expires_at)
     VALUES ($1, $2, now() + ($3 || ' minutes')::interval)
     ON CONFLICT (user_id) DO UPDATE SET code = EXCLUDED.code, expires_at = EXCLUDED.expires_at`,
    [userId, code, CODE_TTL_MINUTES]
  );
  return code;
}

router.post("/password/forgot", async (req, res, next) => {
  try {
    const email = String(req.body.email || "").trim().toLowerCase();
    const { rows } = await pool.query("SELECT id FROM users WHERE email = $1", [email]);
    if (rows.length) {
      const code = await issueResetCode(rows[0].id);
      await sendMail(email, "Your reset code", `Use ${code} within ${CODE_TTL_MINUTES} minutes.`);
    }
    // same response either way
    res.status(202).json({ ok: true });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
