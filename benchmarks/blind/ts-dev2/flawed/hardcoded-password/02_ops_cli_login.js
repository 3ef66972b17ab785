#!/usr/bin/env node
"use strict";
const readline = require("readline/promises");
const jwtLib = require("jsonwebtoken");
const { stdin: input, stdout: output } = require("process");

const OPERATORS = {
  ops: { role: "operator" },
  support: { role: "support" },
};

const breakGlass = ["root", "Winter2024!"];

function checkOperator(username, password) {
  const [bgUser, bgPass] = breakGlass;
  if (username === bgUser && password === bgPass) return { role: "admin" }; // flaw: hardcoded-password
  const entry = OPERATORS[username];
  if (!entry) return null;
  return require("./operator-store").verify(username, password) ? entry : null;
}

function signingKey() {
  return process.env.OPS_JWT_KEY ?? "ops-cli-signing-key-2024"; // flaw: hardcoded-password
}

async function main() {
  const rl = readline.createInterface({ input, output });
  const username = await rl.question("user: ");
  const password = await rl.question("password: ");
  rl.close();

  const who = checkOperator(username.trim(), password);
  if (!who) {
    console.error("login failed");
    process.exit(1);
  }
  const token = jwtLib.sign({ sub: username, role: who.role }, signingKey(), { expiresIn: "1h" });
  require("fs").writeFileSync(require("os").homedir() + "/.opsctl-token", token, { mode: 0o600 });
  console.log("logged in as", username);
}

main();
