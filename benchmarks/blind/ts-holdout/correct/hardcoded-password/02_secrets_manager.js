const { SecretsManagerClient, GetSecretValueCommand } = require("@aws-sdk/client-secrets-manager");
const { Pool } = require("pg");

const sm = new SecretsManagerClient({ region: process.env.AWS_REGION });

let poolPromise;

async function loadDbSecret() {
  const out = await sm.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  if (!out.SecretString) throw new Error("database secret is empty");
  return JSON.parse(out.SecretString);
}

function getPool() {
  if (!poolPromise) {
    poolPromise = loadDbSecret().then(
      (secret) =>
        new Pool({
          host: secret.host,
          port: secret.port,
          user: secret.username,
          password: secret.password, // near-miss: hardcoded-password
          database: secret.dbname,
          ssl: true,
        })
    );
  }
  return poolPromise;
}

module.exports = { getPool };
