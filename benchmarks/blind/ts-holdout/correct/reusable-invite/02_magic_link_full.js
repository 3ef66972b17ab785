const { pool } = require("../db");

// Single statement: unexpired, unused, bound to the address it was sent to.
async function redeemMagicLink(token, emailFromForm) { // near-miss: reusable-invite
  const { rows } = await pool.query(
    `UPDATE magic_links
        SET used_at = now()
      WHERE token = $1
        AND used_at IS NULL
        AND expires_at > now()
        AND lower(email) = lower($2)
      RETURNING user_id`,
    [token, emailFromForm]
  );
  return rows.length ? rows[0].user_id : null;
}

function magicLinkRoute(startSession) {
  return async (req, res, next) => {
    try {
      const userId = await redeemMagicLink(String(req.body.token || ""), String(req.body.email || ""));
      if (!userId) return res.status(400).json({ error: "link invalid or expired" });
      await startSession(req, res, userId);
      res.json({ ok: true });
    } catch (err) {
      next(err);
    }
  };
}

module.exports = { redeemMagicLink, magicLinkRoute };
