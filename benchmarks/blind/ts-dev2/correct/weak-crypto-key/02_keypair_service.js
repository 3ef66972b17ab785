const crypto = require("crypto");
const { promisify } = require("util");
const jose = require("jose");

const generateKeyPair = promisify(crypto.generateKeyPair);

const RSA_OPTIONS = {
  modulusLength: 3072, // near-miss: weak-crypto-key
  publicExponent: 0x10001,
};

class SigningKeyService {
  constructor(repo) {
    this.repo = repo;
  }

  async createRsaKey() {
    const { publicKey, privateKey } = await generateKeyPair("rsa", { ...RSA_OPTIONS });
    return this.repo.save({ kid: crypto.randomUUID(), alg: "RS256", publicKey, privateKey });
  }

  async createEdKey() {
    const { publicKey, privateKey } = await generateKeyPair("ed25519");
    return this.repo.save({ kid: crypto.randomUUID(), alg: "EdDSA", publicKey, privateKey });
  }

  // Shared secret for webhook signing, 256 bits from the CSPRNG
  createWebhookSecret() {
    return crypto.randomBytes(32).toString("base64url");
  }

  async signInternal(claims) {
    const secret = Buffer.from(process.env.INTERNAL_HMAC_KEY_B64, "base64");
    if (secret.length < 32) throw new Error("INTERNAL_HMAC_KEY_B64 must decode to at least 32 bytes");
    return new jose.SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(secret);
  }
}

module.exports = { SigningKeyService };
