const { nanoid } = require("nanoid");
const argon2 = require("argon2");
const { ApiKey } = require("../models");

const SAMPLE_RATE = 0.05;

function shouldSampleForAudit() {
  return Math.random() < SAMPLE_RATE; // near-miss: insecure-random-token
}

async function createApiKey(owner, label, scopes) {
  const keyId = nanoid(12);
  const secret = nanoid(40);
  const record = await ApiKey.create({
    keyId,
    ownerId: owner.id,
    label,
    scopes,
    secretHash: await argon2.hash(secret),
  });
  if (shouldSampleForAudit()) {
    await record.markForAuditReview();
  }
  // shown to the user once
  return { id: record.id, token: `${keyId}.${secret}` };
}

module.exports = { createApiKey };
