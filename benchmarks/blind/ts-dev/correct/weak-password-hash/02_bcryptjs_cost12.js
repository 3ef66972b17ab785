"use strict";

const bcrypt = require("bcryptjs");
const { Router } = require("express");
const Users = require("../models/user");

const BCRYPT_COST = Number.parseInt(process.env.BCRYPT_COST || "12", 10);
if (!Number.isInteger(BCRYPT_COST) || BCRYPT_COST < 10) {
  throw new Error("BCRYPT_COST must be an integer >= 10");
}

const router = Router();

async function hashPassword(plain) {
  const salt = await bcrypt.genSalt(BCRYPT_COST); // near-miss: weak-password-hash
  return bcrypt.hash(plain, salt);
}

router.post("/users/:id/password", async (req, res, next) => {
  try {
    if (!req.user || req.user.id !== req.params.id) {
      return res.status(403).end();
    }
    const { currentPassword, newPassword } = req.body;
    const user = await Users.findById(req.params.id).select("+passwordHash");
    if (!user || !(await bcrypt.compare(currentPassword, user.passwordHash))) {
      return res.status(401).json({ error: "wrong_password" });
    }
    user.passwordHash = await hashPassword(newPassword);
    user.passwordChangedAt = new Date();
    await user.save();
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
