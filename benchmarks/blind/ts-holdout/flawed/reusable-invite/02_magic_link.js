const { Router } = require("express");
const { pool } = require("../db");
const { startSession } = require("../session");

const router = Router();

async function redeemMagicLink(token) { // flaw: reusable-invite
  const { rows } = await pool.query(
    "SELECT id, user_id, used_at FROM magic_links WHERE token = $1",
    [token]
  );
  const link = rows[0];
  if (!link || link.used_at) return null;
  await pool.query("UPDATE magic_links SET used_at = now() WHERE id = $1", [link.id]);
  return link.user_id;
}

router.get("/auth/magic", async (req, res, next) => {
  try {
    const userId = await redeemMagicLink(String(req.query.token || ""));
    if (!userId) return res.redirect("/login?error=link");
    await startSession(req, res, userId);
    res.redirect("/");
  } catch (err) {
    next(err);
  }
});

module.exports = router;
